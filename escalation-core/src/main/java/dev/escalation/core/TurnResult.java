package dev.escalation.core;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What one customer message produced: the reply, where the flow is now, what is known, and the
 * current cycle's ticket.
 *
 * <p>Immutable and thread-safe. Example: {@code engine.handle(message).ticket().map(Ticket::ticketId)}.
 *
 * @param conversationId which conversation
 * @param turn the number of this message in the conversation, from 1
 * @param reply the whole reply text
 * @param state the state after the message
 * @param slots what is known after the message
 * @param currentTicket the ticket of the current cycle, or null
 * @param usage what the language model spent on this turn
 * @param degraded true when the configured model failed and the built-in one answered instead
 * @param transition the row of the flow table this message took, or null when it was refused
 * @param reading what the message was read as (as the transcript records it), or null when it was
 *     refused or answered again
 * @param parkedRequest the words of a second problem the customer raised that waits for a request of its
 *     own (parked mid-request, or asked about after a ticket), or null when nothing is parked
 */
public record TurnResult(
        String conversationId,
        int turn,
        String reply,
        State state,
        Slots slots,
        @Nullable Ticket currentTicket,
        ModelUsage usage,
        boolean degraded,
        @Nullable Transition transition,
        @Nullable Interpretation reading,
        @Nullable String parkedRequest) {

    /** A result with nothing parked. */
    public TurnResult(
            String conversationId,
            int turn,
            String reply,
            State state,
            Slots slots,
            @Nullable Ticket currentTicket,
            ModelUsage usage,
            boolean degraded,
            @Nullable Transition transition,
            @Nullable Interpretation reading) {
        this(conversationId, turn, reply, state, slots, currentTicket, usage, degraded, transition, reading, null);
    }

    /** A result without a reading. */
    public TurnResult(
            String conversationId,
            int turn,
            String reply,
            State state,
            Slots slots,
            @Nullable Ticket currentTicket,
            ModelUsage usage,
            boolean degraded,
            @Nullable Transition transition) {
        this(conversationId, turn, reply, state, slots, currentTicket, usage, degraded, transition, null, null);
    }

    /** A result with no model usage, not degraded, with no transition. */
    public TurnResult(
            String conversationId, int turn, String reply, State state, Slots slots, @Nullable Ticket currentTicket) {
        this(conversationId, turn, reply, state, slots, currentTicket, ModelUsage.NONE, false, null, null, null);
    }

    /** What the message was read as; empty when it was refused or answered again. */
    public java.util.Optional<Interpretation> readingTaken() {
        return java.util.Optional.ofNullable(reading);
    }

    /** The row of the flow table this message took; empty when the message was refused. */
    public java.util.Optional<Transition> takenTransition() {
        return java.util.Optional.ofNullable(transition);
    }

    /** Checks the values (see the parameters above) and keeps them as given or normalised. */
    public TurnResult {
        Values.requireText(conversationId, "conversationId");
        Objects.requireNonNull(reply, "reply");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(slots, "slots");
        Objects.requireNonNull(usage, "usage");
        if (parkedRequest != null && parkedRequest.isBlank()) {
            parkedRequest = null;
        }
    }

    /** The second problem waiting for a request of its own, if the customer raised one. */
    public Optional<String> parked() {
        return Optional.ofNullable(parkedRequest);
    }

    /** The ticket of the current cycle, if one was created. */
    public Optional<Ticket> ticket() {
        return Optional.ofNullable(currentTicket);
    }
}
