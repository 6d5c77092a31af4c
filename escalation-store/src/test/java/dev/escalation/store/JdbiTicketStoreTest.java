package dev.escalation.store;

import static dev.escalation.store.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.core.Conversation;
import dev.escalation.core.ConversationStore;
import dev.escalation.core.PendingTurn;
import dev.escalation.core.Ticket;
import dev.escalation.core.TicketChange;
import dev.escalation.core.TicketId;
import dev.escalation.core.TicketNotFoundException;
import dev.escalation.core.TicketStatus;
import dev.escalation.core.TicketStore;
import dev.escalation.core.TicketUpdate;
import dev.escalation.core.UnableToUpdateTicketException;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The ticket store's contract, on every database it runs on. */
@ParameterizedClass
@EnumSource(StoreBackend.class)
class JdbiTicketStoreTest {

    @Parameter
    StoreBackend backend;

    @TempDir
    Path dir;

    private EscalationDatabase database;
    private ConversationStore conversations;
    private TicketStore tickets;

    @BeforeEach
    void openDatabase() {
        database = backend.newLocation(dir).open();
        conversations = database.conversationStore();
        tickets = database.ticketStore();
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    /** Creates a ticket the way the engine does: in the first turn of its own conversation. */
    private Ticket create(String ticketId, String customerId, Instant createdAt) {
        String conversationId = "conversation-of-" + ticketId;
        Ticket ticket = Fixtures.ticket(ticketId, customerId, conversationId, createdAt);
        Conversation conversation =
                Fixtures.withTicket(Fixtures.newConversation(conversationId, customerId), ticket.ticketId());
        return conversations.commit(new PendingTurn(conversation, ticket, null)).createdTicket();
    }

    @Test
    void operatorStatusChangeWithNoteAppearsInHistoryWithFromAndTo() {
        Ticket ticket = create("TK-ABCDEFGH", "u1", NOW);
        Instant at = NOW.plusSeconds(3600);

        Ticket changed = tickets.update(
                new TicketChange(ticket.ticketId(), "operator:ana", TicketStatus.RESOLVED, "refund issued", at));

        assertThat(changed).isEqualTo(ticket.withStatus(TicketStatus.RESOLVED, at));
        assertThat(tickets.find(ticket.ticketId())).contains(changed);
        assertThat(tickets.history(ticket.ticketId()))
                .containsExactly(
                        new TicketUpdate(
                                ticket.ticketId(),
                                NOW,
                                "agent",
                                TicketUpdate.Kind.CREATED,
                                null,
                                TicketStatus.OPEN,
                                "created on confirmation in conversation conversation-of-TK-ABCDEFGH"),
                        new TicketUpdate(
                                ticket.ticketId(),
                                at,
                                "operator:ana",
                                TicketUpdate.Kind.STATUS_CHANGED,
                                TicketStatus.OPEN,
                                TicketStatus.RESOLVED,
                                "refund issued"));
    }

    @Test
    void noteWithoutStatusIsANoteAddedEntryAndTouchesTheTicket() {
        Ticket ticket = create("TK-ABCDEFGH", "u1", NOW);
        tickets.update(new TicketChange(
                ticket.ticketId(), "operator:ana", TicketStatus.IN_PROGRESS, null, NOW.plusSeconds(10)));

        Ticket changed = tickets.update(
                new TicketChange(ticket.ticketId(), "operator:bo", null, "called the customer", NOW.plusSeconds(20)));

        assertThat(changed.status()).isEqualTo(TicketStatus.IN_PROGRESS);
        assertThat(changed.updatedAt()).isEqualTo(NOW.plusSeconds(20));
        assertThat(tickets.history(ticket.ticketId()))
                .last()
                .isEqualTo(new TicketUpdate(
                        ticket.ticketId(),
                        NOW.plusSeconds(20),
                        "operator:bo",
                        TicketUpdate.Kind.NOTE_ADDED,
                        null,
                        null,
                        "called the customer"));
        assertThat(tickets.history(ticket.ticketId()))
                .extracting(TicketUpdate::kind)
                .containsExactly(
                        TicketUpdate.Kind.CREATED, TicketUpdate.Kind.STATUS_CHANGED, TicketUpdate.Kind.NOTE_ADDED);
    }

    @Test
    void updateOfAnUnknownTicketIsNotFoundAndStoresNothing() {
        TicketId unknown = TicketId.of("TK-NNNNNNNN");

        assertThatThrownBy(
                        () -> tickets.update(new TicketChange(unknown, "operator:ana", TicketStatus.CLOSED, null, NOW)))
                .isInstanceOf(TicketNotFoundException.class)
                .hasMessageContaining("TK-NNNNNNNN");
        assertThat(tickets.history(unknown)).isEmpty();
        assertThat(tickets.list()).isEmpty();
    }

    @Test
    void changeDatedBeforeTheTicketIsRefusedNamingTheTicketAndStoresNothing() {
        Ticket ticket = create("TK-ABCDEFGH", "u1", NOW);

        assertThatThrownBy(() -> tickets.update(new TicketChange(
                        ticket.ticketId(), "operator:ana", TicketStatus.CLOSED, null, NOW.minusSeconds(1))))
                .isInstanceOf(UnableToUpdateTicketException.class)
                .isNotInstanceOf(TicketNotFoundException.class)
                .hasMessageContaining("TK-ABCDEFGH");
        assertThat(tickets.find(ticket.ticketId())).contains(ticket);
        assertThat(tickets.history(ticket.ticketId())).hasSize(1);
    }

    @Test
    void findForCustomerIsEmptyForAnotherCustomersTicket() {
        Ticket ticket = create("TK-ABCDEFGH", "owner", NOW);

        assertThat(tickets.findForCustomer(ticket.ticketId(), "owner")).contains(ticket);
        assertThat(tickets.findForCustomer(ticket.ticketId(), "intruder")).isEmpty();
        assertThat(tickets.findForCustomer(TicketId.of("TK-NNNNNNNN"), "owner")).isEmpty();
        assertThat(tickets.find(ticket.ticketId())).contains(ticket);
    }

    @Test
    void listForCustomerHoldsOnlyTheirOwnTicketsNewestFirst() {
        Ticket older = create("TK-AAAAAAAA", "u1", NOW);
        Ticket others = create("TK-BBBBBBBB", "u2", NOW.plusSeconds(5));
        Ticket newer = create("TK-CCCCCCCC", "u1", NOW.plusSeconds(10));

        assertThat(tickets.listForCustomer("u1")).containsExactly(newer, older);
        assertThat(tickets.listForCustomer("u2")).containsExactly(others);
        assertThat(tickets.listForCustomer("u3")).isEmpty();
    }

    @Test
    void listHoldsAllTicketsNewestFirstThenById() {
        Ticket first = create("TK-AAAAAAAA", "u1", NOW);
        Ticket tieB = create("TK-BBBBBBBB", "u2", NOW.plusNanos(1));
        Ticket tieA = create("TK-AZZZZZZZ", "u3", NOW.plusNanos(1));
        Ticket last = create("TK-CCCCCCCC", "u1", NOW.plusMillis(1));

        assertThat(tickets.list()).containsExactly(last, tieA, tieB, first);
    }

    @Test
    void historyOfAnUnknownTicketIsEmpty() {
        assertThat(tickets.history(TicketId.of("TK-NNNNNNNN"))).isEmpty();
    }
}
