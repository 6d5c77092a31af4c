package dev.escalation.runner.eggai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.escalation.core.EscalationEngine;
import dev.escalation.core.OfflineLanguageModel;
import dev.escalation.core.State;
import dev.escalation.core.simulation.FakeClock;
import dev.escalation.runner.DatabaseWriteLock;
import dev.escalation.store.EscalationDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service when its SQLite database cannot be written (another process holds the write lock): the
 * turn is retried, not apologised for, while the outage lasts; after the retry window it is answered
 * with an apology and its bytes are dead-lettered; either way the connection's next message is answered.
 */
class StoreOutageServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String FIRST = "I've been trying to resolve this for weeks and I'm frustrated!";

    @TempDir
    Path dir;

    private EscalationDatabase database;
    private EscalationService service;
    private final MemoryTransport transport = new MemoryTransport("agents", 16);

    private void start(Duration retryWindow) {
        start(retryWindow, EscalationService.builder());
    }

    private void start(Duration retryWindow, EscalationService.Builder builder) {
        database = EscalationDatabase.builder()
                .sqliteFile(dir.resolve("tickets.db"))
                .busyTimeout(Duration.ofMillis(100))
                .build();
        service = builder.engine(EscalationEngine.builder()
                        .languageModel(new OfflineLanguageModel())
                        .conversationStore(database.conversationStore())
                        .ticketStore(database.ticketStore())
                        .build())
                .transport(transport)
                .replyForm(ReplyForm.BOTH)
                .workers(2)
                .maxInFlight(4)
                .turnRetryWindow(retryWindow)
                .build();
        service.start();
    }

    @AfterEach
    void stop() {
        if (service != null) {
            assertThat(service.stop(Duration.ofSeconds(10))).isTrue();
        }
        if (database != null) {
            database.close();
        }
    }

    private static String text(JsonNode reply) {
        return reply.path("data").path("message").asText();
    }

    @Test
    void aTurnThatMeetsALockedDatabaseIsRetriedAndAnsweredOnceTheLockIsGone() throws Exception {
        start(Duration.ofSeconds(60));
        byte[] request = Requests.request("escalation_request", "e1", "conn-1", "u1", List.of(FIRST));

        try (DatabaseWriteLock lock = DatabaseWriteLock.take(dir.resolve("tickets.db"))) {
            transport.send("agents", "conn-1", request);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (service.counters().retriedCount() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(service.counters().retriedCount())
                    .as("attempts retried while the lock was held")
                    .isGreaterThan(1);
            assertThat(transport.messages("human"))
                    .as("nothing answered while the turn cannot be stored")
                    .isEmpty();
        }
        List<JsonNode> human =
                transport.await("human", 1, WAIT).stream().map(Requests::read).toList();
        transport.awaitAcknowledged(1, WAIT);

        assertThat(text(human.get(0)))
                .as("the real answer, not an apology")
                .doesNotContain("sorry, I could not handle");
        assertThat(human.get(0).path("data").path("message_id").asText()).isEqualTo("e1");
        assertThat(transport.messages("escalation_dlq")).isEmpty();
        assertThat(service.counters().failedCount()).isZero();
        assertThat(database.conversationStore().load("conn-1").orElseThrow().turns())
                .isEqualTo(1);
    }

    @Test
    void aTurnStillFailingAfterTheRetryWindowIsApologisedForAndDeadLetteredAndTheNextMessageIsAnswered()
            throws Exception {
        start(Duration.ofMillis(800));
        byte[] first = Requests.request("escalation_request", "e1", "conn-1", "u1", List.of(FIRST));

        try (DatabaseWriteLock lock = DatabaseWriteLock.take(dir.resolve("tickets.db"))) {
            transport.send("agents", "conn-1", first);
            transport.await("escalation_dlq", 1, WAIT);
        }
        transport.send(
                "agents",
                "conn-1",
                Requests.request(
                        "escalation_request",
                        "e2",
                        "conn-1",
                        "u1",
                        List.of(
                                FIRST,
                                "…",
                                "My premium was taken twice this month and nobody refunded the duplicate payment.")));
        List<JsonNode> human =
                transport.await("human", 2, WAIT).stream().map(Requests::read).toList();
        transport.awaitAcknowledged(2, WAIT);

        MemoryTransport.Message dead = transport.messages("escalation_dlq").get(0);
        assertThat(dead.value()).as("the original bytes, so nothing is lost").isEqualTo(first);
        assertThat(dead.headers()).containsEntry("escalation_error_reason", "turn_failed");
        assertThat(text(human.get(0))).contains("sorry, I could not handle");
        assertThat(human.get(0).path("data").path("message_id").asText()).isEqualTo("e1");
        assertThat(human.get(1).path("data").path("message_id").asText()).isEqualTo("e2");
        assertThat(text(human.get(1))).doesNotContain("sorry, I could not handle");
        assertThat(service.counters().failedCount()).isEqualTo(1);
        assertThat(service.counters().deadLettered("turn_failed")).isEqualTo(1);
        assertThat(database.conversationStore().load("conn-1").orElseThrow().turns())
                .as("the failed turn stored nothing; the second is the conversation's first")
                .isEqualTo(1);
        assertThat(database.conversationStore().load("conn-1").orElseThrow().state())
                .isNotEqualTo(State.CANCELLED);
    }

    @Test
    void aTurnIsTriedAgainAfterDoublingWaitsUntilTheRetryWindowOnTheServicesClockHasPassed() throws Exception {
        FakeClock clock = new FakeClock(Instant.parse("2026-12-04T12:00:00Z"));
        List<Duration> waits = new CopyOnWriteArrayList<>();
        start(Duration.ofSeconds(2), EscalationService.builder().clock(clock).sleeper(wait -> {
            waits.add(wait);
            clock.advance(wait);
        }));

        try (DatabaseWriteLock lock = DatabaseWriteLock.take(dir.resolve("tickets.db"))) {
            transport.send(
                    "agents", "conn-1", Requests.request("escalation_request", "e1", "conn-1", "u1", List.of(FIRST)));
            transport.await("escalation_dlq", 1, WAIT);
        }

        // Failures at 0 s, 0.5 s and 1.5 s are retried; the one at 3.5 s is past the 2 s window.
        assertThat(waits).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(service.counters().retriedCount()).isEqualTo(3);
        assertThat(service.counters().failedCount()).isEqualTo(1);
    }
}
