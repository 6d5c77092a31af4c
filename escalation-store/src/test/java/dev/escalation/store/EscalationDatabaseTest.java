package dev.escalation.store;

import static dev.escalation.store.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.core.Conversation;
import dev.escalation.core.PendingTurn;
import dev.escalation.core.State;
import dev.escalation.core.Ticket;
import dev.escalation.core.TicketChange;
import dev.escalation.core.TicketStatus;
import dev.escalation.core.UnableToAccessStoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EscalationDatabaseTest {

    @TempDir
    Path dir;

    @Test
    void reopeningTheFileSeesEverythingStoredBefore() {
        Path file = dir.resolve("escalation.db");
        Ticket ticket = Fixtures.ticket("TK-ABCDEFGH", "u1", "c1", NOW);
        Conversation stored;
        try (EscalationDatabase database = Fixtures.open(file)) {
            Conversation first = Fixtures.withTicket(Fixtures.newConversation("c1", "u1"), ticket.ticketId());
            stored = database.conversationStore()
                    .commit(new PendingTurn(first, ticket, null))
                    .conversation();
            database.ticketStore()
                    .update(new TicketChange(
                            ticket.ticketId(),
                            "operator:ana",
                            TicketStatus.IN_PROGRESS,
                            "looking",
                            NOW.plusSeconds(1)));
        }

        try (EscalationDatabase reopened = Fixtures.open(file)) {
            assertThat(reopened.conversationStore().load("c1")).contains(stored);
            assertThat(reopened.ticketStore().find(ticket.ticketId()))
                    .contains(ticket.withStatus(TicketStatus.IN_PROGRESS, NOW.plusSeconds(1)));
            assertThat(reopened.ticketStore().history(ticket.ticketId())).hasSize(2);
            // And it goes on from there: the next turn is read at version 1.
            Conversation next = reopened.conversationStore()
                    .commit(new PendingTurn(Fixtures.nextTurn(stored, State.TICKET_CREATED), null, null))
                    .conversation();
            assertThat(next.version()).isEqualTo(2);
        }
    }

    @Test
    void migrationsRunOnceAndRecordTheSchemaVersion() throws Exception {
        Path file = dir.resolve("escalation.db");
        Fixtures.open(file).close();
        Fixtures.open(file).close();

        try (Connection raw = Fixtures.rawConnection(file);
                ResultSet rows = raw.createStatement()
                        .executeQuery(
                                "SELECT version, success FROM flyway_schema_history WHERE version IS NOT NULL ORDER BY installed_rank")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString("version")).isEqualTo("1");
            assertThat(rows.getBoolean("success")).isTrue();
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString("version")).isEqualTo("2");
            assertThat(rows.getBoolean("success")).isTrue();
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString("version")).isEqualTo("3");
            assertThat(rows.getBoolean("success")).isTrue();
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString("version")).isEqualTo("4");
            assertThat(rows.getBoolean("success")).isTrue();
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString("version")).isEqualTo("5");
            assertThat(rows.getBoolean("success")).isTrue();
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString("version")).isEqualTo("6");
            assertThat(rows.getBoolean("success")).isTrue();
            assertThat(rows.next())
                    .as("one row per migration, however often the file is opened")
                    .isFalse();
        }
    }

    @Test
    void journalModeIsWal() throws Exception {
        Path file = dir.resolve("escalation.db");
        try (EscalationDatabase database = Fixtures.open(file);
                Connection raw = Fixtures.rawConnection(file);
                ResultSet rows = raw.createStatement().executeQuery("PRAGMA journal_mode")) {
            assertThat(database.conversationStore().load("c1")).isEmpty();
            rows.next();
            assertThat(rows.getString(1)).isEqualToIgnoringCase("wal");
        }
    }

    @Test
    void sqliteFileCreatesMissingParentDirectories() {
        Path file = dir.resolve("a/b/c/escalation.db");

        try (EscalationDatabase database = Fixtures.open(file)) {
            assertThat(database.ticketStore().list()).isEmpty();
        }
        assertThat(file).isRegularFile();
    }

    @Test
    void jdbcUrlOfAFileOpensLikeSqliteFile() {
        Path file = dir.resolve("by-url.db");

        try (EscalationDatabase database = EscalationDatabase.builder()
                .jdbcUrl("jdbc:sqlite:" + file.toAbsolutePath())
                .busyTimeout(Duration.ofSeconds(2))
                .build()) {
            database.conversationStore().commit(new PendingTurn(Fixtures.newConversation("c1", "u1"), null, null));
        }
        try (EscalationDatabase database = EscalationDatabase.openSqlite(file)) {
            assertThat(database.conversationStore().load("c1")).isPresent();
        }
    }

    @Test
    void fileThatIsNotADatabaseIsReportedNamingThePath() throws Exception {
        Path file = dir.resolve("garbage.db");
        Files.writeString(file, "this is not a database, just text that is long enough to fill a header ".repeat(20));

        assertThatThrownBy(() -> EscalationDatabase.openSqlite(file))
                .isInstanceOf(UnableToAccessStoreException.class)
                .hasMessageContaining(file.toString());
    }

    @Test
    void directoryThatCannotBeCreatedIsReportedNamingThePath() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("plain-file"), "x");
        Path file = notADirectory.resolve("escalation.db");

        assertThatThrownBy(() -> EscalationDatabase.openSqlite(file))
                .isInstanceOf(UnableToAccessStoreException.class)
                .hasMessageContaining(notADirectory.toString());
    }

    @Test
    void storesOfAClosedDatabaseFailNamingThePath() {
        Path file = dir.resolve("escalation.db");
        EscalationDatabase database = Fixtures.open(file);
        database.close();
        database.close();

        assertThatThrownBy(() -> database.conversationStore().load("c1"))
                .isInstanceOf(UnableToAccessStoreException.class)
                .hasMessageContaining("closed")
                .hasMessageContaining(file.toString());
        assertThatThrownBy(() -> database.ticketStore().list()).isInstanceOf(UnableToAccessStoreException.class);
    }

    @Test
    void builderRefusesWhatItCannotOpen() {
        assertThatThrownBy(() -> EscalationDatabase.builder().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("sqliteFile or jdbcUrl");
        assertThatThrownBy(() -> EscalationDatabase.builder().jdbcUrl("jdbc:mysql://db/escalation?password=hunter2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jdbc:mysql://db/escalation")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> EscalationDatabase.builder().jdbcUrl("jdbc:sqlite::memory:"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("in-memory");
        assertThatThrownBy(() -> EscalationDatabase.builder().busyTimeout(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PT-0.001S");
    }
}
