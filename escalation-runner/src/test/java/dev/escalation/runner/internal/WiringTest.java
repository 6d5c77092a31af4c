package dev.escalation.runner.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.runner.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The composition root through the real command line: each command reads only the settings its parts
 * need, when it needs them, and opens nothing it does not use.
 */
class WiringTest {

    private static final Map<String, String> BROKEN_SETTINGS = Map.of(
            "ESCALATION_LANGUAGE_MODEL", "anthropic/claude",
            "ESCALATION_DATABASE_URL", "mysql://nowhere/db",
            "ESCALATION_PROMETHEUS_METRICS_PORT", "not-a-port");

    @TempDir
    Path dir;

    private record Run(int status, String out, String err) {}

    private Run run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(
                args,
                new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                env);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void verifyNeedsOnlyTheFlowSoSettingsForTheModelDatabaseAndMetricsAreNeverRead() {
        Run result = run(BROKEN_SETTINGS, "verify");

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(result.err()).doesNotContain("ESCALATION_LANGUAGE_MODEL", "ESCALATION_DATABASE_URL");
    }

    @Test
    void replayReadsTheSettingsItsAgentNeedsAndNamesTheFirstBadOneWithoutOpeningTheDatabase() {
        Path tickets = dir.resolve("tickets.db");
        Map<String, String> env = Map.of(
                "ESCALATION_LANGUAGE_MODEL", "offline",
                "ESCALATION_TICKET_DATABASE_PATH", tickets.toString(),
                "ESCALATION_PROMETHEUS_METRICS_PORT", "not-a-port");

        Run result = run(env, "replay", "-");

        assertThat(result.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).startsWith("error: ESCALATION_PROMETHEUS_METRICS_PORT");
        assertThat(Files.exists(tickets)).as("the database is not opened").isFalse();
    }

    @Test
    void aBadFlowFileStopsEveryCommandBeforeAnySettingIsRead() {
        Run result = run(
                Map.of("ESCALATION_FLOW", dir.resolve("missing.yaml").toString(), "ESCALATION_LANGUAGE_MODEL", "x"),
                "tickets",
                "list");

        assertThat(result.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).startsWith("error: ESCALATION_FLOW=").contains("the flow file cannot be read");
    }
}
