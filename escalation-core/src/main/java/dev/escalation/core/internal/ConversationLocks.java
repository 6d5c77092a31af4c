package dev.escalation.core.internal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One fair lock per conversation id, so messages of one conversation run one at a time in arrival
 * order while different conversations run in parallel. Locks live only while someone holds or waits
 * for them, so idle conversations cost no memory.
 *
 * <p>Thread-safe. Not a published API.
 */
public final class ConversationLocks {

    private static final class Entry {
        final ReentrantLock lock = new ReentrantLock(true);
        int users;
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

    /** Runs {@code work} while holding the lock of {@code conversationId}. */
    public <T> T withLock(String conversationId, Supplier<T> work) {
        Entry entry = entries.compute(conversationId, (id, existing) -> {
            Entry e = existing == null ? new Entry() : existing;
            e.users++;
            return e;
        });
        entry.lock.lock();
        try {
            return work.get();
        } finally {
            entry.lock.unlock();
            entries.computeIfPresent(conversationId, (id, e) -> --e.users == 0 ? null : e);
        }
    }

    /** How many conversations hold or wait for a lock now. */
    public int active() {
        return entries.size();
    }
}
