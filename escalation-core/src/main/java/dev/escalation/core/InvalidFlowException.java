package dev.escalation.core;

/**
 * A flow definition breaks a rule (unreachable state, dead end, unhandled event, unsafe ticket creation).
 *
 * <p>Immutable once thrown. Example: {@code catch (InvalidFlowException e) { log.warn(e.getMessage()); }}.
 */
public class InvalidFlowException extends EscalationException {
    private static final long serialVersionUID = 1L;

    /** An exception whose {@code message} says what failed and names the bad value. */
    public InvalidFlowException(String message) {
        super(message);
    }

    /** An exception whose {@code message} says what failed, caused by {@code cause}. */
    public InvalidFlowException(String message, Throwable cause) {
        super(message, cause);
    }
}
