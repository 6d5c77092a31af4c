package dev.escalation.core;

/**
 * A store could not be read or opened.
 *
 * <p>Immutable once thrown. Example: {@code catch (UnableToAccessStoreException e) { log.warn(e.getMessage()); }}.
 */
public class UnableToAccessStoreException extends EscalationException {
    private static final long serialVersionUID = 1L;

    /** An exception whose {@code message} says what failed and names the bad value. */
    public UnableToAccessStoreException(String message) {
        super(message);
    }

    /** An exception whose {@code message} says what failed, caused by {@code cause}. */
    public UnableToAccessStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
