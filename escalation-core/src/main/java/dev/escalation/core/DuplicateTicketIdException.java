package dev.escalation.core;

/**
 * The generated ticket id already exists; the engine draws another.
 *
 * <p>Immutable once thrown. Example: {@code catch (DuplicateTicketIdException e) { log.warn(e.getMessage()); }}.
 */
public class DuplicateTicketIdException extends UnableToCreateTicketException {
    private static final long serialVersionUID = 1L;

    public DuplicateTicketIdException(String message) {
        super(message);
    }

    public DuplicateTicketIdException(String message, Throwable cause) {
        super(message, cause);
    }
}
