package dev.escalation.store;

import dev.escalation.core.Conversation;
import dev.escalation.core.Department;
import dev.escalation.core.Priority;
import dev.escalation.core.Question;
import dev.escalation.core.Slots;
import dev.escalation.core.State;
import dev.escalation.core.Ticket;
import dev.escalation.core.TicketId;
import dev.escalation.core.TicketStatus;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Values and helpers shared by the store tests. */
final class Fixtures {

    /** Nanoseconds included, so that a lossy time column would show. */
    static final Instant NOW = Instant.parse("2025-03-01T10:15:30.123456789Z");

    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private Fixtures() {}

    static EscalationDatabase open(Path file) {
        return EscalationDatabase.builder().sqliteFile(file).clock(CLOCK).build();
    }

    static Conversation newConversation(String conversationId, String customerId) {
        return Conversation.start(conversationId, customerId, State.REASON, NOW);
    }

    /** The next turn of a stored conversation: one more message, a later time, the same version as read. */
    static Conversation nextTurn(Conversation stored, State state) {
        Instant at = stored.updatedAt().plusSeconds(1);
        return new Conversation(
                stored.conversationId(),
                stored.customerId(),
                state,
                stored.slots().withMoreDescription("turn " + (stored.turns() + 1)),
                Question.DETAILS,
                stored.cycle(),
                stored.currentTicketId(),
                stored.lastTicketId(),
                stored.turns() + 1,
                stored.version(),
                stored.createdAt(),
                at);
    }

    /** The conversation with a ticket created in this cycle, as the engine sends it with the new ticket. */
    static Conversation withTicket(Conversation conversation, TicketId ticketId) {
        return new Conversation(
                conversation.conversationId(),
                conversation.customerId(),
                State.TICKET_CREATED,
                conversation.slots(),
                Question.NONE,
                conversation.cycle(),
                ticketId,
                ticketId,
                conversation.turns(),
                conversation.version(),
                conversation.createdAt(),
                conversation.updatedAt());
    }

    static Ticket ticket(String ticketId, String customerId, String conversationId, Instant createdAt) {
        return new Ticket(
                TicketId.of(ticketId),
                customerId,
                conversationId,
                "The invoice shows a double charge",
                Department.BILLING,
                Priority.HIGH,
                TicketStatus.OPEN,
                createdAt,
                createdAt);
    }

    static Slots fullSlots() {
        return Slots.EMPTY
                .withDepartment(Department.TECHNICAL_SUPPORT, true)
                .withPriority(Priority.CRITICAL, false)
                .withMoreDescription("The VPN drops every 5 minutes — \"quoted\" and ünïcödé")
                .withMoreDescription("since Monday")
                .withReasonGiven()
                .withDetailsGiven()
                .withContact("ana@example.com")
                .withExtra("policy_number", "PN-42")
                .withExtra("account", "a\nb");
    }

    /** A plain JDBC connection to the file, beside the store's own, to look at or damage what it wrote. */
    static Connection rawConnection(Path file) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
    }
}
