package dev.escalation.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Spans of the engine's turns and model calls, exported to memory through the real SDK. */
class TracingListenerTest {

    private static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    private static final String OPENING = "I've been charged twice for my car insurance since March, mail me at"
            + " ana.silva@example.com or call +1 415 555 0134; card 4111 1111 1111 1111.";

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private final SdkTracerProvider provider = SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(exporter))
            .build();
    private final OpenTelemetrySdk otel =
            OpenTelemetrySdk.builder().setTracerProvider(provider).build();

    @AfterEach
    void close() {
        provider.close();
    }

    /** The offline model, reporting one backend call per step as an HTTP model would. */
    private static final class ReportingModel implements LanguageModel {
        private final OfflineLanguageModel offline = new OfflineLanguageModel();

        @Override
        public Interpretation interpret(InterpretationRequest request) {
            request.calls()
                    .called(new ModelCall(
                            "openai/gpt-4o-mini", "interpret", 812, 64, false, Duration.ofMillis(40), "ok"));
            return offline.interpret(request);
        }

        @Override
        public String reply(ReplyRequest request, Consumer<String> chunks) {
            request.calls()
                    .called(new ModelCall("openai/gpt-4o-mini", "reply", 300, 50, false, Duration.ofMillis(20), "ok"));
            return offline.reply(request, chunks);
        }
    }

    private EscalationEngine engine(boolean traceContent) {
        InMemoryStore store = new InMemoryStore();
        return EscalationEngine.builder()
                .languageModel(new ReportingModel())
                .conversationStore(store)
                .ticketStore(store)
                .listener(TracingListener.builder()
                        .openTelemetry(otel)
                        .traceContent(traceContent)
                        .build())
                .build();
    }

    @Test
    void aTurnIsOneSpanUnderTheIncomingTraceparentWithOneGenAiChildSpanPerModelCallAndItsTransitionAsAnEvent() {
        EscalationEngine engine = engine(false);

        try (Scope scope = TracingListener.remoteParent(TRACEPARENT, null).makeCurrent()) {
            engine.handle(new CustomerMessage("c1", "u1", OPENING));
        }

        List<SpanData> spans = exporter.getFinishedSpanItems();
        SpanData turn = spans.stream()
                .filter(s -> s.getName().equals("escalation.turn"))
                .findFirst()
                .orElseThrow();
        assertThat(turn.getTraceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
        assertThat(turn.getParentSpanId()).isEqualTo("b7ad6b7169203331");
        assertThat(turn.getParentSpanContext().isRemote()).isTrue();
        assertThat(turn.getAttributes().get(AttributeKey.stringKey("gen_ai.conversation.id")))
                .isEqualTo("c1");
        assertThat(turn.getEvents()).extracting(EventData::getName).contains("escalation.transition");
        EventData transition = turn.getEvents().stream()
                .filter(e -> e.getName().equals("escalation.transition"))
                .findFirst()
                .orElseThrow();
        assertThat(transition.getAttributes().get(AttributeKey.stringKey("escalation.from")))
                .isEqualTo("REASON");

        List<SpanData> calls = spans.stream()
                .filter(s -> s.getParentSpanId().equals(turn.getSpanId()))
                .filter(s -> s.getName().startsWith("chat "))
                .toList();
        assertThat(calls).hasSize(2).allSatisfy(call -> {
            assertThat(call.getKind()).isEqualTo(SpanKind.CLIENT);
            assertThat(call.getName()).isEqualTo("chat gpt-4o-mini");
            assertThat(call.getAttributes().get(AttributeKey.stringKey("gen_ai.operation.name")))
                    .isEqualTo("chat");
            assertThat(call.getAttributes().get(AttributeKey.stringKey("gen_ai.request.model")))
                    .isEqualTo("gpt-4o-mini");
            assertThat(call.getTraceId()).isEqualTo(turn.getTraceId());
        });
        assertThat(calls)
                .extracting(c -> c.getAttributes().get(AttributeKey.longKey("gen_ai.usage.input_tokens")))
                .containsExactlyInAnyOrder(812L, 300L);
        assertThat(calls)
                .extracting(c -> c.getAttributes().get(AttributeKey.longKey("gen_ai.usage.output_tokens")))
                .containsExactlyInAnyOrder(64L, 50L);
        assertThat(spans)
                .extracting(SpanData::getName)
                .containsExactlyInAnyOrder(
                        "escalation.turn",
                        "chat gpt-4o-mini",
                        "chat gpt-4o-mini",
                        "escalation.store load_conversation",
                        "escalation.store commit_turn",
                        "escalation.store record_reply");
    }

    @Test
    void eachStoreTransactionIsAClientSpanOfTheTurnInTheOrderTheEngineMadeThem() {
        EscalationEngine engine = engine(false);

        engine.handle(new CustomerMessage("c1", "u1", OPENING, "m1"));

        List<SpanData> spans = exporter.getFinishedSpanItems();
        SpanData turn = spans.stream()
                .filter(s -> s.getName().equals("escalation.turn"))
                .findFirst()
                .orElseThrow();
        List<SpanData> store = spans.stream()
                .filter(s -> s.getName().startsWith("escalation.store "))
                .toList();
        assertThat(store)
                .extracting(s -> s.getAttributes().get(AttributeKey.stringKey("db.operation.name")))
                .containsExactly("load_conversation", "find_processed", "commit_turn", "record_reply");
        assertThat(store).allSatisfy(span -> {
            assertThat(span.getParentSpanId()).isEqualTo(turn.getSpanId());
            assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
            assertThat(span.getAttributes().get(AttributeKey.stringKey("escalation.store.outcome")))
                    .isEqualTo("ok");
            assertThat(span.getEndEpochNanos()).isGreaterThanOrEqualTo(span.getStartEpochNanos());
        });
    }

    /** Asks for a status tool call (accepted) after an invalid one (rejected), and says why it stopped. */
    private static final class ToolCallingModel implements LanguageModel {
        private final OfflineLanguageModel offline = new OfflineLanguageModel();

        @Override
        public Interpretation interpret(InterpretationRequest request) {
            request.calls()
                    .called(new ModelCall(
                            "openai/gpt-4o-mini",
                            "interpret",
                            500,
                            20,
                            false,
                            Duration.ofMillis(30),
                            "tool_error",
                            null,
                            List.of("tool_calls")));
            request.calls().toolCalled(new ModelToolCall("unknown", "call_1", "rejected"));
            request.calls()
                    .called(new ModelCall(
                            "openai/gpt-4o-mini",
                            "tool",
                            600,
                            20,
                            false,
                            Duration.ofMillis(30),
                            "ok",
                            null,
                            List.of("tool_calls")));
            request.calls().toolCalled(new ModelToolCall("get_ticket_status", "call_2", "accepted"));
            return offline.interpret(request);
        }

        @Override
        public String reply(ReplyRequest request, Consumer<String> chunks) {
            return offline.reply(request, chunks);
        }
    }

    @Test
    void eachToolCallTheModelAskedForIsASpanAndFinishReasonsAreOnTheModelCallSpans() {
        InMemoryStore store = new InMemoryStore();
        EscalationEngine engine = EscalationEngine.builder()
                .languageModel(new ToolCallingModel())
                .conversationStore(store)
                .ticketStore(store)
                .listener(TracingListener.builder().openTelemetry(otel).build())
                .build();

        engine.handle(new CustomerMessage("c1", "u1", "What is the status of TK-7QX2M9PA?"));

        List<SpanData> spans = exporter.getFinishedSpanItems();
        SpanData turn = spans.stream()
                .filter(s -> s.getName().equals("escalation.turn"))
                .findFirst()
                .orElseThrow();
        List<SpanData> tools = spans.stream()
                .filter(s -> s.getName().startsWith("execute_tool "))
                .toList();
        assertThat(tools)
                .extracting(SpanData::getName)
                .containsExactly("execute_tool unknown", "execute_tool get_ticket_status");
        assertThat(tools).allSatisfy(span -> {
            assertThat(span.getParentSpanId()).isEqualTo(turn.getSpanId());
            assertThat(span.getAttributes().get(AttributeKey.stringKey("gen_ai.operation.name")))
                    .isEqualTo("execute_tool");
        });
        assertThat(tools.get(0).getStatus().getStatusCode()).isEqualTo(io.opentelemetry.api.trace.StatusCode.ERROR);
        assertThat(tools.get(1).getAttributes().get(AttributeKey.stringKey("gen_ai.tool.call.id")))
                .isEqualTo("call_2");
        assertThat(tools.get(1).getAttributes().get(AttributeKey.stringKey("gen_ai.tool.name")))
                .isEqualTo("get_ticket_status");
        assertThat(spans)
                .filteredOn(s -> s.getName().startsWith("chat "))
                .extracting(s -> s.getAttributes().get(AttributeKey.stringArrayKey("gen_ai.response.finish_reasons")))
                .containsExactly(List.of("tool_calls"), List.of("tool_calls"));
    }

    @Test
    void noCustomerTextReachesASpanByDefault() {
        engine(false).handle(new CustomerMessage("c1", "u1", OPENING));

        String exported = exporter.getFinishedSpanItems().toString();
        assertThat(exported).doesNotContain("charged twice", "ana.silva", "555 0134", "4111 1111", "car insurance");
    }

    @Test
    void withContentTracingTheTextIsExportedWithEmailsPhonesAndCardNumbersMasked() {
        engine(true).handle(new CustomerMessage("c1", "u1", OPENING));

        SpanData turn = exporter.getFinishedSpanItems().stream()
                .filter(s -> s.getName().equals("escalation.turn"))
                .findFirst()
                .orElseThrow();
        String text = turn.getAttributes().get(AttributeKey.stringKey("escalation.message.text"));
        assertThat(text)
                .contains("charged twice", "[email]", "[phone]", "[card]")
                .doesNotContain("ana.silva", "555 0134", "4111");
        assertThat(turn.getAttributes().get(AttributeKey.stringKey("escalation.reply.text")))
                .isNotBlank();
    }

    @Test
    void withoutAnIncomingTraceparentTheTurnStartsATraceOfItsOwn() {
        engine(false).handle(new CustomerMessage("c1", "u1", "hello"));

        SpanData turn = exporter.getFinishedSpanItems().stream()
                .filter(s -> s.getName().equals("escalation.turn"))
                .findFirst()
                .orElseThrow();
        assertThat(turn.getParentSpanContext().isValid()).isFalse();
    }

    @Test
    void personalDataIsMaskedButOrdinaryNumbersAndTicketIdsAreKept() {
        assertThat(PersonalData.redact("TK-QUA9ZSGS since March 2024, 3 times; ana@example.org, 0412-345-678,"
                        + " 5500-0000-0000-0004"))
                .isEqualTo("TK-QUA9ZSGS since March 2024, 3 times; [email], [phone], [card]");
    }
}
