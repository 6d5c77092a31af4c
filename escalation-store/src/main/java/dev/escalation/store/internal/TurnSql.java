package dev.escalation.store.internal;

import dev.escalation.core.ConversationTurn;
import dev.escalation.core.Intent;
import dev.escalation.core.State;
import dev.escalation.core.UnableToAccessStoreException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;

/**
 * The SQL of the {@code conversation_turns} table: the transcript, one row per handled message.
 *
 * <p>Stateless and thread-safe; a {@link Handle} is not. Not a published API. Example:
 * {@code TurnSql.forConversation(handle, "c1")}.
 */
public final class TurnSql {

    private static final String COLUMNS = "conversation_id, turn, customer_id, cycle, at, message, from_state, event,"
            + " guard, to_state, reply, reading";

    /** A transcript row as stored; converted after the statement so a bad value names its turn. */
    private record Row(
            String conversationId,
            int turn,
            String customerId,
            int cycle,
            String at,
            String message,
            String from,
            String event,
            String guard,
            String to,
            String reply,
            String reading) {

        static final RowMapper<Row> MAPPER = (rs, ctx) -> new Row(
                rs.getString("conversation_id"),
                rs.getInt("turn"),
                rs.getString("customer_id"),
                rs.getInt("cycle"),
                rs.getString("at"),
                rs.getString("message"),
                rs.getString("from_state"),
                rs.getString("event"),
                rs.getString("guard"),
                rs.getString("to_state"),
                rs.getString("reply"),
                rs.getString("reading"));

        ConversationTurn toTurn() {
            try {
                return new ConversationTurn(
                        conversationId,
                        customerId,
                        turn,
                        cycle,
                        Times.parse(at),
                        message,
                        State.of(from),
                        Intent.valueOf(event),
                        guard,
                        State.of(to),
                        reply,
                        ReadingJson.read(reading));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new UnableToAccessStoreException(
                        "turn " + turn + " of conversation '" + conversationId + "' is stored with a bad value: "
                                + e.getMessage(),
                        e);
            }
        }
    }

    private TurnSql() {}

    /** Inserts a transcript entry, in the caller's transaction. */
    public static void insert(Handle handle, ConversationTurn entry) {
        handle.createUpdate("INSERT INTO conversation_turns (" + COLUMNS + ") VALUES (:conversation, :turn, :customer,"
                        + " :cycle, :at, :message, :from, :event, :guard, :to, :reply, :reading)")
                .bind("conversation", entry.conversationId())
                .bind("turn", entry.turn())
                .bind("customer", entry.customerId())
                .bind("cycle", entry.cycle())
                .bind("at", Times.format(entry.at()))
                .bind("message", entry.text())
                .bind("from", entry.from().name())
                .bind("event", entry.event().name())
                .bind("guard", entry.guard())
                .bind("to", entry.to().name())
                .bind("reply", entry.reply())
                .bind("reading", ReadingJson.write(entry.reading()))
                .execute();
    }

    /** Sets the reply of a turn; nothing if the turn has no entry. */
    public static void setReply(Handle handle, String conversationId, int turn, String reply) {
        handle.createUpdate("UPDATE conversation_turns SET reply = :reply WHERE conversation_id = :conversation"
                        + " AND turn = :turn")
                .bind("conversation", conversationId)
                .bind("turn", turn)
                .bind("reply", reply)
                .execute();
    }

    /** A conversation's transcript, first turn first. */
    public static List<ConversationTurn> forConversation(Handle handle, String conversationId) {
        return handle
                .createQuery("SELECT " + COLUMNS + " FROM conversation_turns WHERE conversation_id = :conversation"
                        + " ORDER BY turn")
                .bind("conversation", conversationId)
                .map(Row.MAPPER)
                .list()
                .stream()
                .map(Row::toTurn)
                .toList();
    }

    /** The turns handled at or after {@code from} and before {@code to}, by conversation, then turn. */
    public static List<ConversationTurn> between(Handle handle, Instant from, Instant to) {
        return handle
                .createQuery("SELECT " + COLUMNS + " FROM conversation_turns WHERE at >= :from AND at < :to"
                        + " ORDER BY conversation_id, turn")
                .bind("from", Times.format(from))
                .bind("to", Times.format(to))
                .map(Row.MAPPER)
                .list()
                .stream()
                .map(Row::toTurn)
                .toList();
    }

    /**
     * Passes the transcripts of the conversations active at or after {@code since} (null for any) to
     * {@code each}, one conversation at a time, the conversation that started first first; only
     * {@code conversationId}'s when it is not null, and of the {@code limit} most recently active when it
     * is positive. Rows are streamed, so memory holds one conversation at a time.
     */
    public static void forEachTranscript(
            Handle handle, Instant since, String conversationId, int limit, Consumer<List<ConversationTurn>> each) {
        StringBuilder chosen = new StringBuilder(
                "SELECT conversation_id, MIN(at) AS first_at, MAX(at) AS last_at" + " FROM conversation_turns");
        if (conversationId != null) {
            chosen.append(" WHERE conversation_id = :conversation");
        }
        chosen.append(" GROUP BY conversation_id");
        if (since != null) {
            chosen.append(" HAVING MAX(at) >= :since");
        }
        if (limit > 0) {
            chosen.append(" ORDER BY last_at DESC, conversation_id LIMIT :limit");
        }
        Query query = handle.createQuery("SELECT t.conversation_id, t.turn, t.customer_id, t.cycle, t.at, t.message,"
                + " t.from_state, t.event, t.guard, t.to_state, t.reply, t.reading FROM conversation_turns t JOIN ("
                + chosen
                + ") c ON c.conversation_id = t.conversation_id ORDER BY c.first_at, t.conversation_id, t.turn");
        if (conversationId != null) {
            query.bind("conversation", conversationId);
        }
        if (since != null) {
            query.bind("since", Times.format(since));
        }
        if (limit > 0) {
            query.bind("limit", limit);
        }
        List<ConversationTurn> current = new ArrayList<>();
        try (var rows = query.map(Row.MAPPER).stream()) {
            rows.forEach(row -> {
                if (!current.isEmpty() && !current.get(0).conversationId().equals(row.conversationId())) {
                    each.accept(List.copyOf(current));
                    current.clear();
                }
                current.add(row.toTurn());
            });
        }
        if (!current.isEmpty()) {
            each.accept(List.copyOf(current));
        }
    }
}
