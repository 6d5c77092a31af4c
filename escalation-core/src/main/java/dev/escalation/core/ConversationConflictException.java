package dev.escalation.core;

/**
 * Another writer stored the conversation after it was read (optimistic locking).
 *
 * <p>Immutable once thrown. Example: {@code catch (ConversationConflictException e) { log.warn(e.getMessage()); }}.
 */
public class ConversationConflictException extends UnableToStoreConversationException {
    private static final long serialVersionUID = 1L;

    /** An exception whose {@code message} says what failed and names the bad value. */
    public ConversationConflictException(String message) {
        super(message);
    }

    /** An exception whose {@code message} says what failed, caused by {@code cause}. */
    public ConversationConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
