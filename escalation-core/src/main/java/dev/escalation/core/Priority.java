package dev.escalation.core;

import java.util.Locale;
import java.util.Optional;

/**
 * How urgent a ticket is, by the rubric: critical, high, medium (the default) or low.
 *
 * <p>Immutable and thread-safe. Example: {@code Priority.parse("HIGH")} is {@code Optional.of(HIGH)}.
 */
public enum Priority {
    /** Can wait. */
    LOW,
    /** The default when nothing suggests another. */
    MEDIUM,
    /** Urgent. */
    HIGH,
    /** Needs action now (in the standard flow: fraud, a security breach, safety or business blocked). */
    CRITICAL;

    /** The lower-case name used on the wire and in the database, for example {@code "high"}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads a priority ignoring case and surrounding space; anything else is empty. */
    public static Optional<Priority> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String key = value.trim().toUpperCase(Locale.ROOT);
        for (Priority priority : values()) {
            if (priority.name().equals(key)) {
                return Optional.of(priority);
            }
        }
        return Optional.empty();
    }

    /** Like {@link #parse} but throws {@link IllegalArgumentException} naming the bad value. */
    public static Priority of(String value) {
        return parse(value)
                .orElseThrow(() -> new IllegalArgumentException(
                        "priority must be one of low, medium, high, critical, but was '" + value + "'"));
    }

    @Override
    public String toString() {
        return wireName();
    }
}
