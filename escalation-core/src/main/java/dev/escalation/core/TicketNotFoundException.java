package dev.escalation.core;

/**
 * No ticket has the given id.
 *
 * <p>Immutable once thrown. Example: {@code catch (TicketNotFoundException e) { log.warn(e.getMessage()); }}.
 */
public class TicketNotFoundException extends UnableToUpdateTicketException {
    private static final long serialVersionUID = 1L;

    /** An exception whose {@code message} says what failed and names the bad value. */
    public TicketNotFoundException(String message) {
        super(message);
    }

    /** An exception whose {@code message} says what failed, caused by {@code cause}. */
    public TicketNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
