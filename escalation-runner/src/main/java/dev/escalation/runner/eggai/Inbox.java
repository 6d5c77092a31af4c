package dev.escalation.runner.eggai;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The bounded queue of an in-process agents channel: {@link #put} blocks while it is full (the
 * sender is held back instead of the queue growing), {@link #poll} takes what waits, up to 100 at a
 * time. Thread-safe.
 */
final class Inbox {

    private final BlockingQueue<InboundMessage> queue;

    Inbox(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, but was " + capacity);
        }
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    void put(InboundMessage message) throws InterruptedException {
        queue.put(message);
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }

    /** The messages waiting, after waiting up to {@code timeout} for the first; empty when none came. */
    List<InboundMessage> poll(Duration timeout) {
        List<InboundMessage> batch = new ArrayList<>();
        try {
            InboundMessage first = queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (first != null) {
                batch.add(first);
                queue.drainTo(batch, 99);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return batch;
    }
}
