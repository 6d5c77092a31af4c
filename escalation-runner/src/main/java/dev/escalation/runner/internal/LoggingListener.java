package dev.escalation.runner.internal;

import dev.escalation.core.CustomerMessage;
import dev.escalation.core.EscalationListener;
import dev.escalation.core.Intent;
import dev.escalation.core.ModelCall;
import dev.escalation.core.State;
import dev.escalation.core.Ticket;
import dev.escalation.core.TicketChange;
import dev.escalation.core.TurnResult;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs what the engine does at DEBUG: transitions, turns, model calls, tickets and degraded turns (the
 * engine itself warns once when it enters degraded mode); the chat and replay report failures
 * themselves. Customer text is never logged, only ids.
 *
 * <p>Stateless and thread-safe. Example: {@code EscalationEngine.builder().listener(new LoggingListener())}.
 */
final class LoggingListener implements EscalationListener {

    private static final Logger log = LoggerFactory.getLogger(LoggingListener.class);

    @Override
    public void transition(String conversationId, State from, Intent event, State to) {
        log.debug("conversation {}: {} --{}--> {}", conversationId, from, event, to);
    }

    @Override
    public void conversationExpired(String conversationId, State state, Duration idle) {
        log.debug(
                "conversation {} expired in {} after {} without a message; starting afresh",
                conversationId,
                state,
                idle);
    }

    @Override
    public void ticketCreated(Ticket ticket) {
        log.debug(
                "ticket {} created for customer {} ({}, {})",
                ticket.ticketId(),
                ticket.customerId(),
                ticket.department(),
                ticket.priority());
    }

    @Override
    public void ticketUpdated(Ticket ticket, TicketChange change) {
        log.debug("ticket {} updated by {}", ticket.ticketId(), change.actor());
    }

    @Override
    public void modelCalled(String conversationId, ModelCall call) {
        log.debug(
                "conversation {}: {} {} call, {} in / {} out tokens{}, {} ms, {}",
                conversationId,
                call.model(),
                call.operation(),
                call.inputTokens(),
                call.outputTokens(),
                call.tokensEstimated() ? " (estimated)" : "",
                call.duration().toMillis(),
                call.outcome());
    }

    // DEBUG, not WARN: the engine warns once when it enters degraded mode, not on every degraded turn.
    @Override
    public void fellBack(String conversationId, String reason) {
        log.debug(
                "conversation {}: the language model failed ({}); the offline model answered", conversationId, reason);
    }

    @Override
    public void turnCompleted(CustomerMessage message, TurnResult result, Duration duration) {
        log.debug("conversation {} turn {} took {} ms", result.conversationId(), result.turn(), duration.toMillis());
    }

    @Override
    public void turnFailed(CustomerMessage message, RuntimeException failure, Duration duration) {
        log.debug("conversation {}: turn failed after {} ms", message.conversationId(), duration.toMillis(), failure);
    }
}
