package dev.escalation.store.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.jdbi.v3.core.ConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connections for Jdbi that are kept open between calls and handed to one caller at a time. A new
 * SQLite connection must load the schema and map the WAL index before its first statement, and
 * while another connection commits that can fail with SQLITE_BUSY or wait in the busy handler; a
 * connection that stays open does that once. Local files do not go stale, so there is no
 * validation; a call that needs a connection while all are busy gets a new one, and only
 * {@code maxIdle} are kept when they come back.
 *
 * <p>Thread-safe. Not a published API. Example: {@code Jdbi.create(new IdleConnections(dataSource, 8, "db"))}.
 */
public final class IdleConnections implements ConnectionFactory, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IdleConnections.class);

    private final DataSource dataSource;
    private final int maxIdle;
    private final String location;
    private final Object lock = new Object();
    private final ArrayDeque<Connection> idle = new ArrayDeque<>();
    private boolean closed;

    /**
     * @param dataSource where new connections come from
     * @param maxIdle how many connections to keep open while unused
     * @param location how messages name the database
     */
    public IdleConnections(DataSource dataSource, int maxIdle, String location) {
        if (maxIdle < 0) {
            throw new IllegalArgumentException("maxIdle must not be negative, but was " + maxIdle);
        }
        this.dataSource = dataSource;
        this.maxIdle = maxIdle;
        this.location = location;
    }

    @Override
    public Connection openConnection() throws SQLException {
        synchronized (lock) {
            if (closed) {
                throw new SQLException("database " + location + " is closed");
            }
            // Most recently used first: its pages are likeliest to be in SQLite's cache.
            Connection connection = idle.pollFirst();
            if (connection != null) {
                return connection;
            }
        }
        return dataSource.getConnection();
    }

    @Override
    public void closeConnection(Connection connection) throws SQLException {
        // Jdbi ends every transaction before it closes a handle, so a connection still outside
        // auto-commit mode was left in an unknown state and is not reused.
        if (!connection.isClosed() && connection.getAutoCommit()) {
            synchronized (lock) {
                if (!closed && idle.size() < maxIdle) {
                    idle.offerFirst(connection);
                    return;
                }
            }
        }
        connection.close();
    }

    /** Closes the idle connections; connections in use are closed when they come back. Idempotent. */
    @Override
    public void close() {
        List<Connection> toClose;
        synchronized (lock) {
            closed = true;
            toClose = new ArrayList<>(idle);
            idle.clear();
        }
        for (Connection connection : toClose) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debug("unable to close a connection to {}: {}", location, e.getMessage());
            }
        }
    }
}
