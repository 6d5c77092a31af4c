package dev.escalation.core;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One handled customer message as the transcript keeps it: what the customer wrote, the row of the
 * flow table it took, and the reply. Written with its turn (in the same transaction), so every stored
 * turn has its entry; the reply is added once it is worded.
 *
 * <p>The row is kept by name (state, event, guard name, state) so a transcript stays readable after the
 * flow changes; {@link #takes(Transition)} matches it against a flow's rows.
 *
 * <p>Immutable and thread-safe. Example: {@code store.turns("c1").get(0).to()}.
 *
 * @param conversationId which conversation
 * @param customerId who wrote the message
 * @param turn the message's number in the conversation, from 1
 * @param cycle the conversation's cycle after the message (a new problem or an expiry starts the next)
 * @param at when the turn was handled
 * @param text the customer's message as the agent read it
 * @param from the state before the message
 * @param event what the message was read as
 * @param guard the name of the row's guard; {@code always} for an unguarded row
 * @param to the state after the message
 * @param reply the reply as the customer saw it, or null until it is recorded
 * @param reading what the message was read as (the reading the flow acted on, after the checks that
 *     the customer's own words confirm and typed any ticket id), or null for turns stored before
 *     readings were kept; {@code impact} replays a conversation from these without calling a model
 */
public record ConversationTurn(
        String conversationId,
        String customerId,
        int turn,
        int cycle,
        Instant at,
        String text,
        State from,
        Intent event,
        String guard,
        State to,
        String reply,
        Interpretation reading) {

    public ConversationTurn {
        Values.requireText(conversationId, "conversationId");
        Values.requireText(customerId, "customerId");
        if (turn < 1) {
            throw new IllegalArgumentException("turn must be at least 1, but was " + turn);
        }
        if (cycle < 1) {
            throw new IllegalArgumentException("cycle must be at least 1, but was " + cycle);
        }
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(event, "event");
        Values.requireText(guard, "guard");
        Objects.requireNonNull(to, "to");
    }

    /** An entry without a recorded reading, as turns were stored before readings were kept. */
    public ConversationTurn(
            String conversationId,
            String customerId,
            int turn,
            int cycle,
            Instant at,
            String text,
            State from,
            Intent event,
            String guard,
            State to,
            String reply) {
        this(conversationId, customerId, turn, cycle, at, text, from, event, guard, to, reply, null);
    }

    /** The entry of a message that took {@code row}, before its reply is worded, without its reading. */
    public static ConversationTurn of(Conversation after, String text, Transition row) {
        return of(after, text, row, null);
    }

    /** This entry with {@code reply} as the reply the customer saw. */
    public ConversationTurn withReply(String reply) {
        return new ConversationTurn(
                conversationId, customerId, turn, cycle, at, text, from, event, guard, to, reply, reading);
    }

    /** The entry of a message read as {@code reading} that took {@code row}, before its reply is worded. */
    public static ConversationTurn of(Conversation after, String text, Transition row, Interpretation reading) {
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(row, "row");
        return new ConversationTurn(
                after.conversationId(),
                after.customerId(),
                after.turns(),
                after.cycle(),
                after.updatedAt(),
                text,
                row.source(),
                row.event(),
                row.guard().name(),
                row.target(),
                null,
                reading);
    }

    /** The recorded reading of the message, if it was stored with one. */
    public Optional<Interpretation> recordedReading() {
        return Optional.ofNullable(reading);
    }

    /** Whether this turn took {@code row}: same states, event and guard name. */
    public boolean takes(Transition row) {
        return row.source().equals(from)
                && row.event() == event
                && row.target().equals(to)
                && row.guard().name().equals(guard);
    }

    /** The worded reply, if it was recorded. */
    public Optional<String> replyText() {
        return Optional.ofNullable(reply);
    }
}
