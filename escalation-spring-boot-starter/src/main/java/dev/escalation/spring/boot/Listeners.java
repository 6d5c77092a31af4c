package dev.escalation.spring.boot;

import dev.escalation.core.CustomerMessage;
import dev.escalation.core.EscalationListener;
import dev.escalation.core.Intent;
import dev.escalation.core.ModelCall;
import dev.escalation.core.ModelToolCall;
import dev.escalation.core.State;
import dev.escalation.core.StoreCall;
import dev.escalation.core.Ticket;
import dev.escalation.core.TicketChange;
import dev.escalation.core.TurnResult;
import java.time.Duration;
import java.util.List;

/** Several listeners called in order as one. Thread-safe when they are. */
final class Listeners implements EscalationListener {
    private final List<EscalationListener> all;

    private Listeners(List<EscalationListener> all) {
        this.all = List.copyOf(all);
    }

    static EscalationListener of(List<EscalationListener> listeners) {
        return listeners.isEmpty()
                ? EscalationListener.NONE
                : listeners.size() == 1 ? listeners.get(0) : new Listeners(listeners);
    }

    @Override
    public void turnStarted(CustomerMessage message) {
        all.forEach(l -> l.turnStarted(message));
    }

    @Override
    public void transition(String conversationId, State from, Intent event, State to) {
        all.forEach(l -> l.transition(conversationId, from, event, to));
    }

    @Override
    public void conversationExpired(String conversationId, State state, Duration idle) {
        all.forEach(l -> l.conversationExpired(conversationId, state, idle));
    }

    @Override
    public void ticketCreated(Ticket ticket) {
        all.forEach(l -> l.ticketCreated(ticket));
    }

    @Override
    public void ticketUpdated(Ticket ticket, TicketChange change) {
        all.forEach(l -> l.ticketUpdated(ticket, change));
    }

    @Override
    public void statusLookedUp(String conversationId, boolean found) {
        all.forEach(l -> l.statusLookedUp(conversationId, found));
    }

    @Override
    public void modelCalled(String conversationId, ModelCall call) {
        all.forEach(l -> l.modelCalled(conversationId, call));
    }

    @Override
    public void toolCalled(String conversationId, ModelToolCall call) {
        all.forEach(l -> l.toolCalled(conversationId, call));
    }

    @Override
    public void storeCalled(String conversationId, StoreCall call) {
        all.forEach(l -> l.storeCalled(conversationId, call));
    }

    @Override
    public void fellBack(String conversationId, String reason) {
        all.forEach(l -> l.fellBack(conversationId, reason));
    }

    @Override
    public void turnCompleted(CustomerMessage message, TurnResult result, Duration duration) {
        all.forEach(l -> l.turnCompleted(message, result, duration));
    }

    @Override
    public void turnFailed(CustomerMessage message, RuntimeException failure, Duration duration) {
        all.forEach(l -> l.turnFailed(message, failure, duration));
    }
}
