package dev.escalation.core;

/**
 * What the agent asked the customer last, so the model can read the answer in context ("Billing"
 * answers a department question; "yes" answers a confirmation).
 *
 * <p>Immutable and thread-safe. Example: {@code request.pendingQuestion() == Question.DEPARTMENT}.
 */
public enum Question {
    /** Nothing is asked. */
    NONE,
    /** Why the customer wants escalation. */
    REASON,
    /** What the problem itself is. */
    DETAILS,
    /** Which department the problem is for. */
    DEPARTMENT,
    /** Whether to create the ticket as summarised (an explicit yes). */
    CONFIRMATION,
    /** An application-defined slot (see {@link FlowDefinition}). */
    EXTRA_SLOT,
    /** After a ticket: "Is this about TK-... or something new?", about the conversation's parked request. */
    SAME_OR_NEW,
    /** After a ticket: whether to start a request for the second problem parked while the first was collected. */
    START_PARKED
}
