package dev.escalation.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.escalation.core.FlowDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code impact} end to end: conversations are created through {@code replay} into a real SQLite
 * file, then replayed under candidate flow files, as a reviewer of a flow change would run it.
 */
class ImpactCommandTest {

    static final String STANDARD = standardYaml();

    /** A Billing conversation to a ticket, a technical one to a ticket, one still collecting, one cancelled. */
    static final List<Map<String, Object>> TRAFFIC = List.of(
            Seed.conversation("billing-1", "u1"),
            Map.of(
                    "conversation_id",
                    "tech-1",
                    "customer_id",
                    "u2",
                    "turns",
                    List.of(
                            "I'm locked out of my account for three days now and nobody helps, please escalate this.",
                            "Since Monday the app says error 403 when I log in, and resetting my password twice did not help.",
                            "Yes, please create the ticket.")),
            Map.of("conversation_id", "open-1", "customer_id", "u3", "turns", List.of(Seed.OPENING)),
            Map.of(
                    "conversation_id",
                    "cancel-1",
                    "customer_id",
                    "u4",
                    "turns",
                    List.of(Seed.OPENING, "Never mind, cancel this please.")));

    @TempDir
    Path dir;

    private RunnerProcess runner;

    @BeforeEach
    void storeTrafficThroughReplay() {
        runner = RunnerProcess.on(dir);
        RunnerProcess.Result replayed = runner.stdinJson(TRAFFIC.toArray()).run("replay", "-");
        assertThat(replayed.status()).as(replayed.err()).isZero();
    }

    static String standardYaml() {
        try (InputStream in =
                FlowDefinition.class.getClassLoader().getResourceAsStream(FlowDefinition.STANDARD_RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The standard flow with Billing renamed Accounts. */
    static String renamedDepartment() {
        return replaced(STANDARD, "  - name: Billing\n", "  - name: Accounts\n");
    }

    /** The standard flow without its DETAILS state: REASON collects the details and department itself. */
    static String removedState() {
        String withoutDetails = replaced(
                STANDARD,
                STANDARD.substring(
                        STANDARD.indexOf("  - name: DETAILS\n"), STANDARD.indexOf("  - name: CONFIRMATION\n")),
                "");
        return replaced(withoutDetails, "    collects: [reason]\n", "    collects: [reason, details, department]\n");
    }

    /** The standard flow with a required account number, asked for in a VERIFY_IDENTITY state. */
    static String addedRequiredSlot() {
        String withSlot = replaced(STANDARD, "\n# The states in the order", """
          - name: account_number
            type: pattern
            pattern: '^[0-9]{8}$'
            required: true
            personal: true
            description: the customer's 8-digit account number, digits only
            question: To find your account, what is your 8-digit account number?

        # The states in the order""");
        return replaced(withSlot, "  - name: CONFIRMATION\n", """
          - name: VERIFY_IDENTITY
            collects: [account_number]
            pending: needs identity
          - name: CONFIRMATION
        """);
    }

    private static String replaced(String text, String target, String replacement) {
        assertThat(text).as("the flow text to change").contains(target);
        return text.replace(target, replacement);
    }

    private Path flowFile(String name, String yaml) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return file;
    }

    private static List<String> changedIds(RunnerProcess.Result result) {
        return result.jsonLines().stream()
                .map(line -> line.get("conversation_id").asText())
                .sorted()
                .toList();
    }

    @Test
    void theShippedFlowAsCandidateLeavesEveryStoredConversationUnchanged() throws IOException {
        RunnerProcess.Result result = runner.run(
                "impact", "--flow", flowFile("standard.yaml", STANDARD).toString());

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(result.out())
                .contains("4 stored conversations; 4 replayed under both flows: 4 unchanged, 0 changed")
                .contains("No model was called")
                .doesNotContain("## Changes by kind");
    }

    @Test
    void renamingADepartmentReportsTheConversationsThatWentThere() throws IOException {
        Path flow = flowFile("accounts.yaml", renamedDepartment());

        RunnerProcess.Result report = runner.run("impact", "--flow", flow.toString());
        RunnerProcess.Result json = runner.run("impact", "--flow", flow.toString(), "--json");

        assertThat(report.status()).as(report.err()).isEqualTo(1);
        assertThat(report.out())
                .contains("1 changed")
                .contains("## Changes by kind")
                .contains("`billing-1`, first" + " differing turn 2");
        assertThat(changedIds(json)).containsExactly("billing-1");
        assertThat(json.status()).isEqualTo(1);
        JsonNode changed = json.lastJson();
        assertThat(changed.get("changes").toString()).contains("would create no ticket instead of 1 ticket");
        assertThat(changed.get("differences")).anySatisfy(difference -> {
            assertThat(difference.get("field").asText()).isEqualTo("department");
            assertThat(difference.get("before").asText()).isEqualTo("Billing");
        });
    }

    @Test
    void removingAStateReportsEveryConversationThatPassedThroughItAndNoOther() throws IOException {
        RunnerProcess.Result json = runner.run(
                "impact", "--flow", flowFile("no-details.yaml", removedState()).toString(), "--json");

        assertThat(json.status()).as(json.err()).isEqualTo(1);
        assertThat(changedIds(json))
                .as("tech-1 went from REASON to CONFIRMATION at once")
                .containsExactly("billing-1", "cancel-1", "open-1");
        assertThat(json.jsonLines())
                .allSatisfy(line -> assertThat(line.get("changes").toString())
                        .containsAnyOf(
                                "would no longer pass through DETAILS", "would stop at REASON instead of DETAILS"));
    }

    @Test
    void addingARequiredSlotReportsTheTicketsItWouldHoldBack() throws IOException {
        RunnerProcess.Result report = runner.run(
                "impact", "--flow", flowFile("verify.yaml", addedRequiredSlot()).toString());

        assertThat(report.status()).as(report.err()).isEqualTo(1);
        assertThat(report.out())
                .contains("| would stop at VERIFY_IDENTITY instead of TICKET_CREATED | 2 |")
                .contains("`billing-1`")
                .contains("`tech-1`");
    }

    @Test
    void aBadCandidateFlowIsReportedAsEscalationFlowReportsItWithExitStatusTwo() throws IOException {
        Path bad = flowFile("bad.yaml", replaced(STANDARD, "    kind: confirm\n", "    kind: sometimes\n"));

        RunnerProcess.Result impact = runner.run("impact", "--flow", bad.toString());
        RunnerProcess.Result verify =
                RunnerProcess.on(dir).env("ESCALATION_FLOW", bad.toString()).run("verify");

        assertThat(impact.status()).isEqualTo(2);
        assertThat(impact.err()).startsWith("error: --flow=" + bad + ": not a valid flow: ");
        assertThat(impact.err()).isEqualTo(verify.err().replace("ESCALATION_FLOW=", "--flow="));
    }

    @Test
    void theStoreIsOnlyReadNeverWritten() throws Exception {
        Path database = dir.resolve("tickets.db");
        String before = sha256(database);

        RunnerProcess.Result result = runner.run(
                "impact",
                "--flow",
                flowFile("accounts.yaml", renamedDepartment()).toString());

        assertThat(result.status()).as(result.err()).isEqualTo(1);
        assertThat(sha256(database)).isEqualTo(before);
        assertThat(runner.run("tickets", "list", "--json").lastJson()).hasSize(2);
    }

    @Test
    void theOutputOfReplayGivesTheSameVerdictsAsTheStore() throws IOException {
        Path output = dir.resolve("replay-output.jsonl");
        RunnerProcess.Result replayed = RunnerProcess.on(dir.resolve("other"))
                .stdinJson(TRAFFIC.toArray())
                .run("replay", "-");
        Files.writeString(output, replayed.out(), StandardCharsets.UTF_8);
        Path flow = flowFile("accounts.yaml", renamedDepartment());

        RunnerProcess.Result unchanged = runner.run(
                "impact",
                "--flow",
                flowFile("standard.yaml", STANDARD).toString(),
                "--conversations",
                output.toString());
        RunnerProcess.Result changed =
                runner.run("impact", "--flow", flow.toString(), "--conversations", output.toString(), "--json");

        assertThat(unchanged.status()).as(unchanged.err()).isZero();
        assertThat(unchanged.out()).contains("4 replayed under both flows: 4 unchanged");
        assertThat(changed.status()).as(changed.err()).isEqualTo(1);
        assertThat(changedIds(changed)).containsExactly("billing-1");
    }

    @Test
    void aConversationsFileThatIsNotReplayOutputIsRefusedNamingTheLine() throws IOException {
        Path output = dir.resolve("not-replay.jsonl");
        Files.writeString(
                output,
                "{\"line\":1,\"error\":\"skipped\"}\n{\"conversation_id\":\"c1\",\"turn\":1,"
                        + "\"transition\":{\"from\":\"REASON\",\"event\":\"SHOUT\",\"guard\":null,\"to\":\"DETAILS\"}}\n",
                StandardCharsets.UTF_8);
        Path flow = flowFile("standard.yaml", STANDARD);

        RunnerProcess.Result bad =
                runner.run("impact", "--flow", flow.toString(), "--conversations", output.toString());
        RunnerProcess.Result reinterpret =
                runner.run("impact", "--flow", flow.toString(), "--conversations", output.toString(), "--reinterpret");

        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.err()).contains(output + " line 2: not a line of replay output", "SHOUT");
        assertThat(reinterpret.status()).isEqualTo(2);
        assertThat(reinterpret.err()).contains("--reinterpret needs the customers' messages");
    }

    @Test
    void theFiltersChooseWhichConversationsAreReplayed() throws IOException {
        Path flow = flowFile("no-details.yaml", removedState());

        RunnerProcess.Result one =
                runner.run("impact", "--flow", flow.toString(), "--conversation", "cancel-1", "--json");
        RunnerProcess.Result two = runner.run("impact", "--flow", flow.toString(), "--limit", "2", "--json");
        RunnerProcess.Result none = runner.run("impact", "--flow", flow.toString(), "--since", "2999-01-01");
        RunnerProcess.Result bad = runner.run("impact", "--flow", flow.toString(), "--since", "last tuesday");

        assertThat(changedIds(one)).containsExactly("cancel-1");
        assertThat(two.jsonLines()).hasSize(2);
        assertThat(none.status()).as(none.err()).isZero();
        assertThat(none.out()).contains("0 stored conversations");
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.err()).contains("--since must be", "last tuesday");
    }

    @Test
    void conversationsStoredBeforeReadingsWereKeptAreCountedOrReadAgainWithReinterpret() throws Exception {
        try (var connection = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("tickets.db"))) {
            connection
                    .createStatement()
                    .executeUpdate(
                            "UPDATE conversation_turns SET reading = NULL" + " WHERE conversation_id = 'billing-1'");
        }
        Path flow = flowFile("accounts.yaml", renamedDepartment());

        RunnerProcess.Result recorded = runner.run("impact", "--flow", flow.toString());
        RunnerProcess.Result again = runner.run("impact", "--flow", flow.toString(), "--reinterpret");

        assertThat(recorded.status()).as(recorded.err()).isZero();
        assertThat(recorded.out())
                .contains("| stored before readings were kept (not replayed; `--reinterpret` reads them"
                        + " again) | 1 |");
        assertThat(again.status()).as(again.err()).isEqualTo(1);
        assertThat(again.out()).contains("messages were read again by offline").contains("`billing-1`");
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
