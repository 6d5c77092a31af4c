package dev.escalation.core;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What an already processed message produced, as the store recorded it with the message's id, so a
 * redelivered message is answered again without doing anything twice.
 *
 * <p>Immutable and thread-safe. Example: {@code store.findProcessed("c1", "m1").flatMap(StoredReply::text)}.
 *
 * @param conversationId which conversation
 * @param messageId the transport id of the message
 * @param turn the message's turn number in the conversation
 * @param state the state the message led to
 * @param ticketId the ticket the message created, or null
 * @param reply the worded reply, or null when the process stopped between the commit and recording it
 */
public record StoredReply(
        String conversationId,
        String messageId,
        int turn,
        State state,
        @Nullable TicketId ticketId,
        @Nullable String reply) {
    /** Checks the values (see the parameters above) and keeps them as given or normalised. */
    public StoredReply {
        Values.requireText(conversationId, "conversationId");
        Values.requireText(messageId, "messageId");
        Objects.requireNonNull(state, "state");
        if (turn < 1) {
            throw new IllegalArgumentException("turn must be at least 1, but was " + turn);
        }
    }

    /** The worded reply, if it was recorded. */
    public Optional<String> text() {
        return Optional.ofNullable(reply);
    }

    /** The same record with its reply. */
    public StoredReply withReply(String value) {
        return new StoredReply(
                conversationId, messageId, turn, state, ticketId, Objects.requireNonNull(value, "reply"));
    }
}
