package dev.escalation.core;

import java.util.Locale;
import java.util.Optional;

/**
 * The type of a slot a flow collects, which decides how a value is checked before it is kept.
 *
 * <p>Immutable and thread-safe. Example: {@code SlotType.parse("pattern")} is {@code Optional.of(PATTERN)}.
 */
public enum SlotType {
    /** Any text. */
    TEXT,
    /** One of a fixed list of values. */
    ENUM,
    /** Text that matches a regular expression, such as {@code ^[0-9]{8}$}. */
    PATTERN,
    /** A decimal number. */
    NUMBER,
    /** A calendar date, kept as ISO-8601 ({@code 2026-03-01}). */
    DATE;

    /** The lower-case name used in flow files, for example {@code "pattern"}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads a type ignoring case; anything else is empty. */
    public static Optional<SlotType> parse(String value) {
        for (SlotType type : values()) {
            if (type.wireName().equalsIgnoreCase(value == null ? "" : value.strip())) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
