package dev.escalation.runner.internal;

import java.util.Map;
import java.util.Objects;

/**
 * The run's environment variables; tests give their own map instead of the process's.
 *
 * <p>Immutable. Example: {@code new EnvironmentVariables(System.getenv()).get("USER", "customer")}.
 *
 * @param values the variables by name
 */
record EnvironmentVariables(Map<String, String> values) {
    EnvironmentVariables {
        values = Map.copyOf(Objects.requireNonNull(values, "values"));
    }

    /** The variable {@code name}, or {@code fallback} when it is unset or blank. */
    String get(String name, String fallback) {
        String value = values.get(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
