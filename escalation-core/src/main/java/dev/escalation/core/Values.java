package dev.escalation.core;

import org.jspecify.annotations.Nullable;

/** Argument checks shared by the value records; not part of the API. */
final class Values {
    private Values() {}

    static String requireText(@Nullable String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(
                    name + " must not be blank, but was " + (value == null ? "null" : "'" + value + "'"));
        }
        return value;
    }
}
