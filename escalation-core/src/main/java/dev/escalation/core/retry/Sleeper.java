package dev.escalation.core.retry;

import java.time.Duration;

/**
 * Waits between two tries. {@link #SYSTEM} sleeps the thread; a test passes one that advances its
 * fake clock instead, so the waits it checks are exact and cost no time.
 */
@FunctionalInterface
public interface Sleeper {

    /** Sleeps the calling thread. */
    Sleeper SYSTEM = duration -> Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);

    /**
     * Waits {@code duration}.
     *
     * @throws InterruptedException when the thread is interrupted while waiting
     */
    void sleep(Duration duration) throws InterruptedException;
}
