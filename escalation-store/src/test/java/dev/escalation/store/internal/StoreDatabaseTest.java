package dev.escalation.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreDatabaseTest {

    @TempDir
    Path dir;

    private StoreDatabase open() {
        Path file = dir.resolve("escalation.db");
        return StoreDatabase.openSqlite("jdbc:sqlite:" + file, file.toString(), Duration.ofMillis(1234));
    }

    private static String pragmas(Handle handle) {
        return "foreign_keys=" + pragma(handle, "foreign_keys") + " synchronous=" + pragma(handle, "synchronous")
                + " busy_timeout=" + pragma(handle, "busy_timeout") + " journal_mode=" + pragma(handle, "journal_mode");
    }

    private static String pragma(Handle handle, String name) {
        return handle.createQuery("PRAGMA " + name).mapTo(String.class).one();
    }

    @Test
    void readAndWriteConnectionsHaveForeignKeysNormalSyncAndTheBusyTimeout() {
        try (StoreDatabase database = open()) {
            // synchronous=1 is NORMAL.
            String expected = "foreign_keys=1 synchronous=1 busy_timeout=1234 journal_mode=wal";
            assertThat(database.read(StoreDatabaseTest::pragmas)).isEqualTo(expected);
            assertThat(database.write(StoreDatabaseTest::pragmas)).isEqualTo(expected);
        }
    }

    @Test
    void connectionsFreshlyOpenedDuringABurstHaveTheSamePragmas() throws Exception {
        int threads = 12;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch inside = new CountDownLatch(threads);
        try (StoreDatabase database = open()) {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                // Every reader holds its connection until all have one, so most are new ones.
                results.add(pool.submit(() -> database.read(handle -> {
                    inside.countDown();
                    awaitQuietly(inside);
                    return pragmas(handle);
                })));
            }
            for (Future<String> result : results) {
                assertThat(result.get(30, TimeUnit.SECONDS))
                        .isEqualTo("foreign_keys=1 synchronous=1 busy_timeout=1234 journal_mode=wal");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aWriteThatThrowsIsRolledBackAndTheExceptionKept() {
        try (StoreDatabase database = open()) {
            IllegalStateException failure = new IllegalStateException("changed my mind");

            assertThatThrownBy(() -> database.write(handle -> {
                        handle.execute(
                                "INSERT INTO conversations (conversation_id, customer_id, state, slots, pending_question,"
                                        + " cycle, turns, version, created_at, updated_at) VALUES ('c1', 'u1', 'REASON', '{}', 'NONE', 1, 0, 1,"
                                        + " 'x', 'x')");
                        throw failure;
                    }))
                    .isSameAs(failure);

            int stored = database.read(handle -> handle.createQuery("SELECT count(*) FROM conversations")
                    .mapTo(Integer.class)
                    .one());
            assertThat(stored).isZero();
            // The connection went back to auto-commit and is usable by the next call.
            assertThat(database.read(StoreDatabaseTest::pragmas)).contains("foreign_keys=1");
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
