package dev.escalation.core;

/**
 * The state machine did not end where the flow table says it must; the turn is not stored.
 *
 * <p>Immutable once thrown. Example: {@code catch (IllegalFlowTransitionException e) { log.warn(e.getMessage()); }}.
 */
public class IllegalFlowTransitionException extends EscalationException {
    private static final long serialVersionUID = 1L;

    public IllegalFlowTransitionException(String message) {
        super(message);
    }

    public IllegalFlowTransitionException(String message, Throwable cause) {
        super(message, cause);
    }
}
