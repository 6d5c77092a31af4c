package dev.escalation.core.simulation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that stands still until a test moves it, for time-dependent behaviour (expiry, timeouts)
 * without sleeping.
 *
 * <p>Thread-safe. Example: {@code FakeClock clock = new FakeClock(start); clock.advance(Duration.ofHours(25));}.
 */
public final class FakeClock extends Clock {

    private volatile Instant now;

    /** A clock showing {@code start} in UTC. */
    public FakeClock(Instant start) {
        this.now = start;
    }

    /** Moves the clock forward (or back, for a negative duration). */
    public synchronized void advance(Duration by) {
        now = now.plus(by);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** The same clock; the zone does not matter to instants. */
    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
