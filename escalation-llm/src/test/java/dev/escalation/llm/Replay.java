package dev.escalation.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.escalation.core.ModelCall;
import dev.escalation.core.ModelCallObserver;
import dev.escalation.core.ModelToolCall;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/** Test support: recorded response bodies, a call recorder, and configs pointing at a local server. */
final class Replay {
    private Replay() {}

    static final String KEY = "sk-test-9f8e7d6c5b4a3210fedcba9876543210ef12";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger ENDPOINTS = new AtomicInteger();

    /** The bytes of a file under {@code dev/escalation/llm/responses/}. */
    static String body(String name) {
        try (InputStream in = Replay.class.getResourceAsStream("/dev/escalation/llm/responses/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test response " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JSON response with the status and a recorded body. */
    static MockResponse json(int code, String name) {
        return new MockResponse.Builder()
                .code(code)
                .setHeader("Content-Type", "application/json")
                .body(body(name))
                .build();
    }

    /** A 200 event stream with a recorded body. */
    static MockResponse sse(String name) {
        return new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", "text/event-stream")
                .setHeader("Cache-Control", "no-cache")
                .body(body(name))
                .build();
    }

    /**
     * A base URL on the server with a path no other test uses, so that what a test teaches the shared
     * endpoint memory never leaks into another test (ports are reused).
     */
    static String baseUrl(MockWebServer server) {
        return server.url("/e" + ENDPOINTS.incrementAndGet() + "/v1").toString();
    }

    /** An OpenAI config on the local server, with short backoffs so tests stay fast. */
    static LanguageModelConfig.Builder openAi(MockWebServer server) {
        return LanguageModelConfig.builder()
                .provider(LanguageModelConfig.Provider.OPENAI)
                .model("gpt-4o-mini")
                .baseUrl(baseUrl(server))
                .apiKey(KEY)
                .initialBackoff(Duration.ofMillis(10))
                .maxBackoff(Duration.ofMillis(40))
                .readTimeout(Duration.ofSeconds(3))
                .timeout(Duration.ofSeconds(10));
    }

    /** An LM Studio config on the local server (no native tools, as for Gemma 3). */
    static LanguageModelConfig.Builder lmStudio(MockWebServer server) {
        return LanguageModelConfig.builder()
                .provider(LanguageModelConfig.Provider.LM_STUDIO)
                .model("gemma-3-12b-it")
                .baseUrl(baseUrl(server))
                .initialBackoff(Duration.ofMillis(10))
                .maxBackoff(Duration.ofMillis(40))
                .readTimeout(Duration.ofSeconds(3))
                .timeout(Duration.ofSeconds(10));
    }

    /** The next request the server received, within a second. */
    static RecordedRequest take(MockWebServer server) throws InterruptedException {
        RecordedRequest request = server.takeRequest(1, TimeUnit.SECONDS);
        if (request == null) {
            throw new AssertionError("the server received no (further) request");
        }
        return request;
    }

    /** A request's JSON body. */
    static JsonNode bodyOf(RecordedRequest request) {
        try {
            return JSON.readTree(request.getBody().utf8());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Collects the calls a model reports. */
    static final class Calls implements ModelCallObserver {
        final List<ModelCall> calls = new CopyOnWriteArrayList<>();
        final List<ModelToolCall> tools = new CopyOnWriteArrayList<>();

        @Override
        public void called(ModelCall call) {
            calls.add(call);
        }

        @Override
        public void toolCalled(ModelToolCall call) {
            tools.add(call);
        }

        List<String> outcomes() {
            return calls.stream().map(ModelCall::outcome).toList();
        }
    }
}
