package dev.escalation.core;

/**
 * What the engine does on a transition, besides moving to its target.
 *
 * <p>Immutable and thread-safe. Example: {@code transition.action() == FlowAction.CREATE_TICKET}.
 */
public enum FlowAction {
    /** Nothing: apply the slots and ask the target state's question. */
    NONE,
    /** Create the ticket, in the same transaction as the conversation's new state. */
    CREATE_TICKET,
    /** Forget the finished cycle's slots and start a new problem. */
    START_NEW_CYCLE,
    /** Answer a status question from the store, then ask the current question again. */
    ANSWER_STATUS,
    /** Add the customer's note to their ticket, then ask the current question again. */
    ADD_TICKET_UPDATE,
    /** End the cycle without a ticket. */
    CANCEL
}
