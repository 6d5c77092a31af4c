package dev.escalation.llm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.escalation.core.ModelCall;
import dev.escalation.core.simulation.FakeClock;
import dev.escalation.llm.LanguageModelConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChatClientTest {

    private final MockWebServer server = new MockWebServer();
    private final List<ModelCall> calls = new CopyOnWriteArrayList<>();
    private ChatClient client;

    @BeforeEach
    void start() throws IOException {
        server.start();
        client = new ChatClient(LanguageModelConfig.builder()
                .provider(LanguageModelConfig.Provider.OPENAI)
                .model("gpt-4o-mini")
                .apiKey("sk-test-client-0000000000")
                .baseUrl(server.url("/v1").toString())
                .initialBackoff(Duration.ofMillis(100))
                .maxBackoff(Duration.ofMillis(400))
                .build());
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private static String body(String name) throws IOException {
        try (InputStream in = ChatClientTest.class.getResourceAsStream("/dev/escalation/llm/responses/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static ObjectNode request() {
        ObjectNode body = ModelJson.object();
        body.put("model", "gpt-4o-mini");
        body.putArray("messages").addObject().put("role", "user").put("content", "status of my tickets?");
        body.put("stream", true);
        return body;
    }

    @Test
    void assemblesStreamedToolCallDeltasByIndexAndReadsTheUsage() throws Exception {
        server.enqueue(new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", "text/event-stream")
                .body(body("openai-stream-tool-calls.sse"))
                .build());
        StringBuilder text = new StringBuilder();

        Completion completion =
                client.stream(request(), "interpret", Instant.now().plusSeconds(5), calls::add, text::append);

        assertThat(text.toString()).isEmpty();
        assertThat(completion.finishReason()).isEqualTo("tool_calls");
        assertThat(completion.toolCalls())
                .containsExactly(
                        new ToolCall(
                                "call_8sKq2Wm5Xv1Nb7Tr3Yd0Lf4P",
                                "get_ticket_status",
                                "{\"ticket_id\": \"TK-7QX2M9PA\"}"),
                        new ToolCall(
                                "call_3hGt6Rw9Pz2Mx5Kc8Vb1Nq7J",
                                "update_ticket",
                                "{\"ticket_id\": null, \"note\": \"still broken\"}"));
        assertThat(completion.inputTokens()).isEqualTo(702);
        assertThat(completion.outputTokens()).isEqualTo(58);
        assertThat(completion.tokensEstimated()).isFalse();
        assertThat(calls).singleElement().satisfies(call -> {
            assertThat(call.outcome()).isEqualTo("ok");
            assertThat(call.inputTokens()).isEqualTo(702);
            assertThat(call.timeToFirstToken())
                    .as("no content delta, no first token")
                    .isNull();
        });
    }

    @Test
    void readsEventsWithoutBlankLinesBetweenThemAndIgnoresComments() {
        String chunk = "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"%s\"},\"finish_reason\":%s}]}";
        String stream = ": keep-alive\n"
                + "data: " + String.format(chunk, "Hel", "null") + "\n"
                + "data: " + String.format(chunk, "lo", "\"stop\"") + "\n"
                + "data: [DONE]\n";
        server.enqueue(new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", "text/event-stream")
                .body(stream)
                .build());
        StringBuilder text = new StringBuilder();

        Completion completion =
                client.stream(request(), "reply", Instant.now().plusSeconds(5), calls::add, text::append);

        assertThat(completion.content()).isEqualTo("Hello");
        assertThat(text.toString()).isEqualTo("Hello");
        assertThat(completion.tokensEstimated()).isTrue();
        assertThat(calls)
                .singleElement()
                .satisfies(call -> assertThat(call.timeToFirstToken())
                        .isNotNull()
                        .isPositive()
                        .isLessThanOrEqualTo(call.duration()));
    }

    @Test
    void reportsAnErrorEventNamedErrorAsAStreamError() {
        server.enqueue(new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", "text/event-stream")
                .body("event: error\ndata: {\"error\":\"thinking_budget is not supported\"}\n\n")
                .build());

        ChatFailure failure = org.assertj.core.api.Assertions.catchThrowableOfType(
                ChatFailure.class,
                () -> client.stream(request(), "reply", Instant.now().plusSeconds(5), calls::add, t -> {}));

        assertThat(failure.kind()).isEqualTo(ChatFailure.Kind.STREAM_ERROR);
        assertThat(failure.getMessage()).contains("thinking_budget is not supported");
    }

    @Test
    void backsOffExponentiallyWithJitterUpToTheMaximum() {
        for (int i = 0; i < 50; i++) {
            assertThat(client.backoff(0)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
            assertThat(client.backoff(1)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
            assertThat(client.backoff(10)).isBetween(Duration.ofMillis(200), Duration.ofMillis(400));
        }
    }

    @Test
    void readsRetryAfterAsAnHttpDate() throws Exception {
        String date = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(1));
        server.enqueue(new MockResponse.Builder()
                .code(503)
                .setHeader("Retry-After", date)
                .build());
        server.enqueue(new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", "application/json")
                .body(body("openai-json-schema-reason.json"))
                .build());
        ObjectNode plain = request();
        plain.remove("stream");

        Completion completion =
                client.complete(plain, "interpret", Instant.now().plusSeconds(5), calls::add);

        assertThat(completion.content()).contains("PROVIDE_INFO");
        assertThat(calls).extracting(ModelCall::outcome).containsExactly("http_503");
        assertThat(calls).extracting(ModelCall::timeToFirstToken).containsOnlyNulls();
    }

    @Test
    void retriesOnlyWhileTheServersWaitStillLeavesTimeBeforeTheDeadlineOnTheInjectedClock() {
        Instant start = Instant.parse("2026-12-04T12:00:00Z");
        FakeClock clock = new FakeClock(start);
        List<Duration> waits = new CopyOnWriteArrayList<>();
        ChatClient timed = new ChatClient(
                LanguageModelConfig.builder()
                        .provider(LanguageModelConfig.Provider.OPENAI)
                        .model("gpt-4o-mini")
                        .apiKey("sk-test-client-0000000000")
                        .baseUrl(server.url("/v1").toString())
                        .maxRetries(5)
                        .build(),
                clock,
                wait -> {
                    waits.add(wait);
                    clock.advance(wait);
                });
        for (int i = 0; i < 3; i++) {
            server.enqueue(new MockResponse.Builder()
                    .code(503)
                    .setHeader("retry-after-ms", "400")
                    .build());
        }
        ObjectNode plain = request();
        plain.remove("stream");

        // 1 s to the deadline: two 400 ms waits leave 600 ms, then 200 ms; a third would leave less than
        // the 50 ms minimum call time, so the third 503 is the answer.
        ChatFailure failure = org.assertj.core.api.Assertions.catchThrowableOfType(
                ChatFailure.class, () -> timed.complete(plain, "interpret", start.plusSeconds(1), calls::add));
        timed.close();

        assertThat(failure.status()).isEqualTo(503);
        assertThat(waits).containsExactly(Duration.ofMillis(400), Duration.ofMillis(400));
        assertThat(clock.instant()).isEqualTo(start.plusMillis(800));
        assertThat(calls).extracting(ModelCall::outcome).containsExactly("http_503", "http_503", "http_503");
    }

    @Test
    void failsWithADeadlineErrorWithoutCallingWhenTheDeadlineHasPassedOnTheInjectedClock() {
        Instant start = Instant.parse("2026-12-04T12:00:00Z");
        ChatClient timed = new ChatClient(
                LanguageModelConfig.builder()
                        .provider(LanguageModelConfig.Provider.OPENAI)
                        .model("gpt-4o-mini")
                        .apiKey("sk-test-client-0000000000")
                        .baseUrl(server.url("/v1").toString())
                        .build(),
                new FakeClock(start),
                wait -> {});

        ChatFailure failure = org.assertj.core.api.Assertions.catchThrowableOfType(
                ChatFailure.class, () -> timed.complete(request(), "interpret", start.plusMillis(49), calls::add));
        timed.close();

        assertThat(failure.kind()).isEqualTo(ChatFailure.Kind.DEADLINE);
        assertThat(server.getRequestCount()).isZero();
        assertThat(calls).isEmpty();
    }
}
