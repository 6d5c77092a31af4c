package dev.escalation.runner.eggai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.EscalationEngine;
import dev.escalation.core.OfflineLanguageModel;
import dev.escalation.core.simulation.FakeClock;
import dev.escalation.store.EscalationDatabase;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The consumer when the transport cannot be reached: it polls again after the shared retry policy's
 * doubling waits (on the service's sleeper, so they cost no time here) and consumes as soon as the
 * transport answers. A real broker's loss is {@code KafkaBrokerLossTest}'s.
 */
class TransportOutageServiceTest {

    private static final String FIRST = "I've been trying to resolve this for weeks and I'm frustrated!";

    @TempDir
    Path dir;

    private EscalationDatabase database;
    private EscalationService service;

    /** The in-memory transport behind a connection that is down for the first {@code outages} polls. */
    private static final class FlakyTransport implements Transport {
        private final MemoryTransport memory = new MemoryTransport("agents", 16);
        private final AtomicInteger outages;

        FlakyTransport(int outages) {
            this.outages = new AtomicInteger(outages);
        }

        @Override
        public List<InboundMessage> poll(Duration timeout) {
            if (outages.getAndDecrement() > 0) {
                throw new UnableToReachTransportException("the broker is down", new IOException("connection refused"));
            }
            return memory.poll(timeout);
        }

        @Override
        public void publish(String channel, String key, byte[] value, Map<String, String> headers) {
            memory.publish(channel, key, value, headers);
        }

        @Override
        public void acknowledge(InboundMessage message) {
            memory.acknowledge(message);
        }

        @Override
        public void close() {
            memory.close();
        }
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

    @Test
    void aTransportThatCannotBeReachedIsPolledAgainAfterDoublingWaitsAndThenConsumed() {
        FakeClock clock = new FakeClock(Instant.parse("2026-12-04T12:00:00Z"));
        List<Duration> waits = new CopyOnWriteArrayList<>();
        FlakyTransport transport = new FlakyTransport(4);
        database = EscalationDatabase.openSqlite(dir.resolve("tickets.db"));
        service = EscalationService.builder()
                .engine(EscalationEngine.builder()
                        .languageModel(new OfflineLanguageModel())
                        .conversationStore(database.conversationStore())
                        .ticketStore(database.ticketStore())
                        .build())
                .transport(transport)
                .replyForm(ReplyForm.BOTH)
                .clock(clock)
                .sleeper(wait -> {
                    waits.add(wait);
                    clock.advance(wait);
                })
                .build();
        transport.memory.send(
                "agents", "conn-1", Requests.request("escalation_request", "e1", "conn-1", "u1", List.of(FIRST)));

        service.start();
        transport.memory.await("human", 1, Duration.ofSeconds(20));

        assertThat(waits)
                .containsExactly(
                        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
        assertThat(transport.memory.messages("human")).hasSize(1);
    }
}
