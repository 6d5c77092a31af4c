package dev.escalation.runner;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Holds a SQLite database's write lock the way another process writing to it would, so that the
 * runner's next write fails once the store's busy timeout runs out; readers are not blocked.
 *
 * <p>Not thread-safe. Example: {@code try (DatabaseWriteLock lock = DatabaseWriteLock.take(file)) { ... }}.
 */
public final class DatabaseWriteLock implements AutoCloseable {

    private final Connection connection;
    private boolean held = true;

    private DatabaseWriteLock(Connection connection) {
        this.connection = connection;
    }

    public static DatabaseWriteLock take(Path database) throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database.toAbsolutePath());
        try (Statement statement = connection.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return new DatabaseWriteLock(connection);
    }

    /** Releases the lock; later calls do nothing. */
    @Override
    public void close() throws SQLException {
        if (!held) {
            return;
        }
        held = false;
        try (Statement statement = connection.createStatement()) {
            statement.execute("ROLLBACK");
        } finally {
            connection.close();
        }
    }
}
