package dev.escalation.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.escalation.llm.internal.TokenCounter;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import okio.ByteString;

/**
 * Counts what a model server sees, the same way for every agent design: one call per chat-completions
 * request, prompt tokens of the request body (messages, tools and schema, o200k_base via jtokkit, as
 * the llm module counts them) and completion tokens of the text or tool calls sent back, whether as
 * one JSON body or as an SSE stream. Also what a server with a prefix cache would find cached, the same
 * way for every design: the longest run of the request's head (tools and schema) and leading messages
 * that an earlier request began with.
 *
 * <p>Thread-safe. Example: {@code server.setDispatcher(new CountingDispatcher(new ScriptedModelServer(profiles)))}.
 */
public final class CountingDispatcher extends Dispatcher {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Dispatcher delegate;
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong promptTokens = new AtomicLong();
    private final AtomicLong completionTokens = new AtomicLong();
    private final AtomicLong cachedPromptTokens = new AtomicLong();
    private final java.util.Set<Long> seenPrefixes = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public CountingDispatcher(Dispatcher delegate) {
        this.delegate = delegate;
    }

    public long calls() {
        return calls.get();
    }

    public long promptTokens() {
        return promptTokens.get();
    }

    public long completionTokens() {
        return completionTokens.get();
    }

    /** Prompt tokens a server's prefix cache would have held (a part of {@link #promptTokens()}). */
    public long cachedPromptTokens() {
        return cachedPromptTokens.get();
    }

    /** Starts counting from zero (after a warm-up, for example), with an empty prefix cache. */
    public void reset() {
        calls.set(0);
        promptTokens.set(0);
        completionTokens.set(0);
        cachedPromptTokens.set(0);
        seenPrefixes.clear();
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        MockResponse response = delegate.dispatch(request);
        if (!"POST".equals(request.getMethod())
                || !request.getUrl().encodedPath().endsWith("/chat/completions")) {
            return response;
        }
        try {
            ByteString body = request.getBody();
            JsonNode sent = JSON.readTree(body == null ? "{}" : body.utf8());
            calls.incrementAndGet();
            promptTokens.addAndGet(TokenCounter.prompt(sent));
            cachedPromptTokens.addAndGet(cached(sent));
            completionTokens.addAndGet(completion(response));
        } catch (IOException e) {
            throw new IllegalStateException("unable to count a model call: " + e, e);
        }
        return response;
    }

    // The prefixes are remembered as 64-bit FNV-1a hashes of head and messages, so that the cache's
    // memory stays small over the throughput rounds.
    private long cached(JsonNode sent) {
        String head =
                sent.path("tools").toString() + sent.path("response_format").path("json_schema");
        long hash = fnv(0xcbf29ce484222325L, head);
        long tokens = 3
                + (sent.has("tools") ? TokenCounter.count(sent.path("tools").toString()) : 0)
                + (sent.path("response_format").has("json_schema")
                        ? TokenCounter.count(
                                sent.path("response_format").path("json_schema").toString())
                        : 0);
        long cached = 0;
        boolean hit = true;
        for (JsonNode message : sent.path("messages")) {
            hash = fnv(hash, message.toString());
            tokens += 3 + TokenCounter.count(message.path("content").asText(""));
            for (JsonNode call : message.path("tool_calls")) {
                tokens += TokenCounter.count(call.path("function").path("name").asText())
                        + TokenCounter.count(
                                call.path("function").path("arguments").asText());
            }
            boolean seen = !seenPrefixes.add(hash);
            if (hit && seen) {
                cached = tokens;
            } else {
                hit = false;
            }
        }
        return cached;
    }

    private static long fnv(long hash, String text) {
        long h = hash;
        for (int i = 0; i < text.length(); i++) {
            h ^= text.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= 0xff;
        return h * 0x100000001b3L;
    }

    private static long completion(MockResponse response) throws IOException {
        if (response.getBody() == null) {
            return 0;
        }
        Buffer buffer = new Buffer();
        response.getBody().writeTo(buffer);
        String text = buffer.readUtf8();
        if (text.startsWith("data:")) {
            StringBuilder content = new StringBuilder();
            for (String line : text.split("\n")) {
                if (line.startsWith("data: {")) {
                    for (JsonNode choice : JSON.readTree(line.substring(6)).path("choices")) {
                        content.append(choice.path("delta").path("content").asText(""));
                    }
                }
            }
            return TokenCounter.count(content.toString());
        }
        long tokens = 0;
        for (JsonNode choice : JSON.readTree(text).path("choices")) {
            JsonNode message = choice.path("message");
            tokens += TokenCounter.count(message.path("content").asText(""));
            for (JsonNode call : message.path("tool_calls")) {
                tokens += TokenCounter.count(call.path("function").path("name").asText())
                        + TokenCounter.count(
                                call.path("function").path("arguments").asText())
                        + 3;
            }
        }
        return tokens;
    }
}
