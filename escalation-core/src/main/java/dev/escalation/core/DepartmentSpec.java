package dev.escalation.core;

import java.util.List;
import java.util.Objects;

/**
 * A department as a flow declares it: its name, what belongs there (the model reads this), the names
 * a customer may call it by, and weighted cue words that point to it (the offline model reads these).
 *
 * <p>Immutable and thread-safe. Example:
 * {@code DepartmentSpec.of("Cards", "lost, stolen or blocked cards").named("card team").cues(2.5, "card", "pin")}.
 *
 * @param department the department
 * @param description what belongs there, for the model and for people reading the flow; may be null
 * @param names other names a customer may answer with ("tech support"); the display name always counts
 * @param cues weighted groups of cue patterns, in order (see the flow format reference)
 */
public record DepartmentSpec(Department department, String description, List<String> names, List<Cues> cues) {

    /** Checks the values (see the parameters above) and keeps them as given or normalised. */
    public DepartmentSpec {
        Objects.requireNonNull(department, "department");
        description = description == null || description.isBlank() ? null : description.strip();
        names = names == null ? List.of() : List.copyOf(names);
        cues = cues == null ? List.of() : List.copyOf(cues);
    }

    /** A department with a description and no names or cues yet. */
    public static DepartmentSpec of(String name, String description) {
        return new DepartmentSpec(Department.canonical(new Department(name)), description, List.of(), List.of());
    }

    /** This department with more names a customer may call it by. */
    public DepartmentSpec named(String... more) {
        List<String> all = new java.util.ArrayList<>(names);
        all.addAll(List.of(more));
        return new DepartmentSpec(department, description, all, cues);
    }

    /** This department with one more group of cue patterns, each voting {@code weight}. */
    public DepartmentSpec cues(double weight, String... patterns) {
        List<Cues> all = new java.util.ArrayList<>(cues);
        all.add(new Cues(weight, List.of(patterns)));
        return new DepartmentSpec(department, description, names, all);
    }

    /**
     * Cue patterns that each vote {@code weight} for the department when they occur in a message
     * (negated or not). A weight of 0 uses the words up without a vote ("big deal" is not about deals).
     *
     * @param weight votes per occurrence, 0 to 10
     * @param patterns the patterns, in the offline model's pattern language
     */
    public record Cues(double weight, List<String> patterns) {
        /** Checks the values (see the parameters above) and keeps them as given or normalised. */
        public Cues {
            if (!(weight >= 0 && weight <= 10)) {
                throw new IllegalArgumentException("cue weight must be between 0 and 10, but was " + weight);
            }
            patterns = List.copyOf(patterns);
            if (patterns.isEmpty()) {
                throw new IllegalArgumentException("a cue group needs at least one pattern, but patterns was empty");
            }
        }
    }
}
