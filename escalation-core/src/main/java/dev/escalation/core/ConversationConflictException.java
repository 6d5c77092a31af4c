package dev.escalation.core;

/**
 * Another writer stored the conversation after it was read (optimistic locking).
 *
 * <p>Immutable once thrown. Example: {@code catch (ConversationConflictException e) { log.warn(e.getMessage()); }}.
 */
public class ConversationConflictException extends UnableToStoreConversationException {
    private static final long serialVersionUID = 1L;

    public ConversationConflictException(String message) {
        super(message);
    }

    public ConversationConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
