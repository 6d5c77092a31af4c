package dev.escalation.core;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A department a ticket can be routed to, by name. Which departments exist is decided by the flow
 * ({@link FlowDefinition#departments()}): nothing outside that list is ever written to a ticket. The
 * three constants are the departments of the standard flow, kept for code written against it.
 *
 * <p>Immutable and thread-safe. Example: {@code flow.department("billing")} is {@code Optional.of(Department.BILLING)}.
 *
 * @param displayName the name customers, tickets and the wire format use, for example {@code "Technical Support"}
 */
public record Department(String displayName) {

    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} &/.'-]{0,63}");

    /** The standard flow's technical support department. */
    public static final Department TECHNICAL_SUPPORT = new Department("Technical Support");
    /** The standard flow's billing department. */
    public static final Department BILLING = new Department("Billing");
    /** The standard flow's sales department. */
    public static final Department SALES = new Department("Sales");

    private static final List<Department> STANDARD = List.of(TECHNICAL_SUPPORT, BILLING, SALES);

    /** Checks the values (see the parameters above) and keeps them as given or normalised. */
    public Department {
        if (displayName == null || !NAME.matcher(displayName.strip()).matches()) {
            throw new IllegalArgumentException("department name must be 1 to 64 letters, digits, spaces or &/.'-"
                    + " starting with a letter or digit, but was '" + displayName + "'");
        }
        displayName = displayName.strip();
    }

    /**
     * {@code department}, or the constant of the same name: flows that name the standard departments
     * use the constants, so code that compares them by identity keeps working.
     */
    public static Department canonical(Department department) {
        for (Department standard : STANDARD) {
            if (standard.displayName.equals(department.displayName)) {
                return standard;
            }
        }
        return department;
    }

    /** The standard flow's departments, in its order. */
    public static List<Department> standard() {
        return STANDARD;
    }

    /** A constant-style key, for example {@code TECHNICAL_SUPPORT}: stable labels for classifiers and files. */
    public String name() {
        return displayName.toUpperCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "_");
    }

    /** The key two names are compared by: lower case without spaces, dashes or underscores. */
    public static String key(String value) {
        return value == null ? "" : value.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s_\\-]+", "");
    }

    /**
     * Reads one of the standard flow's departments from its display name or constant name, ignoring
     * case, spaces, dashes and underscores; anything else is empty. A custom flow reads its own with
     * {@link FlowDefinition#department(String)}.
     */
    public static Optional<Department> parse(String value) {
        return FlowDefinition.standard().department(value);
    }

    /** Like {@link #parse} but throws {@link IllegalArgumentException} naming the bad value. */
    public static Department of(String value) {
        return parse(value)
                .orElseThrow(() -> new IllegalArgumentException(
                        "department must be one of Technical Support, Billing, Sales, but was '" + value + "'"));
    }

    @Override
    public String toString() {
        return displayName;
    }
}
