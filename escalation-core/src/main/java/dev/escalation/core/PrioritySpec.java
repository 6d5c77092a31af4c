package dev.escalation.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One priority of a flow's rubric: what makes a problem that urgent, in words (the language model
 * reads them) and as weighted cue patterns (the built-in offline model reads them), so the rubric is
 * stated once, in the flow.
 *
 * <p>Immutable and thread-safe. Example:
 * {@code PrioritySpec.of(Priority.LOW, "no rush").cues(2, "no rush").negatedCues(2, "urgent*")}.
 *
 * @param priority the priority
 * @param description what makes a problem this urgent, for the model and for people reading the flow
 * @param cues weighted groups of cue patterns that vote for this priority, in order
 */
public record PrioritySpec(Priority priority, String description, List<Cues> cues) {

    /** Checks the values (see the parameters above) and keeps them as given or normalised. */
    public PrioritySpec {
        Objects.requireNonNull(priority, "priority");
        description = Values.requireText(description, "priority description").strip();
        cues = cues == null ? List.of() : List.copyOf(cues);
    }

    /** A priority with a description and no cues yet. */
    public static PrioritySpec of(Priority priority, String description) {
        return new PrioritySpec(priority, description, List.of());
    }

    /** This priority with one more group of patterns that vote {@code weight} when not negated. */
    public PrioritySpec cues(double weight, String... patterns) {
        return with(new Cues(weight, List.of(patterns), Counts.AFFIRMED));
    }

    /** This priority with one more group of patterns that vote {@code weight} only when negated ("not urgent"). */
    public PrioritySpec negatedCues(double weight, String... patterns) {
        return with(new Cues(weight, List.of(patterns), Counts.NEGATED));
    }

    /** This priority with one more group of patterns that vote {@code weight} negated or not ("hasn't worked for weeks"). */
    public PrioritySpec alwaysCues(double weight, String... patterns) {
        return with(new Cues(weight, List.of(patterns), Counts.ALWAYS));
    }

    /** This priority with another description and the same cues. */
    public PrioritySpec describedAs(String text) {
        return new PrioritySpec(priority, text, cues);
    }

    private PrioritySpec with(Cues group) {
        List<Cues> all = new ArrayList<>(cues);
        all.add(group);
        return new PrioritySpec(priority, description, all);
    }

    /** When a cue counts, given whether a negation word stands shortly before it. */
    public enum Counts {
        /** Only when not negated: "angry", but not "not angry" (the flow file's {@code words}). */
        AFFIRMED,
        /** Only when negated: "no rush" votes for low through "rush" (the flow file's {@code negated}). */
        NEGATED,
        /** Negated or not: "it hasn't worked for two weeks" still waited two weeks (the flow file's {@code always}). */
        ALWAYS
    }

    /**
     * Cue patterns that each vote {@code weight} for the priority when {@code counts} allows. A weight
     * of 0 uses the words up without a vote ("smoke alarm" is no smoke).
     *
     * @param weight votes per occurrence, 0 to 10
     * @param patterns the patterns, in the offline model's pattern language
     * @param counts when the patterns count
     */
    public record Cues(double weight, List<String> patterns, Counts counts) {
        /** Checks the values (see the parameters above) and keeps them as given or normalised. */
        public Cues {
            java.util.Objects.requireNonNull(counts, "counts");
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
