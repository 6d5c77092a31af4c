package dev.escalation.core;

/**
 * The base of every exception the escalation library throws; all are unchecked.
 *
 * <p>Example: {@code catch (EscalationException e) { ... }}.
 */
public class EscalationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An exception whose {@code message} says what failed and names the bad value. */
    public EscalationException(String message) {
        super(message);
    }

    /** An exception whose {@code message} says what failed, caused by {@code cause}. */
    public EscalationException(String message, Throwable cause) {
        super(message, cause);
    }
}
