package dev.escalation.core;

/**
 * A conversation's state could not be stored; nothing of its turn was stored.
 *
 * <p>Immutable once thrown. Example: {@code catch (UnableToStoreConversationException e) { log.warn(e.getMessage()); }}.
 */
public class UnableToStoreConversationException extends EscalationException {
    private static final long serialVersionUID = 1L;

    /** An exception whose {@code message} says what failed and names the bad value. */
    public UnableToStoreConversationException(String message) {
        super(message);
    }

    /** An exception whose {@code message} says what failed, caused by {@code cause}. */
    public UnableToStoreConversationException(String message, Throwable cause) {
        super(message, cause);
    }
}
