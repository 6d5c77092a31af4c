package dev.escalation.core;

/**
 * A store could not be read or opened.
 *
 * <p>Immutable once thrown. Example: {@code catch (UnableToAccessStoreException e) { log.warn(e.getMessage()); }}.
 */
public class UnableToAccessStoreException extends EscalationException {
    private static final long serialVersionUID = 1L;

    public UnableToAccessStoreException(String message) {
        super(message);
    }

    public UnableToAccessStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
