package dev.escalation.core;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the offline model learned: text classifiers for department and priority, and how sure each
 * must be to decide. The rules still decide wherever they are certain (a clear department, a
 * priority with strong cues, anything the customer says explicitly); a classifier decides only where
 * the rules are unsure, and only when its probability reaches its confidence.
 *
 * <p>Immutable and thread-safe. Example:
 * {@code new OfflineLanguageModel(new OfflineTraining(departments, 0.8, priorities, 0.7))}.
 *
 * @param department classifies a description into {@link Department} constant names
 * @param departmentConfidence the probability the department classifier needs, in [0.5, 1]; 1 turns it off
 * @param priority classifies a description into {@link Priority} constant names
 * @param priorityConfidence the probability the priority classifier needs, in [0.5, 1]; 1 turns it off
 */
public record OfflineTraining(
        TextClassifier department, double departmentConfidence, TextClassifier priority, double priorityConfidence) {

    /** Checks the values (see the parameters above) and keeps them as given or normalised. */
    public OfflineTraining {
        Objects.requireNonNull(department, "department");
        Objects.requireNonNull(priority, "priority");
        checkConfidence("departmentConfidence", departmentConfidence);
        checkConfidence("priorityConfidence", priorityConfidence);
        for (String label : department.labels()) {
            try {
                Department.of(label);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "the department classifier's labels must be department names, but" + " one was '" + label + "'",
                        e);
            }
        }
        for (String label : priority.labels()) {
            try {
                Priority.valueOf(label);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "the priority classifier's labels must be priority names, but one was '" + label + "'", e);
            }
        }
    }

    private static void checkConfidence(String name, double value) {
        if (!(value >= 0.5 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be between 0.5 and 1, but was " + value);
        }
    }

    /** The learned department for {@code description}, or null when the classifier is not sure enough. */
    public @Nullable Department department(String description) {
        TextClassifier.Prediction p = department.predict(description);
        return departmentConfidence < 1 && p.probability() >= departmentConfidence ? Department.of(p.label()) : null;
    }

    /** The learned priority for {@code description}, or null when the classifier is not sure enough. */
    public @Nullable Priority priority(String description) {
        TextClassifier.Prediction p = priority.predict(description);
        return priorityConfidence < 1 && p.probability() >= priorityConfidence ? Priority.valueOf(p.label()) : null;
    }
}
