package dev.escalation.core.simulation;

import dev.escalation.core.Department;
import dev.escalation.core.Priority;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A simulated-customer profile: what the customer says at each step and what ticket the rubric gives.
 * The JSON-lines form (keys {@code id}, {@code customer_id}, {@code opening}, {@code details},
 * {@code department_answer}, {@code department}, {@code priority}, {@code confirm}, {@code follow_up},
 * {@code tags}) is read by the runner's evaluation and by the tests; this record holds no I/O.
 *
 * <p>Immutable and thread-safe. Example:
 * {@code new Profile("p1", "cust-1", "My app crashes", "Since the update, on Android", "Tech support",
 * Department.TECHNICAL_SUPPORT, Priority.MEDIUM, true, "status", null, List.of("terse"))}.
 *
 * @param id the profile's id
 * @param customerId the customer who owns the profile's tickets
 * @param opening the first message
 * @param details the answer to any question except the department one
 * @param departmentAnswer the answer to "Technical Support, Billing or Sales?"
 * @param department the rubric's department
 * @param priority the rubric's priority
 * @param confirm whether the customer confirms the summary (else cancels there)
 * @param followUpKind {@code "status"}, {@code "update"} or null for none
 * @param followUpText the note of an {@code "update"} follow-up, else null
 * @param tags what the profile exercises ({@code terse}, {@code injection}, ...); {@code slot:NAME=VALUE}
 *     is the customer's answer when the agent asks for the flow's own slot NAME
 */
public record Profile(
        String id,
        String customerId,
        String opening,
        String details,
        String departmentAnswer,
        Department department,
        Priority priority,
        boolean confirm,
        String followUpKind,
        String followUpText,
        List<String> tags) {

    private static final Set<String> FOLLOW_UPS = Set.of("status", "update");

    /** Checks the values (see the parameters above) and keeps them as given or normalised. */
    public Profile {
        requireText(id, "id", id);
        requireText(customerId, "customer_id", id);
        requireText(opening, "opening", id);
        requireText(details, "details", id);
        requireText(departmentAnswer, "department_answer", id);
        Objects.requireNonNull(department, () -> "profile " + id + ": department must be set, but was null");
        Objects.requireNonNull(priority, () -> "profile " + id + ": priority must be set, but was null");
        if (followUpKind != null && !FOLLOW_UPS.contains(followUpKind)) {
            throw new IllegalArgumentException(
                    "profile " + id + ": follow_up kind must be status or update, but was '" + followUpKind + "'");
        }
        if ("update".equals(followUpKind) && (followUpText == null || followUpText.isBlank())) {
            throw new IllegalArgumentException("profile " + id + ": an update follow-up needs a text, but had none");
        }
        tags = List.copyOf(tags);
    }

    private static void requireText(String value, String name, String id) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("profile " + id + ": " + name + " must be non-blank text, but was "
                    + (value == null ? "null" : "'" + value + "'"));
        }
    }

    /** Whether the profile carries {@code tag}. */
    public boolean tagged(String tag) {
        return tags.contains(tag);
    }

    @Override
    public String toString() {
        return id;
    }

    /** The customer's answer for the flow's own slot {@code name}, from a {@code slot:NAME=VALUE} tag, if any. */
    public java.util.Optional<String> slotAnswer(String name) {
        String prefix = "slot:" + name + "=";
        return tags.stream()
                .filter(tag -> tag.startsWith(prefix))
                .map(tag -> tag.substring(prefix.length()))
                .findFirst();
    }
}
