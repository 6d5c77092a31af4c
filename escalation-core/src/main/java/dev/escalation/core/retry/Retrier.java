package dev.escalation.core.retry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a call under a {@link RetryPolicy}: tries it, asks the caller's {@link FailureHandler} whether a
 * failure is worth another try (and whether the failure names its own wait, such as an HTTP
 * {@code Retry-After}), waits, and tries again, until the call succeeds, the handler gives up, the
 * retries are spent, or the wait would leave less than the policy's minimum call time before the
 * deadline. Then the last failure is thrown as it was. The deadline is read on the injected clock.
 *
 * <p>Thread-safe; one instance may run many calls at once. Example:
 * <pre>{@code
 * Retrier retrier = new Retrier(policy, clock, Sleeper.SYSTEM);
 * String body = retrier.call(deadline, (attempt, timeLeft) -> fetch(timeLeft),
 *     (failure, attempt, backoff) -> failure instanceof TimeoutException ? Optional.of(backoff) : Optional.empty());
 * }</pre>
 */
public final class Retrier {
    private static final Logger log = LoggerFactory.getLogger(Retrier.class);

    private final RetryPolicy policy;
    private final Clock clock;
    private final Sleeper sleeper;

    /** A retrier for {@code policy}, reading deadlines on {@code clock} and waiting with {@code sleeper}. */
    public Retrier(RetryPolicy policy, Clock clock, Sleeper sleeper) {
        this.policy = Objects.requireNonNull(policy, "policy must be set, but was null");
        this.clock = Objects.requireNonNull(clock, "clock must be set, but was null");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper must be set, but was null");
    }

    /** The policy this retrier follows. */
    public RetryPolicy policy() {
        return policy;
    }

    /** The clock deadlines are read on. */
    public Clock clock() {
        return clock;
    }

    /** One try of a call. */
    @FunctionalInterface
    public interface Attempt<T> {
        /**
         * Tries the call once.
         *
         * @param attempt 1 for the first try, 2 for the first retry, ...
         * @param timeLeft the time left before the deadline (very long when there is none)
         * @throws RuntimeException for a failure, handed to the {@link FailureHandler}
         */
        T run(int attempt, Duration timeLeft);
    }

    /** Decides whether a failed try is tried again. */
    @FunctionalInterface
    public interface FailureHandler {
        /**
         * What to do after a failure. May throw to stop at once with another exception.
         *
         * @param failure what the try threw
         * @param attempt which try failed, from 1
         * @param backoff the policy's wait before the next try
         * @return the wait before the next try (usually {@code backoff}, or what the failure asked for), or
         *     empty to give up and throw {@code failure}
         */
        Optional<Duration> onFailure(RuntimeException failure, int attempt, Duration backoff);
    }

    /**
     * Runs {@code attempt} until it succeeds or is given up on, then returns its result or throws the
     * last failure.
     *
     * @param deadline when the caller needs an answer by, or null for no deadline
     * @throws InterruptedException when interrupted while waiting to retry (the failure is then lost;
     *     the caller reports the interruption)
     */
    public <T> T call(Instant deadline, Attempt<T> attempt, FailureHandler handler) throws InterruptedException {
        Objects.requireNonNull(attempt, "attempt must be set, but was null");
        Objects.requireNonNull(handler, "handler must be set, but was null");
        for (int number = 1; ; number++) {
            try {
                return attempt.run(number, timeLeft(deadline));
            } catch (RuntimeException failure) {
                Duration wait = nextWait(deadline, failure, number, handler);
                sleeper.sleep(wait);
            }
        }
    }

    private Duration nextWait(Instant deadline, RuntimeException failure, int number, FailureHandler handler) {
        int retries = number - 1;
        if (retries >= policy.maxRetries()) {
            throw failure;
        }
        Optional<Duration> wait = handler.onFailure(failure, number, policy.backoff(retries));
        if (wait.isEmpty()) {
            throw failure;
        }
        Duration delay = wait.get().isNegative() ? Duration.ZERO : wait.get();
        if (deadline != null && timeLeft(deadline).minus(delay).compareTo(policy.minimumCallTime()) < 0) {
            log.debug(
                    "try {} failed ({}); no retry: waiting {} ms would pass the deadline {}",
                    number,
                    failure.toString(),
                    delay.toMillis(),
                    deadline);
            throw failure;
        }
        return delay;
    }

    private Duration timeLeft(Instant deadline) {
        // Without a deadline, a long time rather than Duration's maximum, so that callers can add to it.
        return deadline == null ? Duration.ofDays(365) : Duration.between(clock.instant(), deadline);
    }
}
