package dev.escalation.core;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What a language model read in one customer message: the intent (the flow's event) and the slot
 * values it found. Nothing here is trusted blindly: the engine validates and the flow decides.
 *
 * <p>Immutable and thread-safe. Example:
 * {@code Interpretation.of(Intent.CONFIRM)}.
 *
 * @param intent what the message means for the flow
 * @param department a department the message names or implies, or null
 * @param departmentFromCustomer true when the customer named it (not a guess)
 * @param priority a priority by the rubric or asked for, or null
 * @param priorityFromCustomer true when the customer asked for it explicitly
 * @param description the customer's words to add to the description, or null
 * @param statesReason whether the message says why the customer wants escalation
 * @param statesDetails whether the message describes the problem itself
 * @param contact contact data the message gives, or null
 * @param ticketReference a ticket id as the customer typed it (for status or updates), or null
 * @param note the text to add to a ticket for {@link Intent#ADD_UPDATE}, or null
 * @param extra values for application-defined slots, by name; never null
 * @param problem how the message relates to the problem in hand (same, new, unclear), or null when
 *     the model says nothing about it (a plain answer, small talk, no problem in hand)
 */
public record Interpretation(
        Intent intent,
        @Nullable Department department,
        boolean departmentFromCustomer,
        @Nullable Priority priority,
        boolean priorityFromCustomer,
        @Nullable String description,
        boolean statesReason,
        boolean statesDetails,
        @Nullable String contact,
        @Nullable String ticketReference,
        @Nullable String note,
        Map<String, String> extra,
        @Nullable ProblemRelation problem) {

    /** Checks the values (see the parameters above) and keeps them as given or normalised. */
    public Interpretation {
        Objects.requireNonNull(intent, "intent");
        if (departmentFromCustomer && department == null) {
            throw new IllegalArgumentException("departmentFromCustomer needs a department, but department was null");
        }
        if (priorityFromCustomer && priority == null) {
            throw new IllegalArgumentException("priorityFromCustomer needs a priority, but priority was null");
        }
        extra = extra == null ? Map.of() : Map.copyOf(new TreeMap<>(extra));
    }

    /** An interpretation that says nothing about how the message relates to the problem in hand. */
    public Interpretation(
            Intent intent,
            @Nullable Department department,
            boolean departmentFromCustomer,
            @Nullable Priority priority,
            boolean priorityFromCustomer,
            @Nullable String description,
            boolean statesReason,
            boolean statesDetails,
            @Nullable String contact,
            @Nullable String ticketReference,
            @Nullable String note,
            Map<String, String> extra) {
        this(
                intent,
                department,
                departmentFromCustomer,
                priority,
                priorityFromCustomer,
                description,
                statesReason,
                statesDetails,
                contact,
                ticketReference,
                note,
                extra,
                null);
    }

    /** A copy with another relation to the problem in hand (null for none). */
    public Interpretation withProblem(@Nullable ProblemRelation value) {
        return new Interpretation(
                intent,
                department,
                departmentFromCustomer,
                priority,
                priorityFromCustomer,
                description,
                statesReason,
                statesDetails,
                contact,
                ticketReference,
                note,
                extra,
                value);
    }

    /** An interpretation with only an intent. */
    public static Interpretation of(Intent intent) {
        return new Interpretation(intent, null, false, null, false, null, false, false, null, null, null, Map.of());
    }

    /** A copy with another intent. */
    public Interpretation withIntent(Intent value) {
        return new Interpretation(
                value,
                department,
                departmentFromCustomer,
                priority,
                priorityFromCustomer,
                description,
                statesReason,
                statesDetails,
                contact,
                ticketReference,
                note,
                extra,
                problem);
    }
}
