package dev.escalation.core.handover;

import dev.escalation.core.State;
import dev.escalation.core.Ticket;
import dev.escalation.core.TurnResult;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What the escalation agent answered to one handed-over message, for the host agent to pass on.
 *
 * <p>Immutable and thread-safe. Example: {@code reply.ticketId().ifPresent(id -> host.note(id))}.
 *
 * @param conversationId the escalation's conversation
 * @param reply the whole reply text for the customer
 * @param state where the flow is now, for example {@code DETAILS} or {@code TICKET_CREATED}
 * @param ticket the ticket created in this escalation, or null
 * @param finished true when the escalation ended (a ticket was created, or the customer cancelled):
 *     the host agent may take the conversation back
 * @param degraded true when the configured model failed and the built-in one answered instead
 */
public record HandoverReply(
        String conversationId,
        String reply,
        State state,
        @Nullable Ticket ticket,
        boolean finished,
        boolean degraded) {

    /** Checks the values (see the parameters above) and keeps them as given or normalised. */
    public HandoverReply {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(reply, "reply");
        Objects.requireNonNull(state, "state");
    }

    static HandoverReply of(TurnResult result, boolean finished) {
        return new HandoverReply(
                result.conversationId(),
                result.reply(),
                result.state(),
                result.currentTicket(),
                finished,
                result.degraded());
    }

    /** The created ticket's id, such as {@code TK-7F3K2M9Q}, if there is one. */
    public Optional<String> ticketId() {
        return Optional.ofNullable(ticket).map(t -> t.ticketId().value());
    }
}
