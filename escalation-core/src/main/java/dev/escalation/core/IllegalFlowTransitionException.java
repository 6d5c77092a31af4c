package dev.escalation.core;

/**
 * The state machine did not end where the flow table says it must; the turn is not stored.
 *
 * <p>Immutable once thrown. Example: {@code catch (IllegalFlowTransitionException e) { log.warn(e.getMessage()); }}.
 */
public class IllegalFlowTransitionException extends EscalationException {
    private static final long serialVersionUID = 1L;

    /** An exception whose {@code message} says what failed and names the bad value. */
    public IllegalFlowTransitionException(String message) {
        super(message);
    }

    /** An exception whose {@code message} says what failed, caused by {@code cause}. */
    public IllegalFlowTransitionException(String message, Throwable cause) {
        super(message, cause);
    }
}
