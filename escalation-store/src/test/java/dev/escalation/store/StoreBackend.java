package dev.escalation.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;

/** The databases the store runs on; contract tests run once per constant. */
enum StoreBackend {
    SQLITE {
        @Override
        Location newLocation(Path dir) {
            return new Location(
                    this, "jdbc:sqlite:" + dir.resolve("escalation.db").toAbsolutePath());
        }
    },
    POSTGRESQL {
        @Override
        Location newLocation(Path dir) {
            return new Location(this, PostgresServer.newDatabase());
        }
    };

    /** A new empty database of this kind; {@code dir} is a test's own directory. */
    abstract Location newLocation(Path dir);

    /** Where one test's database is: open it (again, for a restart) or look at it with plain JDBC. */
    record Location(StoreBackend backend, String url) {

        EscalationDatabase open() {
            return open(Fixtures.CLOCK);
        }

        EscalationDatabase open(Clock clock) {
            return EscalationDatabase.builder().jdbcUrl(url).clock(clock).build();
        }

        /** A plain JDBC connection beside the store's own, to look at or damage what it wrote. */
        Connection rawConnection() throws SQLException {
            return DriverManager.getConnection(url);
        }
    }
}
