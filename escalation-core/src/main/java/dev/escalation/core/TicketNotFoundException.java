package dev.escalation.core;

/**
 * No ticket has the given id.
 *
 * <p>Immutable once thrown. Example: {@code catch (TicketNotFoundException e) { log.warn(e.getMessage()); }}.
 */
public class TicketNotFoundException extends UnableToUpdateTicketException {
    private static final long serialVersionUID = 1L;

    public TicketNotFoundException(String message) {
        super(message);
    }

    public TicketNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
