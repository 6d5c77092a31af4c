package dev.escalation.core;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A conversation's persisted state: where it is in the flow, what is known, and its version for
 * optimistic locking. Stored as plain values (JSON for the slots), never as a serialized machine.
 *
 * <p>Immutable and thread-safe. Example: {@code store.load("c1").map(Conversation::state)}.
 *
 * @param conversationId the key
 * @param customerId who is talking; owns the tickets created here
 * @param state the flow state
 * @param slots what is known in the current cycle
 * @param pendingQuestion what the agent asked last
 * @param cycle 1 for the first problem, incremented when a new problem starts after a ticket or cancel
 * @param currentTicketId the ticket created in this cycle, or null
 * @param lastTicketId the newest ticket created in this conversation, or null
 * @param turns how many customer messages were handled
 * @param version 0 before the first save; the store increments it on every save
 * @param createdAt when the conversation started
 * @param updatedAt when the last turn was stored (last activity)
 * @param parkedRequest the words of a second problem the customer raised that waits for its own request
 *     (raised while another request was being collected, or after a ticket while the agent asks whether
 *     it is about that ticket), or null; it outlives the cycle it was raised in
 */
public record Conversation(
        String conversationId,
        String customerId,
        State state,
        Slots slots,
        Question pendingQuestion,
        int cycle,
        @Nullable TicketId currentTicketId,
        @Nullable TicketId lastTicketId,
        int turns,
        long version,
        Instant createdAt,
        Instant updatedAt,
        @Nullable String parkedRequest) {

    /** Checks the values (see the parameters above) and keeps them as given or normalised. */
    public Conversation {
        Values.requireText(conversationId, "conversationId");
        Values.requireText(customerId, "customerId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(slots, "slots");
        Objects.requireNonNull(pendingQuestion, "pendingQuestion");
        if (cycle < 1) {
            throw new IllegalArgumentException("cycle must be at least 1, but was " + cycle);
        }
        if (turns < 0) {
            throw new IllegalArgumentException("turns must not be negative, but was " + turns);
        }
        if (version < 0) {
            throw new IllegalArgumentException("version must not be negative, but was " + version);
        }
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (parkedRequest != null && parkedRequest.isBlank()) {
            parkedRequest = null;
        }
    }

    /** A conversation without a parked request. */
    public Conversation(
            String conversationId,
            String customerId,
            State state,
            Slots slots,
            Question pendingQuestion,
            int cycle,
            @Nullable TicketId currentTicketId,
            @Nullable TicketId lastTicketId,
            int turns,
            long version,
            Instant createdAt,
            Instant updatedAt) {
        this(
                conversationId,
                customerId,
                state,
                slots,
                pendingQuestion,
                cycle,
                currentTicketId,
                lastTicketId,
                turns,
                version,
                createdAt,
                updatedAt,
                null);
    }

    /** A copy with another parked request (null for none). */
    public Conversation withParkedRequest(@Nullable String value) {
        return new Conversation(
                conversationId,
                customerId,
                state,
                slots,
                pendingQuestion,
                cycle,
                currentTicketId,
                lastTicketId,
                turns,
                version,
                createdAt,
                updatedAt,
                value);
    }

    /** A copy with another version, as a store returns it after saving. */
    public Conversation withVersion(long value) {
        return new Conversation(
                conversationId,
                customerId,
                state,
                slots,
                pendingQuestion,
                cycle,
                currentTicketId,
                lastTicketId,
                turns,
                value,
                createdAt,
                updatedAt,
                parkedRequest);
    }

    /** A conversation that has not been stored yet, in the given initial state. */
    public static Conversation start(String conversationId, String customerId, State initial, Instant now) {
        return new Conversation(
                conversationId, customerId, initial, Slots.EMPTY, Question.NONE, 1, null, null, 0, 0, now, now);
    }
}
