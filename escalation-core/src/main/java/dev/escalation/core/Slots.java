package dev.escalation.core;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What the agent knows about the current problem: the slots the flow fills before a ticket can be
 * created.
 *
 * <p>Immutable and thread-safe. Example: {@code Slots.EMPTY.withDepartment(Department.BILLING, true)}.
 *
 * @param department where the ticket goes, or null while unknown
 * @param departmentFromCustomer true when the customer named the department (a model guess never
 *     overrides it)
 * @param priority how urgent, or null while unknown
 * @param priorityFromCustomer true when the customer asked for this priority (a model guess never
 *     overrides it)
 * @param description the customer's own words so far, or null
 * @param reasonGiven whether the customer has said why they want escalation
 * @param detailsGiven whether the customer has described the problem itself
 * @param contact how to reach the customer, or null
 * @param extra slots added by an embedding application's flow, by name (for example
 *     {@code policy_number}); sorted, never null
 */
public record Slots(
        @Nullable Department department,
        boolean departmentFromCustomer,
        @Nullable Priority priority,
        boolean priorityFromCustomer,
        @Nullable String description,
        boolean reasonGiven,
        boolean detailsGiven,
        @Nullable String contact,
        Map<String, String> extra) {

    /** Nothing known yet. */
    public static final Slots EMPTY = new Slots(null, false, null, false, null, false, false, null, Map.of());

    /** Descriptions longer than this are cut at a word boundary when the customer keeps adding text. */
    public static final int MAX_DESCRIPTION_LENGTH = 4_000;

    /** Checks the values (see the parameters above) and keeps them as given or normalised. */
    public Slots {
        if (departmentFromCustomer && department == null) {
            throw new IllegalArgumentException("departmentFromCustomer needs a department, but department was null");
        }
        if (priorityFromCustomer && priority == null) {
            throw new IllegalArgumentException("priorityFromCustomer needs a priority, but priority was null");
        }
        if (description != null && description.isBlank()) {
            description = null;
        }
        if (contact != null && contact.isBlank()) {
            contact = null;
        }
        extra = extra == null ? Map.of() : Map.copyOf(new TreeMap<>(extra));
    }

    /** Sets the department; a guess ({@code fromCustomer == false}) never replaces the customer's word. */
    public Slots withDepartment(Department value, boolean fromCustomer) {
        Objects.requireNonNull(value, "department");
        if (departmentFromCustomer && !fromCustomer) {
            return this;
        }
        return new Slots(
                value,
                fromCustomer,
                priority,
                priorityFromCustomer,
                description,
                reasonGiven,
                detailsGiven,
                contact,
                extra);
    }

    /** Sets the priority; a guess ({@code fromCustomer == false}) never replaces the customer's word. */
    public Slots withPriority(Priority value, boolean fromCustomer) {
        Objects.requireNonNull(value, "priority");
        if (priorityFromCustomer && !fromCustomer) {
            return this;
        }
        return new Slots(
                department,
                departmentFromCustomer,
                value,
                fromCustomer,
                description,
                reasonGiven,
                detailsGiven,
                contact,
                extra);
    }

    /** Appends the customer's words to the description, skipping text it already holds. */
    public Slots withMoreDescription(String text) {
        if (text == null || text.isBlank()) {
            return this;
        }
        String addition = text.strip();
        String combined;
        if (description == null) {
            combined = addition;
        } else if (description.contains(addition)) {
            combined = description;
        } else {
            combined = description + "\n" + addition;
        }
        if (combined.length() > MAX_DESCRIPTION_LENGTH) {
            int cut = combined.lastIndexOf(' ', MAX_DESCRIPTION_LENGTH - 1);
            combined = combined.substring(0, cut > 0 ? cut : MAX_DESCRIPTION_LENGTH - 1) + "…";
        }
        return new Slots(
                department,
                departmentFromCustomer,
                priority,
                priorityFromCustomer,
                combined,
                reasonGiven,
                detailsGiven,
                contact,
                extra);
    }

    /** Marks that the customer has said why they want escalation. */
    public Slots withReasonGiven() {
        return new Slots(
                department,
                departmentFromCustomer,
                priority,
                priorityFromCustomer,
                description,
                true,
                detailsGiven,
                contact,
                extra);
    }

    /** Marks that the customer has described the problem itself. */
    public Slots withDetailsGiven() {
        return new Slots(
                department,
                departmentFromCustomer,
                priority,
                priorityFromCustomer,
                description,
                reasonGiven,
                true,
                contact,
                extra);
    }

    /** Sets how to reach the customer. */
    public Slots withContact(@Nullable String value) {
        return new Slots(
                department,
                departmentFromCustomer,
                priority,
                priorityFromCustomer,
                description,
                reasonGiven,
                detailsGiven,
                value,
                extra);
    }

    /** Sets one application-defined slot. */
    public Slots withExtra(String name, @Nullable String value) {
        Values.requireText(name, "slot name");
        Map<String, String> copy = new TreeMap<>(extra);
        if (value == null || value.isBlank()) {
            copy.remove(name);
        } else {
            copy.put(name, value);
        }
        return new Slots(
                department,
                departmentFromCustomer,
                priority,
                priorityFromCustomer,
                description,
                reasonGiven,
                detailsGiven,
                contact,
                copy);
    }

    /** The priority, or {@link Priority#MEDIUM} when nothing suggested another. */
    public Priority priorityOrDefault() {
        return priority == null ? Priority.MEDIUM : priority;
    }

    /**
     * These slots with what {@code reading} adds: more description, the reason or details given, the
     * department, priority and contact it names, and its extra slots; what it leaves out stays.
     */
    public Slots with(Interpretation reading) {
        Slots slots = this;
        if (reading.description() != null && !reading.description().isBlank()) {
            slots = slots.withMoreDescription(reading.description());
        }
        if (reading.statesReason() || reading.statesDetails()) {
            slots = slots.withReasonGiven();
        }
        if (reading.statesDetails()) {
            slots = slots.withDetailsGiven();
        }
        if (reading.department() != null) {
            slots = slots.withDepartment(reading.department(), reading.departmentFromCustomer());
        }
        if (reading.priority() != null) {
            slots = slots.withPriority(reading.priority(), reading.priorityFromCustomer());
        }
        if (reading.contact() != null && !reading.contact().isBlank()) {
            slots = slots.withContact(reading.contact().strip());
        }
        for (var entry : reading.extra().entrySet()) {
            slots = slots.withExtra(entry.getKey(), entry.getValue());
        }
        return slots;
    }
}
