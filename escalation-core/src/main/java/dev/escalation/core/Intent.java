package dev.escalation.core;

/**
 * What a customer message means for the flow; the events of the state machine.
 *
 * <p>Immutable and thread-safe. Example: {@code interpretation.intent() == Intent.CONFIRM}.
 */
public enum Intent {
    /** Gives information: a reason, details, a department, contact data, or small talk. */
    PROVIDE_INFO,
    /** An explicit yes to the summary. */
    CONFIRM,
    /** A plain no to the summary, without a correction. */
    DENY,
    /** Changes a slot: "no, it's a billing problem", "make it urgent". */
    CORRECT,
    /** Gives up: "never mind", "cancel". */
    CANCEL,
    /** Asks for the status of a ticket. */
    STATUS_QUERY,
    /** Asks to add a note to a ticket. */
    ADD_UPDATE
}
