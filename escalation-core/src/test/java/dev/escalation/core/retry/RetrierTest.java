package dev.escalation.core.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.core.simulation.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetrierTest {
    private static final Instant START = Instant.parse("2026-12-04T12:00:00Z");

    private final FakeClock clock = new FakeClock(START);
    private final List<Duration> waits = new ArrayList<>();
    private final Sleeper sleeper = duration -> {
        waits.add(duration);
        clock.advance(duration);
    };

    @Test
    void retriesUntilTheCallSucceedsWaitingTheDoublingBackoffCappedAtTheMaximum() throws Exception {
        RetryPolicy policy = RetryPolicy.builder()
                .initialBackoff(Duration.ofMillis(500))
                .maxBackoff(Duration.ofSeconds(2))
                .build();
        AtomicInteger tries = new AtomicInteger();

        String result = new Retrier(policy, clock, sleeper)
                .call(
                        null,
                        (attempt, timeLeft) -> {
                            if (tries.incrementAndGet() < 5) {
                                throw new IllegalStateException("down");
                            }
                            return "up";
                        },
                        (failure, attempt, backoff) -> Optional.of(backoff));

        assertThat(result).isEqualTo("up");
        assertThat(waits)
                .containsExactly(
                        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(2));
    }

    @Test
    void throwsTheLastFailureOnceTheRetriesAreSpent() {
        RetryPolicy policy = RetryPolicy.builder()
                .maxRetries(2)
                .initialBackoff(Duration.ofMillis(100))
                .build();
        AtomicInteger tries = new AtomicInteger();

        assertThatThrownBy(() -> new Retrier(policy, clock, sleeper)
                        .call(
                                null,
                                (attempt, timeLeft) -> {
                                    throw new IllegalStateException("try " + tries.incrementAndGet());
                                },
                                (failure, attempt, backoff) -> Optional.of(backoff)))
                .hasMessage("try 3");
        assertThat(waits).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
    }

    @Test
    void givesUpAtOnceWhenTheHandlerSaysTheFailureIsNotWorthAnotherTry() {
        RetryPolicy policy = RetryPolicy.builder().build();

        assertThatThrownBy(() -> new Retrier(policy, clock, sleeper)
                        .call(
                                null,
                                (attempt, timeLeft) -> {
                                    throw new IllegalArgumentException("bad request");
                                },
                                (failure, attempt, backoff) -> Optional.empty()))
                .hasMessage("bad request");
        assertThat(waits).isEmpty();
    }

    @Test
    void waitsWhatTheFailureAsksForInsteadOfTheBackoff() throws Exception {
        RetryPolicy policy =
                RetryPolicy.builder().initialBackoff(Duration.ofMillis(100)).build();
        AtomicInteger tries = new AtomicInteger();

        new Retrier(policy, clock, sleeper)
                .call(
                        null,
                        (attempt, timeLeft) -> {
                            if (tries.incrementAndGet() == 1) {
                                throw new IllegalStateException("429");
                            }
                            return "ok";
                        },
                        (failure, attempt, backoff) -> Optional.of(Duration.ofSeconds(7)));

        assertThat(waits).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void handsEachTryTheExactTimeLeftBeforeTheDeadlineOnTheInjectedClock() throws Exception {
        RetryPolicy policy =
                RetryPolicy.builder().initialBackoff(Duration.ofMillis(300)).build();
        List<Duration> timesLeft = new ArrayList<>();

        new Retrier(policy, clock, sleeper)
                .call(
                        START.plusSeconds(2),
                        (attempt, timeLeft) -> {
                            timesLeft.add(timeLeft);
                            clock.advance(Duration.ofMillis(100));
                            if (attempt < 3) {
                                throw new IllegalStateException("busy");
                            }
                            return "ok";
                        },
                        (failure, attempt, backoff) -> Optional.of(backoff));

        // 2000, then 2000 - 100 - 300, then 1600 - 100 - 600.
        assertThat(timesLeft).containsExactly(Duration.ofMillis(2000), Duration.ofMillis(1600), Duration.ofMillis(900));
    }

    @Test
    void doesNotRetryWhenTheWaitWouldLeaveLessThanTheMinimumCallTimeBeforeTheDeadline() {
        RetryPolicy policy = RetryPolicy.builder()
                .initialBackoff(Duration.ofMillis(950))
                .minimumCallTime(Duration.ofMillis(50))
                .build();
        AtomicInteger tries = new AtomicInteger();

        // 1 s left: a 950 ms wait leaves exactly the 50 ms minimum, so one retry; the second wait does not fit.
        assertThatThrownBy(() -> new Retrier(policy, clock, sleeper)
                        .call(
                                START.plusSeconds(1),
                                (attempt, timeLeft) -> {
                                    throw new IllegalStateException("try " + tries.incrementAndGet());
                                },
                                (failure, attempt, backoff) -> Optional.of(backoff)))
                .hasMessage("try 2");
        assertThat(waits).containsExactly(Duration.ofMillis(950));
        assertThat(clock.instant()).isEqualTo(START.plusMillis(950));
    }

    @Test
    void spreadsEqualJitterOverTheUpperHalfOfEachStep() {
        RetryPolicy policy = RetryPolicy.builder()
                .initialBackoff(Duration.ofMillis(200))
                .maxBackoff(Duration.ofMillis(1000))
                .jitter(RetryPolicy.Jitter.EQUAL)
                .build();

        assertThat(policy.backoff(0, bound -> 0)).isEqualTo(Duration.ofMillis(100));
        assertThat(policy.backoff(0, bound -> bound - 1)).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.backoff(2, bound -> bound - 1)).isEqualTo(Duration.ofMillis(800));
        assertThat(policy.backoff(30, bound -> 0)).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void rejectsAMaximumBackoffShorterThanTheInitialOneNamingBoth() {
        assertThatThrownBy(() -> RetryPolicy.builder()
                        .initialBackoff(Duration.ofSeconds(2))
                        .maxBackoff(Duration.ofSeconds(1))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxBackoff must be at least initialBackoff (PT2S), but was PT1S");
    }

    @Test
    void rejectsANegativeRetryCountNamingIt() {
        assertThatThrownBy(() -> RetryPolicy.builder().maxRetries(-1).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxRetries must be zero or more, but was -1");
    }
}
