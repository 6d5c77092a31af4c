package dev.escalation.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

class IdleConnectionsTest {

    @TempDir
    Path dir;

    private IdleConnections connections(int maxIdle) {
        SQLiteDataSource dataSource = new SQLiteDataSource();
        dataSource.setUrl("jdbc:sqlite:" + dir.resolve("idle.db"));
        return new IdleConnections(dataSource, maxIdle, "idle.db");
    }

    @Test
    void aReturnedConnectionIsHandedOutAgainInsteadOfOpeningANewOne() throws SQLException {
        try (IdleConnections connections = connections(2)) {
            Connection first = connections.openConnection();
            connections.closeConnection(first);

            Connection second = connections.openConnection();

            assertThat(second).isSameAs(first);
            assertThat(second.isClosed()).isFalse();
            connections.closeConnection(second);
        }
    }

    @Test
    void connectionsBeyondMaxIdleAreClosedWhenReturned() throws SQLException {
        try (IdleConnections connections = connections(1)) {
            Connection a = connections.openConnection();
            Connection b = connections.openConnection();

            connections.closeConnection(a);
            connections.closeConnection(b);

            assertThat(a.isClosed()).isFalse();
            assertThat(b.isClosed()).isTrue();
        }
    }

    @Test
    void aConnectionLeftInATransactionIsClosedNotReused() throws SQLException {
        try (IdleConnections connections = connections(2)) {
            Connection connection = connections.openConnection();
            connection.setAutoCommit(false);

            connections.closeConnection(connection);

            assertThat(connection.isClosed()).isTrue();
            assertThat(connections.openConnection()).isNotSameAs(connection);
        }
    }

    @Test
    void closeClosesIdleConnectionsAndThoseReturnedLater() throws SQLException {
        IdleConnections connections = connections(2);
        Connection idle = connections.openConnection();
        Connection inUse = connections.openConnection();
        connections.closeConnection(idle);

        connections.close();
        connections.closeConnection(inUse);

        assertThat(idle.isClosed()).isTrue();
        assertThat(inUse.isClosed()).isTrue();
        assertThatThrownBy(connections::openConnection)
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("idle.db is closed");
    }
}
