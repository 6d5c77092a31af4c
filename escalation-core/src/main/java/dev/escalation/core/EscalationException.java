package dev.escalation.core;

/**
 * The base of every exception the escalation library throws; all are unchecked.
 *
 * <p>Example: {@code catch (EscalationException e) { ... }}.
 */
public class EscalationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EscalationException(String message) {
        super(message);
    }

    public EscalationException(String message, Throwable cause) {
        super(message, cause);
    }
}
