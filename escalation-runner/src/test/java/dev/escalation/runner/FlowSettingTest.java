package dev.escalation.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ESCALATION_FLOW on every command: the team's own flow runs, and a bad file stops the runner with exit 2. */
class FlowSettingTest {

    private static final String BANK =
            Path.of("../flows/bank.yaml").toAbsolutePath().toString();

    @TempDir
    Path dir;

    private RunnerProcess bank() {
        return RunnerProcess.on(dir).env("ESCALATION_FLOW", BANK).env("ESCALATION_LANGUAGE_MODEL", "offline");
    }

    @Test
    void verifyChecksTheTeamsFlowIncludingSlotCoverage() {
        RunnerProcess.Result result = bank().run("verify");

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(result.out()).contains("flow verified: 7 states").contains("[account_number, payment_amount]");
    }

    @Test
    void diagramDrawsTheTeamsOwnStates() {
        RunnerProcess.Result result = bank().run("diagram");

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(result.out()).contains("FRAUD_CHECK").contains("VERIFY_IDENTITY");
    }

    @Test
    void replayRunsTheTeamsFlowAndTicketsShowTheirOwnFields() {
        RunnerProcess.Result replay = bank().stdinJson(Map.of(
                        "conversation_id",
                        "c1",
                        "customer_id",
                        "u1",
                        "turns",
                        List.of(
                                "My card was blocked at the shop and I need this escalated today!",
                                "Since Monday my card is declined everywhere, the ATM kept it and nobody at the branch helps.",
                                "12345678",
                                "yes")))
                .run("replay", "-");

        assertThat(replay.status()).as(replay.err()).isZero();
        List<String> lines = replay.out().lines().toList();
        JsonNode last = RunnerProcess.parse(lines.get(lines.size() - 1));
        assertThat(last.get("slots").get("account_number").asText()).isEqualTo("12345678");
        assertThat(last.get("ticket").get("department").asText()).isEqualTo("Cards");
        String id = last.get("ticket").get("ticket_id").asText();

        RunnerProcess.Result shown = bank().run("tickets", "show", id);
        assertThat(shown.status()).as(shown.err()).isZero();
        assertThat(shown.out()).contains("Department:   Cards").contains("account_number: 12345678");
    }

    @Test
    void evalPlaysProfilesWrittenForTheTeamsFlow() throws Exception {
        Path profiles = dir.resolve("bank-profiles.jsonl");
        Files.writeString(
                profiles,
                RunnerProcess.json(Map.of(
                                "id",
                                "bank-01",
                                "customer_id",
                                "b1",
                                "opening",
                                "My card was blocked at the shop and I need this escalated today!",
                                "details",
                                "Since Monday my card is declined everywhere, the ATM kept it and nobody at the branch helps.",
                                "department_answer",
                                "cards",
                                "department",
                                "Cards",
                                "priority",
                                "high",
                                "confirm",
                                true,
                                "tags",
                                List.of("slot:account_number=12345678")))
                        + "\n");

        RunnerProcess.Result result = bank().run(
                        "eval",
                        "--profiles",
                        profiles.toString(),
                        "--out",
                        dir.resolve("eval").toString());

        assertThat(result.status()).as(result.err() + result.out()).isZero();
        JsonNode report =
                RunnerProcess.JSON.readTree(dir.resolve("eval/report.json").toFile());
        assertThat(report.at("/metrics/task_success").asDouble()).isEqualTo(1.0);
    }

    @Test
    void aBadFlowFileStopsEveryCommandWithExitTwoNamingTheSettingFileLineAndField() throws Exception {
        Path flow = dir.resolve("broken.yaml");
        Files.writeString(
                flow,
                Files.readString(Path.of(BANK))
                        .replace("    next: ", "    next: ")
                        .replace("  - name: VERIFY_IDENTITY\n", "  - name: VERIFY_IDENTITY\n    next: NOWHERE\n"));

        for (String[] command :
                List.of(new String[] {"verify"}, new String[] {"tickets", "list"}, new String[] {"replay", "-"})) {
            RunnerProcess.Result result = RunnerProcess.on(dir)
                    .env("ESCALATION_FLOW", flow.toString())
                    .run(command);

            assertThat(result.status()).as(String.join(" ", command)).isEqualTo(2);
            assertThat(result.err())
                    .contains("ESCALATION_FLOW=" + flow)
                    .containsPattern("broken\\.yaml:\\d+:\\d+: ")
                    .contains("states[3].next: unknown state NOWHERE");
        }
    }

    @Test
    void aMissingFlowFileStopsTheRunnerWithExitTwoNamingTheSettingAndPath() {
        RunnerProcess.Result result = RunnerProcess.on(dir)
                .env("ESCALATION_FLOW", dir.resolve("none.yaml").toString())
                .run("chat");

        assertThat(result.status()).isEqualTo(2);
        assertThat(result.err())
                .contains("ESCALATION_FLOW=" + dir.resolve("none.yaml"))
                .contains("cannot be read");
    }
}
