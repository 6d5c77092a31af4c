package dev.escalation.store;

import static dev.escalation.store.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.escalation.core.CommittedTurn;
import dev.escalation.core.Conversation;
import dev.escalation.core.ConversationConflictException;
import dev.escalation.core.ConversationStore;
import dev.escalation.core.DuplicateTicketIdException;
import dev.escalation.core.PendingTurn;
import dev.escalation.core.Question;
import dev.escalation.core.State;
import dev.escalation.core.Ticket;
import dev.escalation.core.TicketChange;
import dev.escalation.core.TicketId;
import dev.escalation.core.TicketNotFoundException;
import dev.escalation.core.TicketStatus;
import dev.escalation.core.TicketStore;
import dev.escalation.core.TicketUpdate;
import dev.escalation.core.UnableToAccessStoreException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The conversation store's contract, on every database it runs on. */
@ParameterizedClass
@EnumSource(StoreBackend.class)
class JdbiConversationStoreTest {

    @Parameter
    StoreBackend backend;

    @TempDir
    Path dir;

    private StoreBackend.Location location;
    private EscalationDatabase database;
    private ConversationStore conversations;
    private TicketStore tickets;

    @BeforeEach
    void openDatabase() {
        location = backend.newLocation(dir);
        database = location.open();
        conversations = database.conversationStore();
        tickets = database.ticketStore();
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    private Conversation commitNew(String conversationId, String customerId) {
        return conversations
                .commit(new PendingTurn(Fixtures.newConversation(conversationId, customerId), null, null))
                .conversation();
    }

    @Test
    void loadIsEmptyForAConversationNeverStored() {
        assertThat(conversations.load("nobody")).isEmpty();
    }

    @Test
    void conversationWithEveryFieldRoundTripsExactly() {
        Conversation conversation = new Conversation(
                "c1",
                "u1",
                State.of("POLICY_CHECK"),
                Fixtures.fullSlots(),
                Question.EXTRA_SLOT,
                3,
                TicketId.of("TK-ABCDEFGH"),
                TicketId.of("TK-23456789"),
                7,
                0,
                NOW,
                NOW.plusMillis(1500));

        CommittedTurn committed = conversations.commit(new PendingTurn(conversation, null, null));

        Conversation expected = new Conversation(
                "c1",
                "u1",
                State.of("POLICY_CHECK"),
                Fixtures.fullSlots(),
                Question.EXTRA_SLOT,
                3,
                TicketId.of("TK-ABCDEFGH"),
                TicketId.of("TK-23456789"),
                7,
                1,
                NOW,
                NOW.plusMillis(1500));
        assertThat(committed.conversation()).isEqualTo(expected);
        assertThat(conversations.load("c1")).contains(expected);
        assertThat(expected.slots().extra())
                .containsEntry("policy_number", "PN-42")
                .containsEntry("account", "a\nb");
    }

    @Test
    void emptySlotsRoundTripAsEmpty() {
        commitNew("c1", "u1");

        assertThat(conversations.load("c1").orElseThrow().slots())
                .isEqualTo(Fixtures.newConversation("c1", "u1").slots());
    }

    @Test
    void slotsAreStoredAsReadableJsonWithDisplayAndWireNames() throws Exception {
        Conversation conversation = Fixtures.newConversation("c1", "u1");
        conversations.commit(new PendingTurn(
                new Conversation(
                        "c1",
                        "u1",
                        State.DETAILS,
                        Fixtures.fullSlots(),
                        Question.DETAILS,
                        1,
                        null,
                        null,
                        1,
                        0,
                        conversation.createdAt(),
                        conversation.updatedAt()),
                null,
                null));

        try (Connection raw = location.rawConnection();
                var rows = raw.createStatement().executeQuery("SELECT slots FROM conversations")) {
            rows.next();
            assertThat(rows.getString(1))
                    .contains("\"department\":\"Technical Support\"")
                    .contains("\"priority\":\"critical\"")
                    .contains("\"policy_number\":\"PN-42\"");
        }
    }

    @Test
    void everyCommitIncrementsTheVersion() {
        Conversation first = commitNew("c1", "u1");
        Conversation second = conversations
                .commit(new PendingTurn(Fixtures.nextTurn(first, State.DETAILS), null, null))
                .conversation();
        Conversation third = conversations
                .commit(new PendingTurn(Fixtures.nextTurn(second, State.CONFIRMATION), null, null))
                .conversation();

        assertThat(List.of(first.version(), second.version(), third.version())).containsExactly(1L, 2L, 3L);
        assertThat(conversations.load("c1").orElseThrow()).isEqualTo(third);
    }

    @Test
    void staleVersionIsAConflictAndChangesNothing() {
        Conversation stored = commitNew("c1", "u1");
        Conversation winner = conversations
                .commit(new PendingTurn(Fixtures.nextTurn(stored, State.DETAILS), null, null))
                .conversation();

        // A second writer that read version 1 too, and wants to create a ticket with its turn.
        Conversation loser =
                Fixtures.withTicket(Fixtures.nextTurn(stored, State.CANCELLED), TicketId.of("TK-LATEWRTR"));
        Ticket ticket = Fixtures.ticket("TK-LATEWRTR", "u1", "c1", NOW);

        assertThatThrownBy(() -> conversations.commit(new PendingTurn(loser, ticket, null)))
                .isInstanceOf(ConversationConflictException.class)
                .hasMessageContaining("c1")
                .hasMessageContaining("version 1");
        assertThat(conversations.load("c1")).contains(winner);
        assertThat(tickets.find(ticket.ticketId())).isEmpty();
        assertThat(tickets.history(ticket.ticketId())).isEmpty();
    }

    @Test
    void firstCommitOfAConversationThatExistsIsAConflict() {
        Conversation stored = commitNew("c1", "u1");

        assertThatThrownBy(() -> commitNew("c1", "u2"))
                .isInstanceOf(ConversationConflictException.class)
                .hasMessageContaining("c1");
        assertThat(conversations.load("c1")).contains(stored);
    }

    @Test
    void commitStoresTicketAndConversationInOneTransaction() {
        Conversation stored = commitNew("c1", "u1");
        Ticket ticket = Fixtures.ticket("TK-ABCDEFGH", "u1", "c1", NOW.plusSeconds(5));
        Conversation next = Fixtures.withTicket(Fixtures.nextTurn(stored, State.CONFIRMATION), ticket.ticketId());

        CommittedTurn committed = conversations.commit(new PendingTurn(next, ticket, null));

        assertThat(committed.createdTicket()).isEqualTo(ticket);
        assertThat(committed.changedTicket()).isNull();
        assertThat(committed.conversation().version()).isEqualTo(2);
        assertThat(committed.conversation().currentTicketId()).isEqualTo(ticket.ticketId());
        assertThat(tickets.find(ticket.ticketId())).contains(ticket);
        assertThat(tickets.history(ticket.ticketId()))
                .containsExactly(new TicketUpdate(
                        ticket.ticketId(),
                        ticket.createdAt(),
                        "agent",
                        TicketUpdate.Kind.CREATED,
                        null,
                        TicketStatus.OPEN,
                        "created on confirmation in conversation c1"));
        assertThat(conversations.load("c1")).contains(committed.conversation());
    }

    @Test
    void duplicateTicketIdStoresNeitherTicketNorConversation() {
        Conversation first = commitNew("c1", "u1");
        Ticket existing = Fixtures.ticket("TK-ABCDEFGH", "u1", "c1", NOW);
        Conversation withExisting = conversations
                .commit(new PendingTurn(
                        Fixtures.withTicket(Fixtures.nextTurn(first, State.CONFIRMATION), existing.ticketId()),
                        existing,
                        null))
                .conversation();

        // Tried: another conversation's first turn creating a ticket under the same id, other text.
        Conversation other = Fixtures.withTicket(Fixtures.newConversation("c2", "u2"), existing.ticketId());
        Ticket clash = new Ticket(
                existing.ticketId(),
                "u2",
                "c2",
                "Someone else's problem",
                existing.department(),
                existing.priority(),
                TicketStatus.OPEN,
                NOW.plusSeconds(9),
                NOW.plusSeconds(9));
        assertThatThrownBy(() -> conversations.commit(new PendingTurn(other, clash, null)))
                .isInstanceOf(DuplicateTicketIdException.class)
                .hasMessageContaining("TK-ABCDEFGH");
        // Tried: the same conversation's next turn with the clashing ticket.
        Ticket clashInC1 = Fixtures.ticket("TK-ABCDEFGH", "u1", "c1", NOW.plusSeconds(9));
        Conversation nextOfC1 =
                Fixtures.withTicket(Fixtures.nextTurn(withExisting, State.TICKET_CREATED), existing.ticketId());
        assertThatThrownBy(() -> conversations.commit(new PendingTurn(nextOfC1, clashInC1, null)))
                .isInstanceOf(DuplicateTicketIdException.class);

        // Survived: c2 was never stored, c1 is still at version 2, the original ticket and its one entry.
        assertThat(conversations.load("c2")).isEmpty();
        assertThat(conversations.load("c1")).contains(withExisting);
        assertThat(tickets.find(existing.ticketId())).contains(existing);
        assertThat(tickets.history(existing.ticketId())).hasSize(1);
        // The store is still usable: a retry with another id goes through, as the engine does.
        Ticket retry = Fixtures.ticket("TK-ZZZZZZZZ", "u2", "c2", NOW.plusSeconds(9));
        assertThat(conversations
                        .commit(new PendingTurn(
                                Fixtures.withTicket(Fixtures.newConversation("c2", "u2"), retry.ticketId()),
                                retry,
                                null))
                        .createdTicket())
                .isEqualTo(retry);
    }

    @Test
    void changeOfAnUnknownTicketStoresNothing() {
        Conversation stored = commitNew("c1", "u1");
        TicketChange change =
                new TicketChange(TicketId.of("TK-NNNNNNNN"), "customer:u1", null, "any news?", NOW.plusSeconds(3));

        assertThatThrownBy(() ->
                        conversations.commit(new PendingTurn(Fixtures.nextTurn(stored, State.DETAILS), null, change)))
                .isInstanceOf(TicketNotFoundException.class)
                .hasMessageContaining("TK-NNNNNNNN");
        assertThat(conversations.load("c1")).contains(stored);
        assertThat(tickets.history(change.ticketId())).isEmpty();
    }

    @Test
    void turnWithATicketChangeUpdatesTheTicketAndItsHistory() {
        Conversation first = commitNew("c1", "u1");
        Ticket ticket = Fixtures.ticket("TK-ABCDEFGH", "u1", "c1", NOW);
        Conversation second = conversations
                .commit(new PendingTurn(
                        Fixtures.withTicket(Fixtures.nextTurn(first, State.CONFIRMATION), ticket.ticketId()),
                        ticket,
                        null))
                .conversation();
        TicketChange note =
                new TicketChange(ticket.ticketId(), "customer:u1", null, "it happened again", NOW.plusSeconds(60));

        CommittedTurn committed =
                conversations.commit(new PendingTurn(Fixtures.nextTurn(second, State.TICKET_CREATED), null, note));

        assertThat(committed.changedTicket()).isEqualTo(ticket.touchedAt(note.at()));
        assertThat(tickets.find(ticket.ticketId())).contains(ticket.touchedAt(note.at()));
        assertThat(tickets.history(ticket.ticketId()))
                .extracting(TicketUpdate::kind, TicketUpdate::note)
                .containsExactly(
                        tuple(TicketUpdate.Kind.CREATED, "created on confirmation in conversation c1"),
                        tuple(TicketUpdate.Kind.NOTE_ADDED, "it happened again"));
    }

    @Test
    void corruptSlotsJsonIsReportedNamingTheConversation() throws Exception {
        commitNew("c-corrupt", "u1");
        damage("UPDATE conversations SET slots = '{\"department\": ' WHERE conversation_id = 'c-corrupt'");

        assertThatThrownBy(() -> conversations.load("c-corrupt"))
                .isInstanceOf(UnableToAccessStoreException.class)
                .hasMessageContaining("c-corrupt")
                .hasMessageContaining("JSON");
    }

    @Test
    void aDepartmentThatIsNoNameInSlotsIsReportedNamingTheConversation() throws Exception {
        commitNew("c-corrupt", "u1");
        damage("UPDATE conversations SET slots = '{\"department\":\"**\"}' WHERE conversation_id = 'c-corrupt'");

        assertThatThrownBy(() -> conversations.load("c-corrupt"))
                .isInstanceOf(UnableToAccessStoreException.class)
                .hasMessageContaining("c-corrupt")
                .hasMessageContaining("'**'");
    }

    @Test
    void aDepartmentOfAnotherFlowIsReadBackForTheEngineToJudgeByItsFlow() throws Exception {
        commitNew("c-legal", "u1");
        damage("UPDATE conversations SET slots = '{\"department\":\"Legal\"}' WHERE conversation_id = 'c-legal'");

        assertThat(conversations.load("c-legal"))
                .get()
                .satisfies(c -> assertThat(c.slots().department().displayName()).isEqualTo("Legal"));
    }

    @Test
    void badStateNameIsReportedNamingTheConversation() throws Exception {
        commitNew("c-corrupt", "u1");
        damage("UPDATE conversations SET state = 'not a state' WHERE conversation_id = 'c-corrupt'");

        assertThatThrownBy(() -> conversations.load("c-corrupt"))
                .isInstanceOf(UnableToAccessStoreException.class)
                .hasMessageContaining("c-corrupt")
                .hasMessageContaining("not a state");
    }

    @Test
    void manyThreadsCommittingDifferentConversationsAllSucceed() throws Exception {
        int threads = 8;
        int turns = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Conversation>> writers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String conversationId = "c" + t;
                String customerId = "u" + t;
                TicketId ticketId = TicketId.of("TK-THREADZ" + "ABCDEFGH".charAt(t));
                writers.add(pool.submit(turns(start, conversationId, customerId, ticketId, turns)));
            }
            // A reader alongside: reads never wait for the write lock and never fail.
            Future<Integer> reader = pool.submit(() -> {
                start.await();
                int reads = 0;
                for (int i = 0; i < 200; i++) {
                    conversations.load("c" + (i % threads));
                    tickets.list();
                    reads++;
                }
                return reads;
            });
            start.countDown();

            for (int t = 0; t < threads; t++) {
                Conversation last = writers.get(t).get(60, TimeUnit.SECONDS);
                assertThat(last.version()).isEqualTo(turns);
                assertThat(conversations.load("c" + t)).contains(last);
            }
            assertThat(reader.get(60, TimeUnit.SECONDS)).isEqualTo(200);
            assertThat(tickets.list()).hasSize(threads);
            assertThat(tickets.list())
                    .allSatisfy(ticket ->
                            assertThat(tickets.history(ticket.ticketId())).hasSize(2));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentTurnsOfOneConversationHaveExactlyOneWinner() throws Exception {
        Conversation stored = commitNew("c1", "u1");
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Conversation>> attempts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Conversation next = Fixtures.nextTurn(stored, State.of("STATE_" + t));
                attempts.add(pool.submit(() -> {
                    start.await();
                    return conversations
                            .commit(new PendingTurn(next, null, null))
                            .conversation();
                }));
            }
            start.countDown();

            List<Conversation> winners = new ArrayList<>();
            int conflicts = 0;
            for (Future<Conversation> attempt : attempts) {
                try {
                    winners.add(attempt.get(30, TimeUnit.SECONDS));
                } catch (ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(ConversationConflictException.class);
                    conflicts++;
                }
            }
            assertThat(winners).hasSize(1);
            assertThat(conflicts).isEqualTo(threads - 1);
            assertThat(conversations.load("c1")).contains(winners.get(0));
            assertThat(winners.get(0).version()).isEqualTo(2);
        } finally {
            pool.shutdownNow();
        }
    }

    /** One conversation's turns in a row: a ticket half way, a note on it later. */
    private Callable<Conversation> turns(
            CountDownLatch start, String conversationId, String customerId, TicketId ticketId, int count) {
        return () -> {
            start.await();
            Conversation stored = commitNew(conversationId, customerId);
            for (int turn = 2; turn <= count; turn++) {
                Conversation next = Fixtures.nextTurn(stored, State.DETAILS);
                PendingTurn pending;
                if (turn == count / 2) {
                    pending = new PendingTurn(
                            Fixtures.withTicket(next, ticketId),
                            Fixtures.ticket(ticketId.value(), customerId, conversationId, next.updatedAt()),
                            null);
                } else if (turn == count) {
                    pending = new PendingTurn(
                            next,
                            null,
                            new TicketChange(
                                    ticketId, "customer:" + customerId, null, "still broken", next.updatedAt()));
                } else {
                    pending = new PendingTurn(next, null, null);
                }
                stored = conversations.commit(pending).conversation();
            }
            return stored;
        };
    }

    private void damage(String sql) throws Exception {
        try (Connection raw = location.rawConnection();
                PreparedStatement statement = raw.prepareStatement(sql)) {
            assertThat(statement.executeUpdate()).isEqualTo(1);
        }
    }
}
