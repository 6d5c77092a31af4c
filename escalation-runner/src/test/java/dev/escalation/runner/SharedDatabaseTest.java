package dev.escalation.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.store.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner on a PostgreSQL database that two instances share, chosen by ESCALATION_DATABASE_URL. */
class SharedDatabaseTest {

    @TempDir
    Path dir;

    @Test
    void twoInstancesOnOnePostgresDatabaseSeeEachOthersConversationsAndTickets() {
        String url = PostgresServer.newDatabase();
        RunnerProcess first = RunnerProcess.on(dir.resolve("first")).env(DatabaseConfig.URL, url);
        RunnerProcess second = RunnerProcess.on(dir.resolve("second")).env(DatabaseConfig.URL, url);

        RunnerProcess.Result opened =
                first.stdinJson(Seed.message("c1", "u1", Seed.OPENING)).run("replay", "-");
        RunnerProcess.Result described =
                second.stdinJson(Seed.message("c1", "u1", Seed.DETAILS)).run("replay", "-");
        RunnerProcess.Result confirmed =
                first.stdinJson(Seed.message("c1", "u1", Seed.YES)).run("replay", "-");
        RunnerProcess.Result listed = second.stdin("").run("tickets", "list", "--json");

        assertThat(opened.status()).as(opened.err()).isZero();
        assertThat(described.lastJson().get("state").asText()).isEqualTo("CONFIRMATION");
        String ticketId = confirmed.lastJson().get("ticket").get("ticket_id").asText();
        assertThat(listed.lastJson())
                .singleElement()
                .satisfies(
                        ticket -> assertThat(ticket.get("ticket_id").asText()).isEqualTo(ticketId));
        assertThat(dir.resolve("first/tickets.db"))
                .as("no SQLite file when PostgreSQL is set")
                .doesNotExist();
        assertThat(Files.exists(dir.resolve("second/tickets.db"))).isFalse();
    }

    @Test
    void anUnreachableDatabaseFailsNamingItsUrlWithoutThePassword() {
        RunnerProcess runner = RunnerProcess.on(dir)
                .env(DatabaseConfig.URL, "jdbc:postgresql://127.0.0.1:1/escalation?connectTimeout=2")
                .env(DatabaseConfig.PASSWORD, "s3cret");

        RunnerProcess.Result result = runner.run("tickets", "list");

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.err())
                .contains(
                        "unable to open the database jdbc:postgresql://127.0.0.1:1/escalation",
                        "ESCALATION_DATABASE_URL")
                .doesNotContain("s3cret");
    }

    @Test
    void aBadTtlIsAUsageErrorNamingTheVariable() {
        RunnerProcess.Result result = RunnerProcess.on(dir)
                .env(DatabaseConfig.CONVERSATION_TTL, "soon")
                .stdinJson(Seed.message("c1", "u1", Seed.OPENING))
                .run("replay", "-");

        assertThat(result.status()).isEqualTo(2);
        assertThat(result.err()).contains("ESCALATION_CONVERSATION_TTL must be a duration", "'soon'");
    }
}
