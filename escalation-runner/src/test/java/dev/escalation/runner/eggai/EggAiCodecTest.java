package dev.escalation.runner.eggai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class EggAiCodecTest {

    private final EggAiCodec codec = new EggAiCodec(
            EggAiCodec.DEFAULT_MAX_MESSAGE_BYTES, Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC));

    @Test
    void theNewestUserMessageOfTheListIsTheCustomersUtterance() {
        EscalationRequest request = codec.decode(Requests.request(
                        "escalation_request",
                        "e1",
                        "conn-1",
                        "u1",
                        List.of("I was charged twice", "Could you tell me more?", "Every month since March")))
                .orElseThrow();

        assertThat(request.text()).isEqualTo("Every month since March");
        assertThat(request.connectionId()).isEqualTo("conn-1");
        assertThat(request.customerId()).isEqualTo("u1");
        assertThat(request.envelope().traceparent()).isEqualTo(Requests.TRACEPARENT);
    }

    @Test
    void theNewestUserTurnOfAFlattenedHistoryIsTheCustomersUtterance() {
        EscalationRequest request = codec.decode(Requests.flattened(
                        "ticketing_request",
                        "e1",
                        "conn-1",
                        List.of("I was charged twice", "Could you tell me more?", "Every month\nsince March")))
                .orElseThrow();

        assertThat(request.text()).isEqualTo("Every month\nsince March");
        assertThat(request.customerId())
                .as("no user id: the connection owns the tickets")
                .isEqualTo("conn-1");
    }

    @Test
    void aTextThatIsNotAFlattenedHistoryIsTakenAsItIs() {
        assertThat(EggAiCodec.fromFlattened("Note: my card was charged twice"))
                .isEqualTo("Note: my card was charged twice");
    }

    @Test
    void aLabelledLineInsideTheCustomersTextIsNotTakenForAnotherSpeaker() {
        String history = "User: I was charged twice\nEscalation: Could you tell me more?\n"
                + "User: Every month since March.\nNote: the order number is 1234\nPS: I called four times";

        assertThat(EggAiCodec.fromFlattened(history))
                .isEqualTo("Every month since March.\nNote: the order number is 1234\nPS: I called four times");
    }

    @Test
    void agentLabelsAndRoleNamesOfTheEggAiFrontEndEndTheCustomersTurn() {
        assertThat(EggAiCodec.fromFlattened(
                        "User: hi\nTriageAgent: how can I help?\nUser: a refund\n" + "Billing Agent: one moment"))
                .isEqualTo("a refund");
        assertThat(EggAiCodec.fromFlattened("assistant: hello\nuser: my app crashes\nassistant: which app?"))
                .isEqualTo("my app crashes");
    }

    @Test
    void theTriageRoutingLabelOfEitherDemoIsNotPartOfTheCustomersUtterance() {
        String history = "User: I've been trying for weeks!\nEscalation: Could you tell me more?\n"
                + "User: My premium was taken twice.\nPolicy A12345, email ana@example.com.\n \n";

        assertThat(EggAiCodec.fromFlattened(history + "EscalationAgent: ").strip())
                .isEqualTo("My premium was taken twice.\nPolicy A12345, email ana@example.com.");
        assertThat(EggAiCodec.fromFlattened(history + "TargetAgent.EscalationAgent: ")
                        .strip())
                .isEqualTo("My premium was taken twice.\nPolicy A12345, email ana@example.com.");
    }

    @Test
    void aDottedWordInsideTheCustomersTextIsNotTakenForALabel() {
        assertThat(EggAiCodec.fromFlattened("User: my plan\nversion 2.1: still broken\nEscalationAgent: ")
                        .strip())
                .isEqualTo("my plan\nversion 2.1: still broken");
    }

    @Test
    void otherTypesAreNotOurs() {
        assertThat(codec.decode(Requests.bytes(
                        Requests.envelope("billing_request", "e1").put("data", 1))))
                .isEmpty();
    }

    @Test
    void badInputIsRefusedWithItsReason() {
        assertThatThrownBy(() -> codec.decode(Requests.utf8("{not json")))
                .isInstanceOf(InvalidMessageException.class)
                .extracting(e -> ((InvalidMessageException) e).reason())
                .isEqualTo("not_json");
        assertThatThrownBy(() -> codec.decode(Requests.utf8("[1,2]")))
                .extracting(e -> ((InvalidMessageException) e).reason())
                .isEqualTo("not_object");
        assertThatThrownBy(() -> codec.decode(new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'}))
                .extracting(e -> ((InvalidMessageException) e).reason())
                .isEqualTo("invalid_utf8");
        assertThatThrownBy(() -> new EggAiCodec(10, Clock.systemUTC()).decode(Requests.utf8("{\"a\":\"0123456789\"}")))
                .extracting(e -> ((InvalidMessageException) e).reason())
                .isEqualTo("too_large");
    }

    @Test
    void theRepliesCarryTheIncomingIdTheConnectionAndAChildTrace() throws Exception {
        EscalationRequest request = codec.decode(
                        Requests.request("escalation_request", "e1", "conn-1", null, List.of("hello")))
                .orElseThrow();
        String trace = EggAiCodec.childTraceparent(request.envelope().traceparent());

        JsonNode chunk = Requests.JSON.readTree(codec.streamChunk(request, trace, "Hi", 1));
        JsonNode message = Requests.JSON.readTree(codec.agentMessage(request, trace, "Hi there"));

        assertThat(trace)
                .startsWith("00-4bf92f3577b34da6a3ce929d0e0e4736-")
                .endsWith("-01")
                .isNotEqualTo(Requests.TRACEPARENT);
        assertThat(chunk.path("type").asText()).isEqualTo("agent_message_stream_chunk");
        assertThat(chunk.path("source").asText()).isEqualTo("Escalation");
        assertThat(chunk.path("data").toString())
                .isEqualTo(
                        "{\"message_chunk\":\"Hi\",\"message_id\":\"e1\",\"chunk_index\":1,\"connection_id\":\"conn-1\"}");
        assertThat(message.path("data").toString())
                .isEqualTo(
                        "{\"message\":\"Hi there\",\"connection_id\":\"conn-1\",\"message_id\":\"e1\",\"agent\":\"Escalation\"}");
        assertThat(message.path("tracestate").asText()).isEqualTo("vendor=1");
        assertThat(message.path("service_tier").asText()).isEqualTo("standard");
        assertThat(message.path("time").asText()).isEqualTo("2026-11-23T10:00:00Z");
    }
}
