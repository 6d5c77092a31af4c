package dev.escalation.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.core.retry.RetryPolicy;
import dev.escalation.core.retry.Sleeper;
import dev.escalation.core.simulation.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Two engines on one store, as two instances on one database: while engine A reads a message, engine
 * B stores a turn of the same conversation, so A's commit meets a real version conflict and A retries
 * under its conflict retry policy, waiting through its Sleeper on its Clock (no real sleeps).
 */
class ConflictRetryTest {

    private static final Instant START = Instant.parse("2026-12-04T12:00:00Z");

    private final InMemoryStore store = new InMemoryStore();
    private final FakeClock clock = new FakeClock(START);
    private final List<Duration> waits = new ArrayList<>();
    private final Sleeper sleeper = duration -> {
        waits.add(duration);
        clock.advance(duration);
    };
    private final EscalationEngine other = EscalationEngine.builder()
            .conversationStore(store)
            .ticketStore(store)
            .clock(clock)
            .build();

    /** The offline model, which lets engine B store a turn of the conversation before the first few readings. */
    private final class Interleaving implements LanguageModel {
        private final OfflineLanguageModel offline = new OfflineLanguageModel();
        private int conflictsLeft;

        Interleaving(int conflicts) {
            this.conflictsLeft = conflicts;
        }

        @Override
        public Interpretation interpret(InterpretationRequest request) {
            if (conflictsLeft > 0) {
                conflictsLeft--;
                other.handle(new CustomerMessage("c1", "u1", "Hello?"));
            }
            return offline.interpret(request);
        }

        @Override
        public String reply(ReplyRequest request, Consumer<String> chunks) {
            return offline.reply(request, chunks);
        }
    }

    private EscalationEngine engine(int conflicts, RetryPolicy policy, Duration turnTimeout) {
        return EscalationEngine.builder()
                .languageModel(new Interleaving(conflicts))
                .conversationStore(store)
                .ticketStore(store)
                .clock(clock)
                .sleeper(sleeper)
                .conflictRetry(policy)
                .turnTimeout(turnTimeout)
                .build();
    }

    @Test
    void aTurnThatMeetsAnotherInstancesCommitIsReadAgainAndStoredAfterOneJitteredWait() {
        EscalationEngine engine = engine(1, EscalationEngine.DEFAULT_CONFLICT_RETRY, Duration.ofSeconds(30));

        TurnResult result = engine.handle(new CustomerMessage("c1", "u1", "I want to escalate, I was charged twice"));

        assertThat(result.turn()).isEqualTo(2);
        assertThat(store.load("c1").orElseThrow().turns()).isEqualTo(2);
        // The default policy's first wait: a 2 ms step with equal jitter, so 1 or 2 ms.
        assertThat(waits)
                .singleElement()
                .satisfies(wait -> assertThat(wait).isBetween(Duration.ofMillis(1), Duration.ofMillis(2)));
    }

    @Test
    void aConflictOnEveryTryFailsTheTurnOnceTheRetriesAreSpentAndStoresNothingOfIt() {
        RetryPolicy twice = RetryPolicy.builder()
                .maxRetries(2)
                .initialBackoff(Duration.ofMillis(10))
                .build();
        EscalationEngine engine = engine(Integer.MAX_VALUE, twice, Duration.ofSeconds(30));

        assertThatThrownBy(() -> engine.handle(new CustomerMessage("c1", "u1", "I was charged twice")))
                .isInstanceOf(ConversationConflictException.class);

        assertThat(waits).containsExactly(Duration.ofMillis(10), Duration.ofMillis(20));
        // Three tries, each overtaken by a turn of the other engine; none of the failed turn's own.
        assertThat(store.load("c1").orElseThrow().turns()).isEqualTo(3);
    }

    @Test
    void noRetryStartsWhenItsWaitWouldPassTheTurnDeadlineOnTheEnginesClock() {
        RetryPolicy slow =
                RetryPolicy.builder().initialBackoff(Duration.ofSeconds(1)).build();
        EscalationEngine engine = engine(Integer.MAX_VALUE, slow, Duration.ofMillis(1_500));

        assertThatThrownBy(() -> engine.handle(new CustomerMessage("c1", "u1", "I was charged twice")))
                .isInstanceOf(ConversationConflictException.class);

        // 1 s fits in the 1.5 s turn; the next wait of 2 s would end past the deadline.
        assertThat(waits).containsExactly(Duration.ofSeconds(1));
        assertThat(clock.instant()).isEqualTo(START.plusSeconds(1));
    }
}
