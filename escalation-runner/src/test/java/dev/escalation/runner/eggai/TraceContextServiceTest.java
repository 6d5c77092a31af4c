package dev.escalation.runner.eggai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.escalation.core.EscalationEngine;
import dev.escalation.core.InMemoryStore;
import dev.escalation.core.OfflineLanguageModel;
import dev.escalation.core.TracingListener;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The trace context the service carries from an incoming request to its replies. */
class TraceContextServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String FIRST = "I've been trying to resolve this for weeks and I'm frustrated!";
    private static final String INCOMING_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String INCOMING_SPAN = "00f067aa0ba902b7";

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private final SdkTracerProvider provider = SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(exporter))
            .build();
    private final OpenTelemetrySdk otel =
            OpenTelemetrySdk.builder().setTracerProvider(provider).build();
    private final List<EscalationService> services = new ArrayList<>();

    @AfterEach
    void stop() {
        services.forEach(
                service -> assertThat(service.stop(Duration.ofSeconds(10))).isTrue());
        provider.close();
    }

    private MemoryTransport serve(EscalationEngine.Builder engine) {
        InMemoryStore store = new InMemoryStore();
        MemoryTransport transport = new MemoryTransport("agents", 16);
        EscalationService service = EscalationService.builder()
                .engine(engine.languageModel(new OfflineLanguageModel())
                        .conversationStore(store)
                        .ticketStore(store)
                        .build())
                .transport(transport)
                .replyForm(ReplyForm.BOTH)
                .workers(2)
                .maxInFlight(4)
                .build();
        services.add(service);
        service.start();
        transport.send(
                "agents", "conn-1", Requests.request("escalation_request", "e1", "conn-1", "u1", List.of(FIRST)));
        return transport;
    }

    // The agent message is sent after the stream end, so once it is there the stream is complete.
    private static List<JsonNode> outgoing(MemoryTransport transport) {
        List<JsonNode> human =
                transport.await("human", 1, WAIT).stream().map(Requests::read).toList();
        List<JsonNode> all = new ArrayList<>(transport.await("human_stream", 3, WAIT).stream()
                .map(Requests::read)
                .toList());
        all.addAll(human);
        return all;
    }

    @Test
    void theRepliesCarryTheTraceparentOfTheTurnSpanUnderTheIncomingTrace() {
        MemoryTransport transport = serve(EscalationEngine.builder()
                .listener(TracingListener.builder().openTelemetry(otel).build()));

        List<JsonNode> replies = outgoing(transport);
        transport.awaitAcknowledged(1, WAIT);
        SpanData turn = exporter.getFinishedSpanItems().stream()
                .filter(s -> s.getName().equals("escalation.turn"))
                .findFirst()
                .orElseThrow();

        assertThat(turn.getTraceId()).isEqualTo(INCOMING_TRACE);
        assertThat(turn.getParentSpanId()).isEqualTo(INCOMING_SPAN);
        assertThat(replies)
                .extracting(reply -> reply.path("type").asText())
                .contains(
                        "agent_message_stream_start",
                        "agent_message_stream_chunk",
                        "agent_message_stream_end",
                        "agent_message");
        assertThat(replies)
                .extracting(reply -> reply.path("traceparent").asText())
                .containsOnly("00-" + INCOMING_TRACE + "-" + turn.getSpanId() + "-01");
    }

    @Test
    void withoutTracingTheRepliesCarryAGeneratedChildOfTheIncomingTrace() {
        MemoryTransport transport = serve(EscalationEngine.builder());

        List<JsonNode> replies = outgoing(transport);

        assertThat(replies)
                .extracting(reply -> reply.path("traceparent").asText())
                .allSatisfy(traceparent -> assertThat(traceparent)
                        .matches("00-" + INCOMING_TRACE + "-[0-9a-f]{16}-01")
                        .doesNotContain(INCOMING_SPAN))
                .hasSize(replies.size());
        assertThat(replies.stream()
                        .map(reply -> reply.path("traceparent").asText())
                        .distinct())
                .hasSize(1);
    }
}
