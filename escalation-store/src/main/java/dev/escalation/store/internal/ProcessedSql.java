package dev.escalation.store.internal;

import dev.escalation.core.Conversation;
import dev.escalation.core.State;
import dev.escalation.core.StoredReply;
import dev.escalation.core.TicketId;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * SQL of the {@code processed_messages} table: which transport message ids were committed, and
 * their replies. Not a published API. Example: {@code ProcessedSql.find(handle, "c1", "m1")}.
 */
public final class ProcessedSql {

    private ProcessedSql() {}

    /** The processed message, or empty. */
    public static Optional<StoredReply> find(Handle handle, String conversationId, String messageId) {
        return handle.createQuery("SELECT conversation_id, message_id, turn, state, ticket_id, reply"
                        + " FROM processed_messages WHERE conversation_id = :conversation AND message_id = :message")
                .bind("conversation", conversationId)
                .bind("message", messageId)
                .map((rs, ctx) -> new StoredReply(
                        rs.getString("conversation_id"),
                        rs.getString("message_id"),
                        rs.getInt("turn"),
                        new State(rs.getString("state")),
                        rs.getString("ticket_id") == null ? null : TicketId.of(rs.getString("ticket_id")),
                        rs.getString("reply")))
                .findOne();
    }

    /** Records that {@code messageId} led to {@code stored}, with its reply if already worded (else null). */
    public static void insert(
            Handle handle, Conversation stored, String messageId, TicketId createdTicket, String reply) {
        handle.createUpdate("INSERT INTO processed_messages (conversation_id, message_id, turn, state, ticket_id,"
                        + " reply, processed_at) VALUES (:conversation, :message, :turn, :state, :ticket, :reply, :at)")
                .bind("conversation", stored.conversationId())
                .bind("message", messageId)
                .bind("turn", stored.turns())
                .bind("state", stored.state().name())
                .bind("ticket", createdTicket == null ? null : createdTicket.value())
                .bind("reply", reply)
                .bind("at", Times.format(stored.updatedAt()))
                .execute();
    }

    /** Sets the reply of a processed message; nothing if it is not there. */
    public static void setReply(Handle handle, String conversationId, String messageId, String reply) {
        handle.createUpdate("UPDATE processed_messages SET reply = :reply"
                        + " WHERE conversation_id = :conversation AND message_id = :message")
                .bind("conversation", conversationId)
                .bind("message", messageId)
                .bind("reply", reply)
                .execute();
    }
}
