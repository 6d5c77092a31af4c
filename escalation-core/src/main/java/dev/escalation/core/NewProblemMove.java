package dev.escalation.core;

import java.util.Locale;

/**
 * What a flow does, after a ticket, with a message about a different problem or one it cannot place;
 * set on the flow's ticket state ({@code new_problem:} and {@code unclear:} in a flow file).
 *
 * <p>Immutable and thread-safe. Example: {@code FlowDefinition.builder().afterTicket(NewProblemMove.NEW_REQUEST,
 * NewProblemMove.ASK)}.
 */
public enum NewProblemMove {
    /** Start a new request: new department, new slots, its own confirmation and ticket. */
    NEW_REQUEST,
    /** Add the message to the ticket just created as a note. */
    NOTE,
    /** Ask once "Is this about TK-... or something new?" and act on the answer. */
    ASK;

    /** The name used in flow files: {@code new_request}, {@code note}, {@code ask}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The move named {@code value} in a flow file.
     *
     * @throws IllegalArgumentException naming the value when it is none of them
     */
    public static NewProblemMove parse(String value) {
        for (NewProblemMove move : values()) {
            if (move.wireName().equals(value == null ? null : value.strip().toLowerCase(Locale.ROOT))) {
                return move;
            }
        }
        throw new IllegalArgumentException(
                "a move after a ticket must be new_request, note or ask, but was '" + value + "'");
    }
}
