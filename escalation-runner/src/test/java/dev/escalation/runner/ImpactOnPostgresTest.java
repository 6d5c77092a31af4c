package dev.escalation.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.store.PostgresServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code impact} on a shared PostgreSQL database (ESCALATION_DATABASE_URL), opened read-only. */
class ImpactOnPostgresTest {

    @TempDir
    Path dir;

    @Test
    void conversationsReplayedIntoPostgresAreComparedUnderTheShippedAndARenamedDepartmentFlow() throws Exception {
        RunnerProcess runner = RunnerProcess.on(dir).env(DatabaseConfig.URL, PostgresServer.newDatabase());
        RunnerProcess.Result replayed =
                runner.stdinJson(ImpactCommandTest.TRAFFIC.toArray()).run("replay", "-");
        assertThat(replayed.status()).as(replayed.err()).isZero();
        Path standard =
                Files.writeString(dir.resolve("standard.yaml"), ImpactCommandTest.STANDARD, StandardCharsets.UTF_8);
        Path accounts = Files.writeString(
                dir.resolve("accounts.yaml"), ImpactCommandTest.renamedDepartment(), StandardCharsets.UTF_8);

        RunnerProcess.Result unchanged = runner.run("impact", "--flow", standard.toString());
        RunnerProcess.Result changed = runner.run("impact", "--flow", accounts.toString(), "--json");

        assertThat(unchanged.status()).as(unchanged.err()).isZero();
        assertThat(unchanged.out()).contains("4 replayed under both flows: 4 unchanged, 0 changed");
        assertThat(changed.status()).as(changed.err()).isEqualTo(1);
        assertThat(changed.jsonLines())
                .singleElement()
                .satisfies(
                        line -> assertThat(line.get("conversation_id").asText()).isEqualTo("billing-1"));
        assertThat(runner.run("tickets", "list", "--json").lastJson())
                .as("nothing was written")
                .hasSize(2);
    }
}
