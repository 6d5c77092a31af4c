package dev.escalation.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.CustomerMessage;
import dev.escalation.core.EscalationEngine;
import dev.escalation.core.InMemoryStore;
import dev.escalation.core.OfflineLanguageModel;
import dev.escalation.core.State;
import dev.escalation.core.Ticket;
import dev.escalation.core.TicketStore;
import dev.escalation.core.TicketUpdate;
import dev.escalation.core.TurnResult;
import dev.escalation.core.simulation.Profile;
import dev.escalation.core.simulation.Profiles;
import dev.escalation.core.simulation.SimulatedCustomer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole flow on the real engine, the offline model and a real SQLite file. */
class EngineOnSqliteTest {

    @TempDir
    Path dir;

    private static EscalationEngine engine(EscalationDatabase database) {
        return EscalationEngine.builder()
                .languageModel(new OfflineLanguageModel())
                .conversationStore(database.conversationStore())
                .ticketStore(database.ticketStore())
                .build();
    }

    @Test
    void theFortyDevProfilesEachEndWithTheRubricsTicketInTheDatabase() {
        try (EscalationDatabase database = EscalationDatabase.openSqlite(dir.resolve("tickets.db"))) {
            SimulatedCustomer customer = new SimulatedCustomer(engine(database));
            List<Profile> profiles = Profiles.dev();

            List<SimulatedCustomer.Transcript> failed = profiles.stream()
                    .map(profile -> customer.play(profile, "conv-" + profile.id()))
                    .filter(transcript -> !transcript.succeeded())
                    .toList();

            assertThat(failed)
                    .as("profiles that did not reach the rubric's ticket")
                    .isEmpty();
            long confirming = profiles.stream().filter(Profile::confirm).count();
            assertThat(database.ticketStore().list()).hasSize((int) confirming);
            for (Ticket ticket : database.ticketStore().list()) {
                assertThat(database.ticketStore().history(ticket.ticketId()))
                        .first()
                        .satisfies(entry -> assertThat(entry.kind()).isEqualTo(TicketUpdate.Kind.CREATED));
            }
        }
    }

    @Test
    void aRestartInTheMiddleOfAConversationContinuesWhereItWasWithExactlyOneTicket() {
        Path file = dir.resolve("restart.db");
        try (EscalationDatabase database = EscalationDatabase.openSqlite(file)) {
            EscalationEngine engine = engine(database);
            engine.handle(
                    new CustomerMessage("c1", "u1", "I've been trying to resolve this for weeks and I'm frustrated!"));
            TurnResult summary = engine.handle(new CustomerMessage(
                    "c1",
                    "u1",
                    "My premium was taken twice this month and nobody has refunded the duplicate payment."));
            assertThat(summary.state()).isEqualTo(State.CONFIRMATION);
        }

        try (EscalationDatabase reopened = EscalationDatabase.openSqlite(file)) {
            EscalationEngine engine = engine(reopened);
            TurnResult confirmed = engine.handle(new CustomerMessage("c1", "u1", "yes"));
            TurnResult again = engine.handle(new CustomerMessage("c1", "u1", "yes, go ahead"));

            assertThat(confirmed.state()).isEqualTo(State.TICKET_CREATED);
            assertThat(confirmed.turn()).isEqualTo(3);
            assertThat(again.state()).isEqualTo(State.TICKET_CREATED);
            assertThat(reopened.ticketStore().listForCustomer("u1"))
                    .singleElement()
                    .satisfies(
                            ticket -> assertThat(ticket.priority().wireName()).isEqualTo("high"));
        }
    }

    @Test
    void manyConversationsAtOnceOnOneFileAllGetTheirTicket() throws Exception {
        try (EscalationDatabase database = EscalationDatabase.openSqlite(dir.resolve("parallel.db"))) {
            EscalationEngine engine = engine(database);
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<TurnResult>> results = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                String conversation = "c" + i;
                String customer = "u" + i;
                results.add(pool.submit(() -> {
                    engine.handle(new CustomerMessage(
                            conversation, customer, "I was charged twice for my invoice this month"));
                    engine.handle(
                            new CustomerMessage(
                                    conversation,
                                    customer,
                                    "The March invoice shows the same $40 charge two times and I want the second one refunded."));
                    return engine.handle(new CustomerMessage(conversation, customer, "yes"));
                }));
            }
            for (Future<TurnResult> result : results) {
                assertThat(result.get(60, TimeUnit.SECONDS).state()).isEqualTo(State.TICKET_CREATED);
            }
            pool.shutdown();

            assertThat(database.ticketStore().list()).hasSize(100);
        }
    }

    /**
     * What the offline model makes of one script, one message at a time: the state after each message, and
     * each ticket the conversation got (department, priority, description).
     */
    private record Outcome(List<State> states, List<String> tickets) {
        static Outcome of(List<TurnResult> results, TicketStore store, String customerId) {
            String conversation = results.get(0).conversationId();
            return new Outcome(
                    results.stream().map(TurnResult::state).toList(),
                    store.listForCustomer(customerId).stream()
                            .filter(ticket -> ticket.conversationId().equals(conversation))
                            .map(ticket -> ticket.department().displayName() + "/"
                                    + ticket.priority().wireName() + "/" + ticket.description())
                            .toList());
        }
    }

    /**
     * Four messages a customer of {@code profile} sends, as the offline model leads them (played once on an
     * in-memory store): the opening, then the details or the department when asked, yes or no at the
     * summary, and once the conversation has ended, a question about their ticket. Empty when the profile
     * needs more than four messages to end; {@code expected} gets what the model made of it.
     */
    private static List<String> script(
            Profile profile, EscalationEngine reference, InMemoryStore memory, Map<String, Outcome> expected) {
        String conversation = "ref-" + profile.id();
        List<String> texts = new ArrayList<>();
        List<TurnResult> results = new ArrayList<>();
        TurnResult last = null;
        for (int i = 0; i < 4; i++) {
            String text;
            if (last == null) {
                text = profile.opening();
            } else if (last.state() == State.TICKET_CREATED || last.state() == State.CANCELLED) {
                text = "What's the status of my ticket?";
            } else if (last.state() == State.CONFIRMATION) {
                text = profile.confirm() ? "Yes, please create the ticket." : "No, please cancel it.";
            } else if (last.reply().contains("Technical Support, Billing or Sales")) {
                text = profile.departmentAnswer();
            } else {
                text = profile.details();
            }
            texts.add(text);
            last = reference.handle(new CustomerMessage(conversation, profile.customerId(), text));
            results.add(last);
        }
        if (last.state() != State.TICKET_CREATED && last.state() != State.CANCELLED) {
            return List.of();
        }
        expected.put(profile.id(), Outcome.of(results, memory, profile.customerId()));
        return texts;
    }

    @Test
    void aThousandConversationsOfFourMessagesInParallelLoseNoTurnSeeNoStoreErrorAndGetTheOfflineModelsTickets()
            throws Exception {
        int conversations = 1_000;
        InMemoryStore memory = new InMemoryStore();
        EscalationEngine reference = EscalationEngine.builder()
                .languageModel(new OfflineLanguageModel())
                .conversationStore(memory)
                .ticketStore(memory)
                .build();
        Map<String, Outcome> expected = new HashMap<>();
        Map<Profile, List<String>> scripts = new LinkedHashMap<>();
        for (Profile profile : Profiles.dev()) {
            List<String> texts = script(profile, reference, memory, expected);
            if (!texts.isEmpty()) {
                scripts.put(profile, texts);
            }
        }
        assertThat(scripts)
                .as("profiles the offline model leads to an end in four messages")
                .hasSizeGreaterThan(30);
        assertThat(expected.values())
                .allSatisfy(outcome ->
                        assertThat(outcome.tickets()).hasSize(outcome.states().contains(State.TICKET_CREATED) ? 1 : 0));
        List<Profile> profiles = List.copyOf(scripts.keySet());
        Path file = dir.resolve("load.db");
        List<String> errors = new CopyOnWriteArrayList<>();
        AtomicInteger turns = new AtomicInteger();
        long started = System.nanoTime();
        Map<String, Outcome> outcomes = new ConcurrentHashMap<>();
        try (EscalationDatabase database = EscalationDatabase.openSqlite(file)) {
            EscalationEngine engine = engine(database);
            // Bounded: sixteen turns at once, the other conversations' next messages queue behind them, so the
            // thousand conversations are all under way together and their turns interleave.
            ExecutorService pool = Executors.newFixedThreadPool(16);
            try {
                List<CompletableFuture<List<TurnResult>>> runs = new ArrayList<>();
                for (int i = 0; i < conversations; i++) {
                    Profile profile = profiles.get(i % profiles.size());
                    String conversation = "load-" + i;
                    String customer = "cust-load-" + i;
                    CompletableFuture<List<TurnResult>> run = CompletableFuture.completedFuture(new ArrayList<>());
                    List<String> texts = scripts.get(profile);
                    for (int k = 0; k < texts.size(); k++) {
                        CustomerMessage message =
                                new CustomerMessage(conversation, customer, texts.get(k), conversation + "-" + k);
                        run = run.thenApplyAsync(
                                results -> {
                                    try {
                                        results.add(engine.handle(message));
                                        turns.incrementAndGet();
                                    } catch (RuntimeException e) {
                                        errors.add(message.messageId() + ": " + e);
                                        throw e;
                                    }
                                    return results;
                                },
                                pool);
                    }
                    runs.add(run.whenComplete((results, failure) -> {
                        if (results != null) {
                            outcomes.put(
                                    conversation + " " + profile.id(),
                                    Outcome.of(results, database.ticketStore(), customer));
                        }
                    }));
                }
                // Only a guard against a hang: a busy shared machine can take minutes.
                CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new))
                        .exceptionally(failure -> null)
                        .get(10, TimeUnit.MINUTES);
            } finally {
                pool.shutdownNow();
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

            List<Ticket> tickets = database.ticketStore().list();
            int confirmed = (int) outcomes.values().stream()
                    .filter(o -> o.states().contains(State.TICKET_CREATED))
                    .count();
            String counts = turns + " turns, " + tickets.size() + " tickets (" + confirmed
                    + " confirmed conversations, "
                    + scripts.size() + " scripts), " + errors.size() + " errors in " + millis + " ms; first errors: "
                    + errors.subList(0, Math.min(5, errors.size()));
            if (Boolean.getBoolean("load.report")) {
                System.err.println("load: " + conversations + " conversations x 4 messages, " + counts);
            }
            assertThat(errors).as(counts).isEmpty();
            assertThat(turns.get()).as(counts).isEqualTo(conversations * 4);
            assertThat(outcomes).as(counts).hasSize(conversations);
            for (Map.Entry<String, Outcome> entry : outcomes.entrySet()) {
                String profileId = entry.getKey().substring(entry.getKey().indexOf(' ') + 1);
                assertThat(entry.getValue()).as(entry.getKey() + ": " + counts).isEqualTo(expected.get(profileId));
            }
            Map<String, List<Ticket>> byConversation =
                    tickets.stream().collect(Collectors.groupingBy(Ticket::conversationId));
            assertThat(tickets).as(counts).hasSize(confirmed);
            assertThat(byConversation.values())
                    .as("one ticket per confirmed conversation: " + counts)
                    .allSatisfy(own -> assertThat(own).hasSize(1));
            for (Ticket ticket : tickets) {
                assertThat(database.ticketStore().history(ticket.ticketId()))
                        .as(ticket.ticketId() + ": " + counts)
                        .singleElement()
                        .satisfies(entry -> assertThat(entry.kind()).isEqualTo(TicketUpdate.Kind.CREATED));
            }
        }
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
                Statement statement = db.createStatement()) {
            assertThat(count(statement, "SELECT COUNT(*) FROM conversations WHERE turns = 4"))
                    .isEqualTo(conversations);
            assertThat(count(statement, "SELECT COUNT(*) FROM processed_messages WHERE reply IS NOT NULL"))
                    .as("every turn stored once with its reply")
                    .isEqualTo(conversations * 4);
        }
    }

    private static int count(Statement statement, String sql) throws SQLException {
        try (ResultSet row = statement.executeQuery(sql)) {
            return row.getInt(1);
        }
    }
}
