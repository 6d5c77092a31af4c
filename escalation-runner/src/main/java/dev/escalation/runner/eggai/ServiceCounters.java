package dev.escalation.runner.eggai;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the service has done since it started: requests answered, messages skipped as not ours,
 * messages dead-lettered (by reason), turns that failed and attempts retried.
 *
 * <p>Thread-safe. Example: {@code service.counters().deadLettered("not_json")}.
 */
public final class ServiceCounters {

    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();
    private final Map<String, AtomicLong> deadLettered = new ConcurrentHashMap<>();

    void answered() {
        answered.incrementAndGet();
    }

    void skipped() {
        skipped.incrementAndGet();
    }

    void failed() {
        failed.incrementAndGet();
    }

    void retried() {
        retried.incrementAndGet();
    }

    void countDeadLetter(String reason) {
        deadLettered.computeIfAbsent(reason, r -> new AtomicLong()).incrementAndGet();
    }

    /** Requests answered (redeliveries included). */
    public long answeredCount() {
        return answered.get();
    }

    /** Well-formed messages of other types, skipped. */
    public long skippedCount() {
        return skipped.get();
    }

    /** Turns that failed for good and were answered with an apology (and dead-lettered as {@code turn_failed}). */
    public long failedCount() {
        return failed.get();
    }

    /** Attempts at a turn or a reply that failed for a passing reason (store, transport) and were tried again. */
    public long retriedCount() {
        return retried.get();
    }

    /** Messages dead-lettered for {@code reason}, e.g. {@code not_json}. */
    public long deadLettered(String reason) {
        AtomicLong count = deadLettered.get(reason);
        return count == null ? 0 : count.get();
    }

    /** Messages dead-lettered, by reason. */
    public Map<String, Long> deadLettered() {
        Map<String, Long> copy = new TreeMap<>();
        deadLettered.forEach((reason, count) -> copy.put(reason, count.get()));
        return copy;
    }
}
