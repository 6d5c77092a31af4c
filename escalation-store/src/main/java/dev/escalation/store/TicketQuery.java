package dev.escalation.store;

import dev.escalation.core.Department;
import dev.escalation.core.Priority;
import dev.escalation.core.TicketStatus;
import java.util.Optional;

/**
 * Which tickets {@link JdbiTicketStore#search} returns: those matching every criterion that is set,
 * newest first, one page of them.
 *
 * <p>Immutable and thread-safe. Example:
 * {@code new TicketQuery(TicketStatus.OPEN, null, Priority.HIGH, null, 0, 25)}.
 *
 * @param status only tickets in this status, or null for any
 * @param department only tickets of this department, or null for any
 * @param priority only tickets of this priority, or null for any
 * @param customer only this customer's tickets, or null for any
 * @param offset how many matching tickets to skip, from 0
 * @param limit at most this many tickets, 1 to {@value #MAX_LIMIT}
 */
public record TicketQuery(
        TicketStatus status, Department department, Priority priority, String customer, int offset, int limit) {

    /** The largest page. */
    public static final int MAX_LIMIT = 500;

    public TicketQuery {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative, but was " + offset);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT + ", but was " + limit);
        }
        if (customer != null && customer.isBlank()) {
            customer = null;
        }
    }

    /** The status criterion, if set. */
    public Optional<TicketStatus> statusCriterion() {
        return Optional.ofNullable(status);
    }

    /** The department criterion, if set. */
    public Optional<Department> departmentCriterion() {
        return Optional.ofNullable(department);
    }

    /** The priority criterion, if set. */
    public Optional<Priority> priorityCriterion() {
        return Optional.ofNullable(priority);
    }

    /** The customer criterion, if set. */
    public Optional<String> customerCriterion() {
        return Optional.ofNullable(customer);
    }
}
