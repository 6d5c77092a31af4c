package dev.escalation.core;

import java.util.Objects;

/**
 * One row of the flow table: in {@code source}, on {@code event}, if {@code guard} holds, do
 * {@code action} and move to {@code target}. A row whose source equals its target is internal: the
 * state is neither exited nor entered.
 *
 * <p>Immutable and thread-safe. Example:
 * {@code new Transition(State.CONFIRMATION, Intent.CONFIRM, Guard.ALWAYS, State.TICKET_CREATED, FlowAction.CREATE_TICKET)}.
 */
public record Transition(State source, Intent event, Guard guard, State target, FlowAction action) {
    /** Checks the values (see the parameters above) and keeps them as given or normalised. */
    public Transition {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(guard, "guard");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(action, "action");
    }

    /** True when the state is kept (no exit, no entry). */
    public boolean isInternal() {
        return source.equals(target);
    }

    @Override
    public String toString() {
        return source + " --" + event + (guard.isAlways() ? "" : " [" + guard + "]")
                + (action == FlowAction.NONE ? "" : " / " + action) + "--> " + target;
    }
}
