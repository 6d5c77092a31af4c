package dev.escalation.core;

/**
 * The language model failed to read or answer a message.
 *
 * <p>Immutable once thrown. Example: {@code catch (UnableToInterpretMessageException e) { log.warn(e.getMessage()); }}.
 */
public class UnableToInterpretMessageException extends EscalationException {
    private static final long serialVersionUID = 1L;

    /** An exception whose {@code message} says what failed and names the bad value. */
    public UnableToInterpretMessageException(String message) {
        super(message);
    }

    /** An exception whose {@code message} says what failed, caused by {@code cause}. */
    public UnableToInterpretMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
