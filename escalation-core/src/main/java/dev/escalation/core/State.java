package dev.escalation.core;

import java.util.regex.Pattern;

/**
 * A state of the escalation flow. The built-in states are constants; an embedding application may
 * name more in its own {@link FlowDefinition}.
 *
 * <p>Immutable and thread-safe. Example: {@code State.of("POLICY")}.
 *
 * @param name upper-case letters, digits and underscores, starting with a letter
 */
public record State(String name) {

    private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");

    /** The agent learns why the customer wants escalation (initial state). */
    public static final State REASON = new State("REASON");
    /** The agent collects a description of the problem and, if needed, the department. */
    public static final State DETAILS = new State("DETAILS");
    /** The agent summarises and waits for an explicit yes. */
    public static final State CONFIRMATION = new State("CONFIRMATION");
    /** A ticket was created for this cycle. */
    public static final State TICKET_CREATED = new State("TICKET_CREATED");
    /** The customer cancelled this cycle. */
    public static final State CANCELLED = new State("CANCELLED");

    /** Checks the values (see the parameters above) and keeps them as given or normalised. */
    public State {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "state name must be upper-case letters, digits or _ starting with a letter, but was '" + name
                            + "'");
        }
    }

    /** Same as the constructor, but the built-in states are the constants (so they compare by identity too). */
    public static State of(String name) {
        State state = new State(name);
        for (State known : new State[] {REASON, DETAILS, CONFIRMATION, TICKET_CREATED, CANCELLED}) {
            if (known.equals(state)) {
                return known;
            }
        }
        return state;
    }

    @Override
    public String toString() {
        return name;
    }
}
