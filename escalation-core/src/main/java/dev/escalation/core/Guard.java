package dev.escalation.core;

import java.util.Objects;
import java.util.function.Predicate;

/**
 * A named condition on the slots that enables a transition; the name is what diagrams show.
 * Transitions from one state on one event must have guards of which exactly one holds for any slots
 * (the flow verifier checks this), because the runtime picks among enabled transitions in no
 * defined order.
 *
 * <p>Immutable and thread-safe if the predicate is. Example: {@code Guard.of("urgent", s -> s.priority() == Priority.CRITICAL)}.
 *
 * @param name a short label, unique within a flow
 * @param condition the test, on the slots the transition would see
 */
public record Guard(String name, Predicate<Slots> condition) {

    /** Always true: the transition is the only one for its state and event. */
    public static final Guard ALWAYS = new Guard("always", slots -> true);

    /** Checks the values (see the parameters above) and keeps them as given or normalised. */
    public Guard {
        Values.requireText(name, "guard name");
        Objects.requireNonNull(condition, "condition");
    }

    /** Same as the constructor. */
    public static Guard of(String name, Predicate<Slots> condition) {
        return new Guard(name, condition);
    }

    /** Whether the transition is enabled for these slots. */
    public boolean test(Slots slots) {
        return condition.test(slots);
    }

    /** True for {@link #ALWAYS}: diagrams leave such guards out. */
    public boolean isAlways() {
        return this == ALWAYS;
    }

    @Override
    public String toString() {
        return name;
    }

    // A guard is identified by its name: two lambdas are never equal, and the table compares guards.
    @Override
    public boolean equals(Object other) {
        return other instanceof Guard guard && guard.name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }
}
