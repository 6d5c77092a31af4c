package dev.escalation.core;

/**
 * A ticket could not be stored; nothing of its turn was stored either.
 *
 * <p>Immutable once thrown. Example: {@code catch (UnableToCreateTicketException e) { log.warn(e.getMessage()); }}.
 */
public class UnableToCreateTicketException extends EscalationException {
    private static final long serialVersionUID = 1L;

    /** An exception whose {@code message} says what failed and names the bad value. */
    public UnableToCreateTicketException(String message) {
        super(message);
    }

    /** An exception whose {@code message} says what failed, caused by {@code cause}. */
    public UnableToCreateTicketException(String message, Throwable cause) {
        super(message, cause);
    }
}
