package dev.escalation.store.internal;

import dev.escalation.core.Department;
import dev.escalation.core.DuplicateTicketIdException;
import dev.escalation.core.Priority;
import dev.escalation.core.Ticket;
import dev.escalation.core.TicketChange;
import dev.escalation.core.TicketId;
import dev.escalation.core.TicketNotFoundException;
import dev.escalation.core.TicketStatus;
import dev.escalation.core.TicketUpdate;
import dev.escalation.core.UnableToAccessStoreException;
import dev.escalation.store.TicketQuery;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Update;

/**
 * The SQL of the {@code tickets} and {@code ticket_updates} tables, shared by both stores because a
 * turn writes tickets too. Every change writes its audit row on the same handle, so in the same
 * transaction.
 *
 * <p>Stateless and thread-safe; a {@link Handle} is not. Not a published API. Example:
 * {@code TicketSql.find(handle, id)}.
 */
public final class TicketSql {

    private static final String COLUMNS = "ticket_id, customer_id, conversation_id, description, department,"
            + " priority, status, created_at, updated_at, fields";
    // Ties on created_at are broken by id so that the order is the same on every call.
    private static final String NEWEST_FIRST = " ORDER BY created_at DESC, ticket_id";

    /** A ticket row as stored; converted after the statement so a bad value names its ticket. */
    private record Row(
            String ticketId,
            String customerId,
            String conversationId,
            String description,
            String department,
            String priority,
            String status,
            String createdAt,
            String updatedAt,
            String fields) {

        static final RowMapper<Row> MAPPER = (rs, ctx) -> new Row(
                rs.getString("ticket_id"),
                rs.getString("customer_id"),
                rs.getString("conversation_id"),
                rs.getString("description"),
                rs.getString("department"),
                rs.getString("priority"),
                rs.getString("status"),
                rs.getString("created_at"),
                rs.getString("updated_at"),
                rs.getString("fields"));

        Ticket toTicket() {
            try {
                return new Ticket(
                        TicketId.of(ticketId),
                        customerId,
                        conversationId,
                        description,
                        Department.canonical(new Department(department)),
                        Priority.of(priority),
                        TicketStatus.of(status),
                        Times.parse(createdAt),
                        Times.parse(updatedAt),
                        SlotsJson.readFields(fields));
            } catch (IllegalArgumentException e) {
                throw new UnableToAccessStoreException(
                        "ticket '" + ticketId + "' is stored with a bad value: " + e.getMessage(), e);
            }
        }
    }

    /** An audit row as stored. */
    private record UpdateRow(
            String ticketId, String at, String actor, String kind, String fromStatus, String toStatus, String note) {

        static final RowMapper<UpdateRow> MAPPER = (rs, ctx) -> new UpdateRow(
                rs.getString("ticket_id"),
                rs.getString("at"),
                rs.getString("actor"),
                rs.getString("kind"),
                rs.getString("from_status"),
                rs.getString("to_status"),
                rs.getString("note"));

        TicketUpdate toUpdate() {
            try {
                return new TicketUpdate(
                        TicketId.of(ticketId),
                        Times.parse(at),
                        actor,
                        TicketUpdate.Kind.valueOf(kind),
                        fromStatus == null ? null : TicketStatus.of(fromStatus),
                        toStatus == null ? null : TicketStatus.of(toStatus),
                        note);
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new UnableToAccessStoreException(
                        "an audit entry of ticket '" + ticketId + "' is stored with a bad value: " + e.getMessage(), e);
            }
        }
    }

    private TicketSql() {}

    /** Any ticket by id. */
    public static Optional<Ticket> find(Handle handle, TicketId ticketId) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM tickets WHERE ticket_id = :id")
                .bind("id", ticketId.value())
                .map(Row.MAPPER)
                .findOne()
                .map(Row::toTicket);
    }

    /** The ticket only if {@code customerId} owns it; the filter is in SQL so another's row is never read. */
    public static Optional<Ticket> findForCustomer(Handle handle, TicketId ticketId, String customerId) {
        return handle.createQuery(
                        "SELECT " + COLUMNS + " FROM tickets WHERE ticket_id = :id AND customer_id = :customer")
                .bind("id", ticketId.value())
                .bind("customer", customerId)
                .map(Row.MAPPER)
                .findOne()
                .map(Row::toTicket);
    }

    /** All tickets, newest first. */
    public static List<Ticket> list(Handle handle) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM tickets" + NEWEST_FIRST).map(Row.MAPPER).list().stream()
                .map(Row::toTicket)
                .toList();
    }

    /** The customer's tickets, newest first. */
    public static List<Ticket> listForCustomer(Handle handle, String customerId) {
        return handle
                .createQuery("SELECT " + COLUMNS + " FROM tickets WHERE customer_id = :customer" + NEWEST_FIRST)
                .bind("customer", customerId)
                .map(Row.MAPPER)
                .list()
                .stream()
                .map(Row::toTicket)
                .toList();
    }

    /** A page of the tickets that match every criterion of {@code query} that is set, newest first. */
    public static List<Ticket> search(Handle handle, TicketQuery query) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM tickets WHERE 1 = 1");
        query.statusCriterion().ifPresent(s -> sql.append(" AND status = :status"));
        query.departmentCriterion().ifPresent(d -> sql.append(" AND department = :department"));
        query.priorityCriterion().ifPresent(p -> sql.append(" AND priority = :priority"));
        query.customerCriterion().ifPresent(c -> sql.append(" AND customer_id = :customer"));
        sql.append(NEWEST_FIRST).append(" LIMIT :limit OFFSET :offset");
        var statement =
                handle.createQuery(sql.toString()).bind("limit", query.limit()).bind("offset", query.offset());
        query.statusCriterion().ifPresent(s -> statement.bind("status", s.wireName()));
        query.departmentCriterion().ifPresent(d -> statement.bind("department", d.displayName()));
        query.priorityCriterion().ifPresent(p -> statement.bind("priority", p.wireName()));
        query.customerCriterion().ifPresent(c -> statement.bind("customer", c));
        return statement.map(Row.MAPPER).list().stream().map(Row::toTicket).toList();
    }

    /** The audit trail in the order it was written, which is the order the changes happened in. */
    public static List<TicketUpdate> history(Handle handle, TicketId ticketId) {
        return handle
                .createQuery("SELECT ticket_id, at, actor, kind, from_status, to_status, note"
                        + " FROM ticket_updates WHERE ticket_id = :id ORDER BY id")
                .bind("id", ticketId.value())
                .map(UpdateRow.MAPPER)
                .list()
                .stream()
                .map(UpdateRow::toUpdate)
                .toList();
    }

    /**
     * Inserts a ticket and its CREATED audit entry.
     *
     * @throws DuplicateTicketIdException if the id is taken; nothing was inserted
     */
    public static Ticket insert(Handle handle, Ticket ticket, String actor, String note) {
        // ON CONFLICT DO NOTHING (SQLite 3.24+, PostgreSQL 9.5+) reports a clash as 0 rows, without
        // depending on a driver's error codes or aborting a PostgreSQL transaction.
        int inserted = handle.createUpdate("INSERT INTO tickets (" + COLUMNS + ") VALUES (:id, :customer,"
                        + " :conversation, :description, :department, :priority, :status, :created, :updated, :fields)"
                        + " ON CONFLICT (ticket_id) DO NOTHING")
                .bind("id", ticket.ticketId().value())
                .bind("customer", ticket.customerId())
                .bind("conversation", ticket.conversationId())
                .bind("description", ticket.description())
                .bind("department", ticket.department().displayName())
                .bind("priority", ticket.priority().wireName())
                .bind("status", ticket.status().wireName())
                .bind("created", Times.format(ticket.createdAt()))
                .bind("updated", Times.format(ticket.updatedAt()))
                .bind("fields", SlotsJson.writeFields(ticket.fields()))
                .execute();
        if (inserted == 0) {
            throw new DuplicateTicketIdException("ticket id " + ticket.ticketId() + " already exists");
        }
        audit(
                handle,
                new TicketUpdate(
                        ticket.ticketId(),
                        ticket.createdAt(),
                        actor,
                        TicketUpdate.Kind.CREATED,
                        null,
                        ticket.status(),
                        note));
        return ticket;
    }

    /**
     * Applies a status change and/or note, with its audit entry, and returns the ticket as changed.
     *
     * @throws TicketNotFoundException if there is no such ticket; nothing was written
     * @throws IllegalArgumentException if the change is dated before the ticket was created
     */
    public static Ticket apply(Handle handle, TicketChange change) {
        // A no-op write first locks the row until commit (on PostgreSQL; SQLite's transaction holds the
        // database's write lock already), so the read below sees the last committed status and two
        // concurrent changes cannot both start from the same one. Portable, unlike SELECT ... FOR UPDATE.
        handle.createUpdate("UPDATE tickets SET updated_at = updated_at WHERE ticket_id = :id")
                .bind("id", change.ticketId().value())
                .execute();
        Ticket ticket = find(handle, change.ticketId())
                .orElseThrow(() -> new TicketNotFoundException("no ticket " + change.ticketId()));
        Ticket changed = change.newStatus() == null
                ? ticket.touchedAt(change.at())
                : ticket.withStatus(change.newStatus(), change.at());
        handle.createUpdate("UPDATE tickets SET status = :status, updated_at = :updated WHERE ticket_id = :id")
                .bind("status", changed.status().wireName())
                .bind("updated", Times.format(changed.updatedAt()))
                .bind("id", changed.ticketId().value())
                .execute();
        audit(
                handle,
                change.newStatus() == null
                        ? new TicketUpdate(
                                ticket.ticketId(),
                                change.at(),
                                change.actor(),
                                TicketUpdate.Kind.NOTE_ADDED,
                                null,
                                null,
                                change.note())
                        : new TicketUpdate(
                                ticket.ticketId(),
                                change.at(),
                                change.actor(),
                                TicketUpdate.Kind.STATUS_CHANGED,
                                ticket.status(),
                                change.newStatus(),
                                change.note()));
        return changed;
    }

    private static void audit(Handle handle, TicketUpdate entry) {
        Update insert = handle.createUpdate("INSERT INTO ticket_updates (ticket_id, at, actor, kind, from_status,"
                        + " to_status, note) VALUES (:id, :at, :actor, :kind, :from, :to, :note)")
                .bind("id", entry.ticketId().value())
                .bind("at", Times.format(entry.at()))
                .bind("actor", entry.actor())
                .bind("kind", entry.kind().name())
                .bind(
                        "from",
                        entry.fromStatus() == null ? null : entry.fromStatus().wireName())
                .bind("to", entry.toStatus() == null ? null : entry.toStatus().wireName())
                .bind("note", entry.note());
        insert.execute();
    }
}
