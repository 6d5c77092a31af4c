package dev.escalation.store;

import static dev.escalation.store.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.core.Department;
import dev.escalation.core.PendingTurn;
import dev.escalation.core.Priority;
import dev.escalation.core.Ticket;
import dev.escalation.core.TicketChange;
import dev.escalation.core.TicketId;
import dev.escalation.core.TicketStatus;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Searching tickets by status, department, priority and customer, newest first, a page at a time. */
@ParameterizedClass
@EnumSource(StoreBackend.class)
class TicketSearchTest {

    @Parameter
    StoreBackend backend;

    @TempDir
    Path dir;

    private EscalationDatabase database;
    private JdbiTicketStore tickets;

    @BeforeEach
    void openDatabaseWithThreeTickets() {
        database = backend.newLocation(dir).open();
        tickets = database.ticketStore();
        create("TK-AAAAAAAA", "u1", Department.BILLING, Priority.HIGH, 1);
        create("TK-BBBBBBBB", "u2", Department.SALES, Priority.LOW, 2);
        create("TK-CCCCCCCC", "u1", Department.BILLING, Priority.LOW, 3);
        tickets.update(new TicketChange(
                TicketId.of("TK-CCCCCCCC"), "operator:ann", TicketStatus.RESOLVED, null, NOW.plusSeconds(10)));
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    private void create(String id, String customer, Department department, Priority priority, int second) {
        String conversation = "conv-" + id;
        Ticket ticket = new Ticket(
                TicketId.of(id),
                customer,
                conversation,
                "problem " + id,
                department,
                priority,
                TicketStatus.OPEN,
                NOW.plusSeconds(second),
                NOW.plusSeconds(second));
        database.conversationStore()
                .commit(new PendingTurn(
                        Fixtures.withTicket(Fixtures.newConversation(conversation, customer), ticket.ticketId()),
                        ticket,
                        null));
    }

    private static TicketQuery all(int offset, int limit) {
        return new TicketQuery(null, null, null, null, offset, limit);
    }

    @Test
    void withNoCriterionEveryTicketComesNewestFirst() {
        assertThat(tickets.search(all(0, 10)))
                .extracting(t -> t.ticketId().value())
                .containsExactly("TK-CCCCCCCC", "TK-BBBBBBBB", "TK-AAAAAAAA");
    }

    @Test
    void everyCriterionThatIsSetMustMatch() {
        assertThat(tickets.search(new TicketQuery(null, Department.BILLING, Priority.LOW, "u1", 0, 10)))
                .extracting(t -> t.ticketId().value())
                .containsExactly("TK-CCCCCCCC");
        assertThat(tickets.search(new TicketQuery(TicketStatus.OPEN, Department.BILLING, null, null, 0, 10)))
                .extracting(t -> t.ticketId().value())
                .containsExactly("TK-AAAAAAAA");
        assertThat(tickets.search(new TicketQuery(null, null, null, "nobody", 0, 10)))
                .isEmpty();
    }

    @Test
    void pagesFollowEachOtherWithoutOverlap() {
        assertThat(tickets.search(all(0, 2)))
                .extracting(t -> t.ticketId().value())
                .containsExactly("TK-CCCCCCCC", "TK-BBBBBBBB");
        assertThat(tickets.search(all(2, 2)))
                .extracting(t -> t.ticketId().value())
                .containsExactly("TK-AAAAAAAA");
    }

    @Test
    void aPageLargerThanTheLimitIsRefusedNamingIt() {
        assertThatThrownBy(() -> all(0, 501))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("limit must be 1 to 500, but was 501");
    }
}
