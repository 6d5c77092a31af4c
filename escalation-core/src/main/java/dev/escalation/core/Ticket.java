package dev.escalation.core;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A support ticket as stored: what the customer described, where it is routed, how urgent it is and
 * where it stands.
 *
 * <p>Immutable and thread-safe. Example: {@code ticket.withStatus(TicketStatus.RESOLVED, clock.instant())}.
 *
 * @param ticketId the id, unique across the store
 * @param customerId the customer who owns it; only they may see or update it
 * @param conversationId the conversation that created it
 * @param description the customer's own words
 * @param department where it is routed
 * @param priority how urgent it is
 * @param status where it stands
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 * @param fields the flow's own slots that go on the ticket (for example {@code account_number}), by
 *     name; sorted, never null
 */
public record Ticket(
        TicketId ticketId,
        String customerId,
        String conversationId,
        String description,
        Department department,
        Priority priority,
        TicketStatus status,
        Instant createdAt,
        Instant updatedAt,
        Map<String, String> fields) {

    /** Checks the values (see the parameters above) and keeps them as given or normalised. */
    public Ticket {
        Objects.requireNonNull(ticketId, "ticketId");
        Values.requireText(customerId, "customerId");
        Values.requireText(conversationId, "conversationId");
        Values.requireText(description, "description");
        Objects.requireNonNull(department, "department");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (updatedAt.isBefore(createdAt)) {
            throw new IllegalArgumentException(
                    "updatedAt must not be before createdAt " + createdAt + ", but was " + updatedAt);
        }
        fields = fields == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(fields));
    }

    /** A ticket without fields of the flow's own. */
    public Ticket(
            TicketId ticketId,
            String customerId,
            String conversationId,
            String description,
            Department department,
            Priority priority,
            TicketStatus status,
            Instant createdAt,
            Instant updatedAt) {
        this(
                ticketId,
                customerId,
                conversationId,
                description,
                department,
                priority,
                status,
                createdAt,
                updatedAt,
                Map.of());
    }

    /** A copy with another id, for a retry after an id clash. */
    public Ticket withId(TicketId id) {
        return new Ticket(
                id,
                customerId,
                conversationId,
                description,
                department,
                priority,
                status,
                createdAt,
                updatedAt,
                fields);
    }

    /** A copy with another status and update time. */
    public Ticket withStatus(TicketStatus newStatus, Instant at) {
        return new Ticket(
                ticketId,
                customerId,
                conversationId,
                description,
                department,
                priority,
                newStatus,
                createdAt,
                at,
                fields);
    }

    /** A copy with another update time. */
    public Ticket touchedAt(Instant at) {
        return new Ticket(
                ticketId, customerId, conversationId, description, department, priority, status, createdAt, at, fields);
    }
}
