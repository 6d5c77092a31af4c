package dev.escalation.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.core.UnableToAccessStoreException;
import java.sql.Connection;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

/** What is particular to PostgreSQL: its migrations, its credentials and a server that is not there. */
class PostgresDatabaseTest {

    @Test
    void migrationsRunOnceAndRecordTheSchemaVersionThoughSeveralInstancesOpenTheDatabase() throws Exception {
        StoreBackend.Location location = StoreBackend.POSTGRESQL.newLocation(null);
        try (EscalationDatabase first = location.open();
                EscalationDatabase second = location.open()) {
            location.open().close();
        }

        try (Connection raw = location.rawConnection();
                ResultSet rows = raw.createStatement()
                        .executeQuery("SELECT version, success FROM flyway_schema_history"
                                + " WHERE version IS NOT NULL ORDER BY installed_rank")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString("version")).isEqualTo("1");
            assertThat(rows.getBoolean("success")).isTrue();
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString("version")).isEqualTo("2");
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString("version")).isEqualTo("3");
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString("version")).isEqualTo("4");
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString("version")).isEqualTo("5");
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString("version")).isEqualTo("6");
            assertThat(rows.next())
                    .as("one row per migration, however many instances opened it")
                    .isFalse();
        }
    }

    @Test
    void credentialsSetOnTheBuilderOverrideTheUrlsAndBadOnesAreReportedWithoutThePassword() {
        String url = PostgresServer.newDatabase();
        String withoutUser = url.substring(0, url.indexOf('?'));

        try (EscalationDatabase database = EscalationDatabase.builder()
                .jdbcUrl(withoutUser)
                .user("postgres")
                .password("any")
                .build()) {
            assertThat(database.ticketStore().list()).isEmpty();
        }
        assertThatThrownBy(() -> EscalationDatabase.builder()
                        .jdbcUrl(withoutUser)
                        .user("nobody-here")
                        .password("s3cret")
                        .build())
                .isInstanceOf(UnableToAccessStoreException.class)
                .hasMessageStartingWith("unable to open PostgreSQL database " + withoutUser + ": ")
                .hasMessageContaining("nobody-here")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void aServerThatIsNotThereIsReportedNamingTheUrlWithoutItsParameters() {
        assertThatThrownBy(() -> EscalationDatabase.builder()
                        .jdbcUrl("jdbc:postgresql://127.0.0.1:1/escalation?user=agent&password=s3cret")
                        .build())
                .isInstanceOf(UnableToAccessStoreException.class)
                .hasMessageStartingWith("unable to open PostgreSQL database jdbc:postgresql://127.0.0.1:1/escalation: ")
                .hasMessageNotContaining("s3cret");
    }
}
