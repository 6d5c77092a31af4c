package dev.escalation.core;

import java.util.Optional;

/**
 * The port that keeps conversation state between messages and across restarts.
 *
 * <p>Implementations must be thread-safe. Example: {@code store.load("c1")}.
 */
public interface ConversationStore {

    /** The stored conversation, or empty if it was never stored. */
    Optional<Conversation> load(String conversationId);

    /**
     * Stores a turn atomically: the conversation (only if its stored version still equals
     * {@code turn.conversation().version()}, else {@link ConversationConflictException}), the new
     * ticket with its CREATED audit entry, the ticket change with its audit entry, and the transcript
     * entry; a message id is recorded as processed with the entry's reply when the reply was worded
     * before the commit (else null, until {@link #recordReply}). Either all of it is stored or none.
     *
     * @throws ConversationConflictException if another writer stored the conversation first
     * @throws DuplicateTicketIdException if the new ticket's id is taken (nothing was stored)
     * @throws TicketNotFoundException if the change names a ticket that does not exist (nothing stored)
     * @throws UnableToStoreConversationException for any other failure (nothing was stored)
     */
    CommittedTurn commit(PendingTurn turn);

    /**
     * What a message already processed in a conversation produced, recorded by {@link #commit} when the
     * turn carried a {@link PendingTurn#messageId()}; empty if that id was never committed. Stores that
     * do not keep processed ids (the default) always answer empty.
     */
    default Optional<StoredReply> findProcessed(String conversationId, String messageId) {
        return Optional.empty();
    }

    /**
     * Records the worded reply of a processed message, after its turn was committed; does nothing if
     * the message was never committed. The default does nothing.
     *
     * @throws UnableToStoreConversationException if it could not be stored
     */
    default void recordReply(String conversationId, String messageId, String reply) {}

    /**
     * Records the worded reply of turn {@code turn} in its transcript entry and, when the message had a
     * transport id, for that id as {@link #recordReply(String, String, String)} does. The default does
     * only the latter (stores without a transcript).
     *
     * @param messageId the message's transport id, or null
     * @throws UnableToStoreConversationException if it could not be stored
     */
    default void recordReply(String conversationId, int turn, String messageId, String reply) {
        if (messageId != null) {
            recordReply(conversationId, messageId, reply);
        }
    }
}
