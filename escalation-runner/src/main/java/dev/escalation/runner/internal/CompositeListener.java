package dev.escalation.runner.internal;

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
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Several listeners as one, called in order; one that throws is logged and does not keep the others
 * from hearing the event.
 *
 * <p>Thread-safe if its listeners are. Example: {@code new CompositeListener(new LoggingListener(), metrics)}.
 */
final class CompositeListener implements EscalationListener {

    private static final Logger log = LoggerFactory.getLogger(CompositeListener.class);

    private final List<EscalationListener> listeners;

    CompositeListener(EscalationListener... listeners) {
        this.listeners = List.of(listeners);
    }

    private void each(Consumer<EscalationListener> event) {
        for (EscalationListener listener : listeners) {
            try {
                event.accept(listener);
            } catch (RuntimeException e) {
                log.warn("an escalation listener failed and was ignored: {}", e.toString());
            }
        }
    }

    @Override
    public void turnStarted(CustomerMessage message) {
        each(l -> l.turnStarted(message));
    }

    @Override
    public void transition(String conversationId, State from, Intent event, State to) {
        each(l -> l.transition(conversationId, from, event, to));
    }

    @Override
    public void conversationExpired(String conversationId, State state, Duration idle) {
        each(l -> l.conversationExpired(conversationId, state, idle));
    }

    @Override
    public void ticketCreated(Ticket ticket) {
        each(l -> l.ticketCreated(ticket));
    }

    @Override
    public void ticketUpdated(Ticket ticket, TicketChange change) {
        each(l -> l.ticketUpdated(ticket, change));
    }

    @Override
    public void statusLookedUp(String conversationId, boolean found) {
        each(l -> l.statusLookedUp(conversationId, found));
    }

    @Override
    public void modelCalled(String conversationId, ModelCall call) {
        each(l -> l.modelCalled(conversationId, call));
    }

    @Override
    public void toolCalled(String conversationId, ModelToolCall call) {
        each(l -> l.toolCalled(conversationId, call));
    }

    @Override
    public void storeCalled(String conversationId, StoreCall call) {
        each(l -> l.storeCalled(conversationId, call));
    }

    @Override
    public void fellBack(String conversationId, String reason) {
        each(l -> l.fellBack(conversationId, reason));
    }

    @Override
    public void turnCompleted(CustomerMessage message, TurnResult result, Duration duration) {
        each(l -> l.turnCompleted(message, result, duration));
    }

    @Override
    public void turnFailed(CustomerMessage message, RuntimeException failure, Duration duration) {
        each(l -> l.turnFailed(message, failure, duration));
    }
}
