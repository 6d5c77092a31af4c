package dev.escalation.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.escalation.runner.eggai.Requests;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve} on the in-process (memory) channels bridged to standard input and output. */
class ServeCommandTest {

    @TempDir
    Path dir;

    private static String line(byte[] envelope) {
        return new String(envelope, StandardCharsets.UTF_8);
    }

    @Test
    void withStandardInputNotATerminalServeAnswersEnvelopeLinesAndEndsWithTheInput() {
        List<String> history = List.of(Seed.OPENING, "…", Seed.DETAILS, "…", "Yes, please create the ticket.");
        String input = line(Requests.request("escalation_request", "e1", "conn-1", "u1", history.subList(0, 1))) + "\n"
                + "this line is not an envelope\n"
                + line(Requests.request("ticketing_request", "e2", "conn-1", "u1", history.subList(0, 3))) + "\n"
                + line(Requests.request("escalation_request", "e3", "conn-1", "u1", history)) + "\n";

        RunnerProcess.Result result = RunnerProcess.on(dir)
                .without("ESCALATION_TRANSPORT")
                .stdin(input)
                .runWithLogs("serve");

        assertThat(result.status()).as(result.err()).isZero();
        List<JsonNode> lines = result.jsonLines();
        // By default the replies are streamed only, on the EggAI SDK's topic names, without a key.
        List<JsonNode> ends = lines.stream()
                .filter(l -> l.at("/message/type").asText().equals("agent_message_stream_end"))
                .toList();
        assertThat(ends)
                .extracting(l -> l.at("/message/data/message_id").asText())
                .containsExactly("e1", "e2", "e3");
        assertThat(ends).allSatisfy(l -> assertThat(l.get("channel").asText()).isEqualTo("eggai.human_stream"));
        assertThat(ends.get(2).at("/message/data/message").asText()).containsPattern("TK-[A-Z2-9]{8}");
        assertThat(lines)
                .filteredOn(l -> l.get("channel").asText().equals("eggai.human_stream"))
                .allSatisfy(l -> assertThat(l.get("key").isNull()).isTrue())
                .extracting(l -> l.at("/message/type").asText())
                .contains("agent_message_stream_start", "agent_message_stream_chunk", "agent_message_stream_end");
        assertThat(lines).extracting(l -> l.get("channel").asText()).doesNotContain("eggai.human", "human");
        JsonNode dead = lines.stream()
                .filter(l -> l.get("channel").asText().equals("eggai.escalation_dlq"))
                .findFirst()
                .orElseThrow();
        assertThat(new String(
                        Base64.getDecoder().decode(dead.get("message_base64").asText()), StandardCharsets.UTF_8))
                .as("the unreadable line, byte for byte")
                .isEqualTo("this line is not an envelope");
        assertThat(dead.at("/headers/escalation_error_reason").asText()).isEqualTo("not_json");
        assertThat(result.err()).contains("ESCALATION_TRANSPORT=console");
    }

    @Test
    void serveRefusesTheConsoleTransportNamingTheVariable() {
        RunnerProcess.Result result =
                RunnerProcess.on(dir).env("ESCALATION_TRANSPORT", "console").run("serve");

        assertThat(result.status()).isEqualTo(2);
        assertThat(result.err()).contains("ESCALATION_TRANSPORT").contains("chat");
    }
}
