package dev.escalation.store.internal;

import dev.escalation.core.Conversation;
import dev.escalation.core.ConversationConflictException;
import dev.escalation.core.Question;
import dev.escalation.core.State;
import dev.escalation.core.TicketId;
import dev.escalation.core.UnableToAccessStoreException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Update;

/**
 * The SQL of the {@code conversations} table, with optimistic locking on {@code version}.
 *
 * <p>Stateless and thread-safe; a {@link Handle} is not. Not a published API. Example:
 * {@code ConversationSql.save(handle, next)}.
 */
public final class ConversationSql {

    /** A conversation row as stored; converted after the statement so a bad value names its conversation. */
    private record Row(
            String conversationId,
            String customerId,
            String state,
            String slots,
            String pendingQuestion,
            int cycle,
            String currentTicketId,
            String lastTicketId,
            int turns,
            long version,
            String createdAt,
            String updatedAt,
            String parkedRequest) {

        static final RowMapper<Row> MAPPER = (rs, ctx) -> new Row(
                rs.getString("conversation_id"),
                rs.getString("customer_id"),
                rs.getString("state"),
                rs.getString("slots"),
                rs.getString("pending_question"),
                rs.getInt("cycle"),
                rs.getString("current_ticket_id"),
                rs.getString("last_ticket_id"),
                rs.getInt("turns"),
                rs.getLong("version"),
                rs.getString("created_at"),
                rs.getString("updated_at"),
                rs.getString("parked_request"));

        Conversation toConversation() {
            try {
                return new Conversation(
                        conversationId,
                        customerId,
                        State.of(state),
                        SlotsJson.read(slots),
                        Question.valueOf(pendingQuestion),
                        cycle,
                        currentTicketId == null ? null : TicketId.of(currentTicketId),
                        lastTicketId == null ? null : TicketId.of(lastTicketId),
                        turns,
                        version,
                        Times.parse(createdAt),
                        Times.parse(updatedAt),
                        parkedRequest);
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new UnableToAccessStoreException(
                        "conversation '" + conversationId + "' is stored with a bad value: " + e.getMessage(), e);
            }
        }
    }

    private ConversationSql() {}

    /** The stored conversation, or empty. */
    public static Optional<Conversation> find(Handle handle, String conversationId) {
        return handle.createQuery("SELECT conversation_id, customer_id, state, slots, pending_question, cycle,"
                        + " current_ticket_id, last_ticket_id, turns, version, created_at, updated_at, parked_request"
                        + " FROM conversations WHERE conversation_id = :id")
                .bind("id", conversationId)
                .map(Row.MAPPER)
                .findOne()
                .map(Row::toConversation);
    }

    /** A page of the conversations, the most recently active first (ties by id, so pages never overlap). */
    public static List<Conversation> page(Handle handle, int offset, int limit) {
        return handle
                .createQuery("SELECT conversation_id, customer_id, state, slots, pending_question, cycle,"
                        + " current_ticket_id, last_ticket_id, turns, version, created_at, updated_at, parked_request"
                        + " FROM conversations ORDER BY updated_at DESC, conversation_id LIMIT :limit OFFSET :offset")
                .bind("limit", limit)
                .bind("offset", offset)
                .map(Row.MAPPER)
                .list()
                .stream()
                .map(Row::toConversation)
                .toList();
    }

    /**
     * Inserts the conversation if its version is 0, else updates it if the stored version still equals
     * its version; returns it as stored, with the version incremented.
     *
     * @throws ConversationConflictException if another writer stored it first; nothing was written
     */
    public static Conversation save(Handle handle, Conversation next) {
        long version = next.version() + 1;
        Update statement = next.version() == 0
                ? handle.createUpdate("INSERT INTO conversations (conversation_id, customer_id, state, slots,"
                        + " pending_question, cycle, current_ticket_id, last_ticket_id, turns, version, created_at, updated_at,"
                        + " parked_request) VALUES (:id, :customer, :state, :slots, :question, :cycle, :current, :last, :turns,"
                        + " :version, :created, :updated, :parked) ON CONFLICT (conversation_id) DO NOTHING")
                : handle.createUpdate(
                                "UPDATE conversations SET customer_id = :customer, state = :state, slots = :slots,"
                                        + " pending_question = :question, cycle = :cycle, current_ticket_id = :current,"
                                        + " last_ticket_id = :last, turns = :turns, version = :version, created_at = :created,"
                                        + " updated_at = :updated, parked_request = :parked WHERE conversation_id = :id AND version = :expected")
                        .bind("expected", next.version());
        int written = statement
                .bind("id", next.conversationId())
                .bind("customer", next.customerId())
                .bind("state", next.state().name())
                .bind("slots", SlotsJson.write(next.slots()))
                .bind("question", next.pendingQuestion().name())
                .bind("cycle", next.cycle())
                .bind(
                        "current",
                        next.currentTicketId() == null
                                ? null
                                : next.currentTicketId().value())
                .bind(
                        "last",
                        next.lastTicketId() == null ? null : next.lastTicketId().value())
                .bind("turns", next.turns())
                .bind("version", version)
                .bind("created", Times.format(next.createdAt()))
                .bind("updated", Times.format(next.updatedAt()))
                .bind("parked", next.parkedRequest())
                .execute();
        if (written == 0) {
            throw new ConversationConflictException("conversation " + next.conversationId() + " was read at version "
                    + next.version() + ", but another writer stored it first (now at version "
                    + storedVersion(handle, next.conversationId()) + ")");
        }
        return next.withVersion(version);
    }

    private static String storedVersion(Handle handle, String conversationId) {
        return handle.createQuery("SELECT version FROM conversations WHERE conversation_id = :id")
                .bind("id", conversationId)
                .mapTo(Long.class)
                .findOne()
                .map(String::valueOf)
                .orElse("none: it is not stored");
    }
}
