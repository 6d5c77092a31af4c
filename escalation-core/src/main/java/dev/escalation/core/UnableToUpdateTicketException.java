package dev.escalation.core;

/**
 * A change to a ticket could not be stored.
 *
 * <p>Immutable once thrown. Example: {@code catch (UnableToUpdateTicketException e) { log.warn(e.getMessage()); }}.
 */
public class UnableToUpdateTicketException extends EscalationException {
    private static final long serialVersionUID = 1L;

    /** An exception whose {@code message} says what failed and names the bad value. */
    public UnableToUpdateTicketException(String message) {
        super(message);
    }

    /** An exception whose {@code message} says what failed, caused by {@code cause}. */
    public UnableToUpdateTicketException(String message, Throwable cause) {
        super(message, cause);
    }
}
