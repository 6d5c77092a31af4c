package dev.escalation.core.retry;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongUnaryOperator;

/**
 * How a failed call is tried again: at most {@code maxRetries} retries, waiting an exponential backoff
 * from {@code initialBackoff}, doubling up to {@code maxBackoff}, with or without jitter; a retry is not
 * started when less than {@code minimumCallTime} would be left before the caller's deadline after the
 * wait.
 *
 * <p>Immutable. Example: {@code RetryPolicy.builder().maxRetries(2).jitter(Jitter.EQUAL).build()}.
 *
 * @param maxRetries how many times a failed call is tried again, zero or more
 * @param initialBackoff the wait before the first retry, positive
 * @param maxBackoff the longest wait, at least {@code initialBackoff}
 * @param jitter how the wait is randomised
 * @param minimumCallTime how much time must be left before the deadline for a retry to start, zero or more
 */
public record RetryPolicy(
        int maxRetries, Duration initialBackoff, Duration maxBackoff, Jitter jitter, Duration minimumCallTime) {

    /** How a backoff step is randomised. */
    public enum Jitter {
        /** The whole step: 500 ms, 1 s, 2 s, ... */
        NONE,
        /** "Equal jitter": half the step fixed, the other half random, so clients that failed together spread out. */
        EQUAL
    }

    /** Validates the values; see the class description. */
    public RetryPolicy {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be zero or more, but was " + maxRetries);
        }
        Objects.requireNonNull(initialBackoff, "initialBackoff must be set, but was null");
        Objects.requireNonNull(maxBackoff, "maxBackoff must be set, but was null");
        Objects.requireNonNull(jitter, "jitter must be set, but was null");
        Objects.requireNonNull(minimumCallTime, "minimumCallTime must be set, but was null");
        if (initialBackoff.isNegative() || initialBackoff.isZero()) {
            throw new IllegalArgumentException("initialBackoff must be positive, but was " + initialBackoff);
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException(
                    "maxBackoff must be at least initialBackoff (" + initialBackoff + "), but was " + maxBackoff);
        }
        if (minimumCallTime.isNegative()) {
            throw new IllegalArgumentException("minimumCallTime must be zero or more, but was " + minimumCallTime);
        }
    }

    /**
     * A builder with the defaults: retries until the caller gives up, 500 ms doubling up to 30 s, no
     * jitter, no minimum call time.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** The wait before retry number {@code retries + 1}, with {@link ThreadLocalRandom} for the jitter. */
    public Duration backoff(int retries) {
        return backoff(retries, bound -> ThreadLocalRandom.current().nextLong(bound));
    }

    /**
     * The wait before retry number {@code retries + 1}.
     *
     * @param retries how many retries were made before, zero or more
     * @param random given a positive bound, a number from 0 inclusive to the bound exclusive
     */
    public Duration backoff(int retries, LongUnaryOperator random) {
        if (retries < 0) {
            throw new IllegalArgumentException("retries must be zero or more, but was " + retries);
        }
        long base = initialBackoff.toMillis();
        // The shift is capped so that it cannot overflow; the step is capped by maxBackoff anyway.
        long step = Math.min(maxBackoff.toMillis(), base << Math.min(retries, 20));
        if (jitter == Jitter.NONE) {
            return Duration.ofMillis(step);
        }
        long half = Math.max(1, step / 2);
        return Duration.ofMillis(half + random.applyAsLong(half + 1));
    }

    /** Builds a {@link RetryPolicy}; builder methods are named after the values. */
    public static final class Builder {
        private int maxRetries = Integer.MAX_VALUE;
        private Duration initialBackoff = Duration.ofMillis(500);
        private Duration maxBackoff = Duration.ofSeconds(30);
        private Jitter jitter = Jitter.NONE;
        private Duration minimumCallTime = Duration.ZERO;

        private Builder() {}

        /** How many times a failed call is tried again. */
        public Builder maxRetries(int value) {
            this.maxRetries = value;
            return this;
        }

        /** The wait before the first retry. */
        public Builder initialBackoff(Duration value) {
            this.initialBackoff = value;
            return this;
        }

        /** The longest wait. */
        public Builder maxBackoff(Duration value) {
            this.maxBackoff = value;
            return this;
        }

        /** How the wait is randomised. */
        public Builder jitter(Jitter value) {
            this.jitter = value;
            return this;
        }

        /** How much time must be left before the deadline, after the wait, for a retry to start. */
        public Builder minimumCallTime(Duration value) {
            this.minimumCallTime = value;
            return this;
        }

        /**
         * The policy.
         *
         * @throws IllegalArgumentException naming the value that is out of range
         */
        public RetryPolicy build() {
            return new RetryPolicy(maxRetries, initialBackoff, maxBackoff, jitter, minimumCallTime);
        }
    }
}
