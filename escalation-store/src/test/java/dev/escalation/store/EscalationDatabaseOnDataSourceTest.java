package dev.escalation.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.core.CustomerMessage;
import dev.escalation.core.EscalationEngine;
import dev.escalation.core.OfflineLanguageModel;
import dev.escalation.core.State;
import dev.escalation.core.TurnResult;
import dev.escalation.core.UnableToAccessStoreException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteDataSource;

/** The stores on a data source the application made and owns, as a Spring Boot application's. */
class EscalationDatabaseOnDataSourceTest {

    @TempDir
    Path dir;

    private static TurnResult ticketThrough(EscalationDatabase database) {
        EscalationEngine engine = EscalationEngine.builder()
                .languageModel(new OfflineLanguageModel())
                .conversationStore(database.conversationStore())
                .ticketStore(database.ticketStore())
                .build();
        engine.handle(new CustomerMessage(
                "c-1",
                "u-1",
                "I've been trying to resolve this for weeks and I'm frustrated!"
                        + " My car insurance premium has been taken twice every month since March, and nothing ever shows up on"
                        + " my bank statement. I just want the duplicate payments returned."));
        return engine.handle(new CustomerMessage("c-1", "u-1", "Yes, please create the ticket."));
    }

    private static int migrations(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                ResultSet rows = connection
                        .createStatement()
                        .executeQuery("SELECT COUNT(*) FROM escalation_schema_history WHERE version IS NOT NULL")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    @Test
    void anApplicationsSqliteDataSourceIsMigratedAndKeepsTicketsAndStaysOpenAfterClose() throws Exception {
        SQLiteDataSource dataSource = new SQLiteDataSource();
        dataSource.setUrl("jdbc:sqlite:" + dir.resolve("app.db"));

        TurnResult created;
        try (EscalationDatabase database = EscalationDatabase.on(dataSource)) {
            created = ticketThrough(database);
        }

        assertThat(created.state()).isEqualTo(State.TICKET_CREATED);
        assertThat(migrations(dataSource)).isEqualTo(6);
        try (Connection connection = dataSource.getConnection();
                ResultSet tables = connection.getMetaData().getTables(null, null, "flyway_schema_history", null)) {
            assertThat(tables.next())
                    .as("the application's own Flyway history table is left to it")
                    .isFalse();
        }
        try (EscalationDatabase again = EscalationDatabase.on(dataSource)) {
            assertThat(again.ticketStore().find(created.ticket().orElseThrow().ticketId()))
                    .isPresent();
        }
    }

    @Test
    void anApplicationsPostgresDataSourceIsMigratedAndKeepsTickets() throws Exception {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(PostgresServer.newDatabase());

        try (EscalationDatabase database = EscalationDatabase.on(dataSource)) {
            TurnResult created = ticketThrough(database);

            assertThat(created.state()).isEqualTo(State.TICKET_CREATED);
            assertThat(database.ticketStore().list()).hasSize(1);
        }
        assertThat(migrations(dataSource)).isEqualTo(6);
    }

    @Test
    void aDataSourceThatCannotConnectIsReportedAsAStoreFailure() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl("jdbc:postgresql://127.0.0.1:1/none?connectTimeout=1");

        assertThatThrownBy(() -> EscalationDatabase.on(dataSource))
                .isInstanceOf(UnableToAccessStoreException.class)
                .hasMessageContaining("data source");
    }
}
