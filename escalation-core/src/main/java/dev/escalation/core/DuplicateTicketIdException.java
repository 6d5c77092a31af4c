package dev.escalation.core;

/**
 * The generated ticket id already exists; the engine draws another.
 *
 * <p>Immutable once thrown. Example: {@code catch (DuplicateTicketIdException e) { log.warn(e.getMessage()); }}.
 */
public class DuplicateTicketIdException extends UnableToCreateTicketException {
    private static final long serialVersionUID = 1L;

    /** An exception whose {@code message} says what failed and names the bad value. */
    public DuplicateTicketIdException(String message) {
        super(message);
    }

    /** An exception whose {@code message} says what failed, caused by {@code cause}. */
    public DuplicateTicketIdException(String message, Throwable cause) {
        super(message, cause);
    }
}
