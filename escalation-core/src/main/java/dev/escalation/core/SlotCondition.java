package dev.escalation.core;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A condition on one slot: it holds when the slot has a value ({@code value == null}) or has exactly
 * that value (compared ignoring case). Used for a slot that is required only sometimes and for a
 * state that is entered only sometimes.
 *
 * <p>Immutable and thread-safe. Example: {@code SlotCondition.is("department", "Cards")}.
 *
 * @param slot the slot's name ({@code department}, {@code priority} or one of the flow's slots)
 * @param value the value it must have, or null for "has any value"
 */
public record SlotCondition(String slot, @Nullable String value) {

    /** Checks the values (see the parameters above) and keeps them as given or normalised. */
    public SlotCondition {
        Values.requireText(slot, "condition slot");
        if (value != null && value.isBlank()) {
            throw new IllegalArgumentException("condition value must not be blank, but was '" + value + "'");
        }
    }

    /** Holds when {@code slot} has the value {@code value}. */
    public static SlotCondition is(String slot, String value) {
        return new SlotCondition(slot, Objects.requireNonNull(value, "value"));
    }

    /** Holds when {@code slot} has any value. */
    public static SlotCondition filled(String slot) {
        return new SlotCondition(slot, null);
    }

    /** Whether the condition holds for {@code slots}. */
    public boolean test(Slots slots) {
        String actual = SlotSpec.valueOf(slot, slots);
        if (actual == null) {
            return false;
        }
        return value == null || Department.key(actual).equals(Department.key(value));
    }

    @Override
    public String toString() {
        return value == null ? slot + " given" : slot + " is " + value;
    }
}
