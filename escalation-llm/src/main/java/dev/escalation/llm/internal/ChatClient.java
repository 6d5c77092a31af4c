package dev.escalation.llm.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.escalation.core.ModelCall;
import dev.escalation.core.ModelCallObserver;
import dev.escalation.core.retry.Retrier;
import dev.escalation.core.retry.RetryPolicy;
import dev.escalation.core.retry.Sleeper;
import dev.escalation.llm.LanguageModelConfig;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import okhttp3.Call;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls {@code POST {baseUrl}/chat/completions} over OkHttp, plainly or streamed (SSE), with retries:
 * exponential backoff with jitter on connection errors, timeouts, 408, 409, 429 and 5xx, honouring
 * {@code Retry-After} and {@code retry-after-ms}, never sleeping past the turn's deadline; no retry on
 * other 4xx or on 429 {@code insufficient_quota}; the project's {@link Retrier} runs the loop, reading the
 * deadline on the injected clock. Every HTTP exchange is one backend call: failed ones
 * are reported here, successful plain ones by the caller through {@link #report} (it knows whether
 * the content was usable), streamed ones here. Not part of the API.
 *
 * <p>Thread-safe.
 */
public final class ChatClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ChatClient.class);
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    /** A call is not started with less time than this left before the deadline. */
    private static final Duration MIN_CALL_TIME = Duration.ofMillis(50);

    private final LanguageModelConfig config;
    private final OkHttpClient http;
    private final Redaction redaction;
    private final String modelName;
    private final Retrier retrier;

    /** A client on the system clock that sleeps between retries. */
    public ChatClient(LanguageModelConfig config) {
        this(config, Clock.systemUTC(), Sleeper.SYSTEM);
    }

    /** A client reading deadlines (and HTTP-date {@code Retry-After}s) on {@code clock}, waiting with {@code sleeper}. */
    public ChatClient(LanguageModelConfig config, Clock clock, Sleeper sleeper) {
        this.config = config;
        this.retrier = new Retrier(
                RetryPolicy.builder()
                        .maxRetries(config.maxRetries())
                        .initialBackoff(config.initialBackoff())
                        .maxBackoff(config.maxBackoff())
                        .jitter(RetryPolicy.Jitter.EQUAL)
                        .minimumCallTime(MIN_CALL_TIME)
                        .build(),
                clock,
                sleeper);
        this.http = new OkHttpClient.Builder()
                .connectTimeout(config.connectTimeout())
                .readTimeout(config.readTimeout())
                .writeTimeout(config.readTimeout())
                // Our loop retries, so that every exchange is seen, counted and bounded by the deadline.
                .retryOnConnectionFailure(false)
                .build();
        this.redaction = new Redaction(config.apiKey());
        this.modelName = config.spec();
    }

    /** Removes secrets from text for logs and exceptions. */
    public Redaction redaction() {
        return redaction;
    }

    /** A plain (non-streamed) call; the caller must {@link #report} the returned completion exactly once. */
    public Completion complete(ObjectNode body, String operation, Instant deadline, ModelCallObserver calls) {
        return withRetries(operation, deadline, calls, false, timeout -> {
            long started = System.nanoTime();
            try (Response response = execute(body, timeout)) {
                checkStatus(response, operation, started, calls);
                String text;
                try {
                    text = response.body().string();
                } catch (IOException e) {
                    throw reportIo(e, operation, started, calls, 0, 0, false);
                }
                return parseCompletion(text, body, operation, started, calls);
            } catch (IOException e) {
                throw reportIo(e, operation, started, calls, 0, 0, false);
            }
        });
    }

    /**
     * Reads a plain response body as {@link #complete} does, without a call: for the parser's fuzz
     * tests. Package-private.
     *
     * @throws ChatFailure when the body is not a chat completion
     */
    Completion parse(String body) {
        return parseCompletion(body, ModelJson.object(), "interpret", System.nanoTime(), ModelCallObserver.NONE);
    }

    /**
     * Reads an event stream as {@link #stream} does, without a call: for the parser's fuzz tests.
     * Package-private.
     *
     * @throws ChatFailure when the stream is not a complete chat-completion stream
     */
    Completion parseStream(byte[] body, Consumer<String> text) {
        return readStream(
                new okio.Buffer().write(body),
                ModelJson.object(),
                "reply",
                System.nanoTime(),
                ModelCallObserver.NONE,
                text);
    }

    /** Reports one successful plain call with an outcome such as {@code ok} or {@code invalid_json}. */
    public void report(ModelCallObserver calls, String operation, Completion completion, String outcome) {
        calls.called(new ModelCall(
                modelName,
                operation,
                completion.inputTokens(),
                completion.outputTokens(),
                completion.tokensEstimated(),
                completion.duration(),
                outcome,
                null,
                finishReasons(completion),
                completion.cachedInputTokens()));
    }

    private static List<String> finishReasons(Completion completion) {
        String reason = completion.finishReason();
        return reason == null || reason.isBlank() ? List.of() : List.of(reason);
    }

    /**
     * A streamed call ({@code stream: true}); text deltas reach {@code text} as they arrive, tool-call
     * deltas are assembled by index. Reports the call itself. Retries only before the stream started.
     *
     * @throws ChatFailure for an error status, an error event, an empty or cut-off stream, a stall, or a
     *     reply cut by the token limit
     */
    public Completion stream(
            ObjectNode body, String operation, Instant deadline, ModelCallObserver calls, Consumer<String> text) {
        return withRetries(operation, deadline, calls, true, timeout -> {
            long started = System.nanoTime();
            try (Response response = execute(body, timeout)) {
                checkStatus(response, operation, started, calls);
                return readStream(response.body().source(), body, operation, started, calls, text);
            } catch (IOException e) {
                throw reportIo(e, operation, started, calls, 0, 0, false);
            }
        });
    }

    /** The model ids {@code GET {baseUrl}/models} lists. */
    public List<String> listModels(Duration timeout) {
        Request.Builder request =
                new Request.Builder().url(config.baseUrl() + "/models").get();
        if (config.apiKey() != null) {
            request.header("Authorization", "Bearer " + config.apiKey());
        }
        Call call = http.newCall(request.build());
        call.timeout().timeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
        try (Response response = call.execute()) {
            String text = response.body().string();
            if (!response.isSuccessful()) {
                throw httpFailure(response.code(), text, null);
            }
            List<String> ids = new ArrayList<>();
            for (JsonNode model : ModelJson.parse(text).path("data")) {
                String id = ModelJson.text(model, "id");
                if (id != null) {
                    ids.add(id);
                }
            }
            return ids;
        } catch (JsonProcessingException e) {
            throw ChatFailure.of(ChatFailure.Kind.INVALID_RESPONSE, "GET /models did not return JSON", null);
        } catch (IOException e) {
            throw ioFailure(e);
        }
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    @FunctionalInterface
    private interface Attempt {
        Completion run(Duration timeout);
    }

    private Completion withRetries(
            String operation, Instant deadline, ModelCallObserver calls, boolean streamed, Attempt attempt) {
        try {
            return retrier.call(
                    deadline,
                    (number, remaining) -> {
                        if (remaining.compareTo(MIN_CALL_TIME) < 0) {
                            throw ChatFailure.of(
                                    ChatFailure.Kind.DEADLINE,
                                    "no time left before the turn's deadline for a " + operation + " call to "
                                            + modelName,
                                    null);
                        }
                        return attempt.run(remaining.compareTo(config.timeout()) < 0 ? remaining : config.timeout());
                    },
                    (failed, number, backoff) -> {
                        if (!(failed instanceof ChatFailure failure)
                                || !failure.isRetryable()
                                || (streamed && failure.streamStarted)) {
                            return Optional.empty();
                        }
                        Duration delay = failure.retryAfter() != null ? failure.retryAfter() : backoff;
                        log.debug(
                                "{} call to {} failed ({}); retry {} of {} in {} ms, unless that passes the deadline",
                                operation,
                                modelName,
                                failure.outcome(),
                                number,
                                config.maxRetries(),
                                delay.toMillis());
                        return Optional.of(delay);
                    });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ChatFailure.of(ChatFailure.Kind.INTERRUPTED, "interrupted while waiting to retry", e);
        }
    }

    /** Exponential backoff with "equal jitter": half the step fixed, half random. */
    Duration backoff(int retries) {
        return retrier.policy().backoff(retries);
    }

    private Response execute(ObjectNode body, Duration timeout) throws IOException {
        Request.Builder request = new Request.Builder()
                .url(config.baseUrl() + "/chat/completions")
                .post(RequestBody.create(ModelJson.write(body), JSON));
        if (config.apiKey() != null) {
            request.header("Authorization", "Bearer " + config.apiKey());
        }
        if (body.path("stream").asBoolean(false)) {
            request.header("Accept", "text/event-stream");
        }
        Call call = http.newCall(request.build());
        call.timeout().timeout(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
        return call.execute();
    }

    private void checkStatus(Response response, String operation, long started, ModelCallObserver calls)
            throws IOException {
        if (response.isSuccessful()) {
            return;
        }
        String text;
        try {
            text = response.body().string();
        } catch (IOException e) {
            text = "";
        }
        ChatFailure failure = httpFailure(response.code(), text, retryAfter(response, retrier.clock()));
        calls.called(new ModelCall(modelName, operation, 0, 0, false, since(started), failure.outcome()));
        log.debug("{} call to {}: HTTP {} {}", operation, modelName, response.code(), failure.getMessage());
        throw failure;
    }

    private ChatFailure httpFailure(int status, String body, Duration retryAfter) {
        String code = null;
        String type = null;
        String message = null;
        try {
            JsonNode root = body == null || body.isBlank() ? null : ModelJson.parse(body);
            JsonNode error = root == null ? null : root.get("error");
            if (error != null && error.isObject()) {
                code = ModelJson.text(error, "code");
                type = ModelJson.text(error, "type");
                message = ModelJson.text(error, "message");
            } else if (error != null && error.isTextual()) {
                message = error.asText();
            } else if (root != null) {
                message = root.has("message") ? ModelJson.text(root, "message") : ModelJson.text(root, "detail");
            }
        } catch (JsonProcessingException e) {
            message = body;
        }
        message = redaction.clean(message);
        StringBuilder text = new StringBuilder("HTTP ").append(status);
        if (code != null) {
            text.append(" ").append(code);
        } else if (type != null) {
            text.append(" ").append(type);
        }
        if (message != null && !message.isEmpty()) {
            text.append(": ").append(message);
        }
        return new ChatFailure(ChatFailure.Kind.HTTP, status, code, type, message, retryAfter, text.toString(), null);
    }

    /** {@code retry-after-ms} (OpenAI) or {@code Retry-After} in seconds or as an HTTP date; null when absent. */
    static Duration retryAfter(Response response, Clock clock) {
        String millis = response.header("retry-after-ms");
        if (millis != null) {
            try {
                double value = Double.parseDouble(millis.strip());
                if (value >= 0) {
                    return Duration.ofMillis(Math.round(value));
                }
            } catch (NumberFormatException e) {
                // try Retry-After
            }
        }
        String after = response.header("Retry-After");
        if (after == null) {
            return null;
        }
        try {
            double seconds = Double.parseDouble(after.strip());
            return seconds >= 0 ? Duration.ofMillis(Math.round(seconds * 1000)) : null;
        } catch (NumberFormatException e) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(after.strip(), DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(clock.instant(), at.toInstant());
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException ignored) {
                return null;
            }
        }
    }

    private ChatFailure reportIo(
            IOException e,
            String operation,
            long started,
            ModelCallObserver calls,
            long inputTokens,
            long outputTokens,
            boolean estimated) {
        ChatFailure failure = ioFailure(e);
        calls.called(new ModelCall(
                modelName, operation, inputTokens, outputTokens, estimated, since(started), failure.outcome()));
        log.debug("{} call to {} failed: {}", operation, modelName, failure.getMessage());
        return failure;
    }

    private ChatFailure ioFailure(IOException e) {
        boolean timeout = e instanceof SocketTimeoutException
                || (e instanceof InterruptedIOException
                        && !Thread.currentThread().isInterrupted());
        String detail = redaction.clean(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        return timeout
                ? ChatFailure.of(
                        ChatFailure.Kind.TIMEOUT, "no answer from " + config.baseUrl() + " in time (" + detail + ")", e)
                : ChatFailure.of(
                        ChatFailure.Kind.CONNECTION, "cannot reach " + config.baseUrl() + " (" + detail + ")", e);
    }

    private Completion parseCompletion(
            String text, ObjectNode request, String operation, long started, ModelCallObserver calls) {
        JsonNode root;
        try {
            root = text == null || text.isBlank() ? null : ModelJson.parse(text);
        } catch (JsonProcessingException e) {
            root = null;
        }
        JsonNode choice = root == null ? null : root.path("choices").path(0);
        if (root == null || choice.isMissingNode() || !choice.isObject()) {
            String why = text == null || text.isBlank()
                    ? "an empty 200 response"
                    : root != null && root.has("error")
                            ? "an error in a 200 response: " + errorText(root.get("error"))
                            : "a 200 response that is not a chat completion";
            calls.called(new ModelCall(
                    modelName, operation, TokenCounter.prompt(request), 0, true, since(started), "invalid_response"));
            throw ChatFailure.of(
                    ChatFailure.Kind.INVALID_RESPONSE, operation + " call to " + modelName + " got " + why, null);
        }
        JsonNode message = choice.path("message");
        String content =
                message.path("content").isTextual() ? message.path("content").asText() : null;
        List<ToolCall> toolCalls = new ArrayList<>();
        int n = 0;
        for (JsonNode call : message.path("tool_calls")) {
            JsonNode function = call.path("function");
            JsonNode arguments = function.path("arguments");
            toolCalls.add(new ToolCall(
                    ModelJson.text(call, "id") == null ? "call_" + n : ModelJson.text(call, "id"),
                    ModelJson.text(function, "name"),
                    arguments.isTextual()
                            ? arguments.asText()
                            : arguments.isMissingNode() || arguments.isNull() ? "" : ModelJson.write(arguments)));
            n++;
        }
        String finish = ModelJson.text(choice, "finish_reason");
        return withUsage(root.path("usage"), request, content, toolCalls, finish, started);
    }

    private Completion withUsage(
            JsonNode usage, ObjectNode request, String content, List<ToolCall> toolCalls, String finish, long started) {
        if (usage.path("prompt_tokens").canConvertToLong()
                && usage.path("prompt_tokens").isNumber()) {
            long prompt = usage.path("prompt_tokens").asLong();
            // A server's count of cached prompt tokens is taken only where it can be one: within the prompt.
            long cached = Math.max(
                    0,
                    Math.min(
                            prompt,
                            usage.path("prompt_tokens_details")
                                    .path("cached_tokens")
                                    .asLong(0)));
            return new Completion(
                    content,
                    toolCalls,
                    finish,
                    prompt,
                    usage.path("completion_tokens").asLong(0),
                    false,
                    since(started),
                    cached);
        }
        return new Completion(
                content,
                toolCalls,
                finish,
                TokenCounter.prompt(request),
                outputTokens(content, toolCalls),
                true,
                since(started),
                0);
    }

    private static long outputTokens(CharSequence content, List<ToolCall> toolCalls) {
        long total = content == null ? 0 : TokenCounter.count(content.toString());
        for (ToolCall call : toolCalls) {
            total += TokenCounter.count(call.name()) + TokenCounter.count(call.arguments());
        }
        return total;
    }

    private String errorText(JsonNode error) {
        String text = error.isTextual() ? error.asText() : error.isObject() ? ModelJson.text(error, "message") : null;
        return redaction.clean(text == null ? ModelJson.write(error) : text);
    }

    // --- Server-sent events -------------------------------------------------------------------------

    /** Assembles one streamed completion. */
    private final class StreamState {
        final StringBuilder content = new StringBuilder();
        final TreeMap<Integer, String[]> tools = new TreeMap<>();
        String finishReason;
        JsonNode usage;
        boolean done;
        int events;
        /** {@link System#nanoTime()} when the first content delta arrived, if {@link #contentStarted}. */
        long firstContent;

        boolean contentStarted;

        List<ToolCall> toolCalls() {
            List<ToolCall> calls = new ArrayList<>();
            for (var entry : tools.entrySet()) {
                String[] parts = entry.getValue();
                calls.add(new ToolCall(parts[0] == null ? "call_" + entry.getKey() : parts[0], parts[1], parts[2]));
            }
            return calls;
        }
    }

    private Completion readStream(
            BufferedSource source,
            ObjectNode request,
            String operation,
            long started,
            ModelCallObserver calls,
            Consumer<String> text) {
        StreamState state = new StreamState();
        StringBuilder data = new StringBuilder();
        String event = null;
        try {
            String line;
            while (!state.done && (line = source.readUtf8Line()) != null) {
                if (line.isEmpty()) {
                    dispatch(event, data, state, text);
                    event = null;
                    continue;
                }
                if (line.startsWith(":")) {
                    continue; // a comment or keep-alive
                }
                int colon = line.indexOf(':');
                String field = colon < 0 ? line : line.substring(0, colon);
                String value = colon < 0 ? "" : line.substring(colon + 1);
                if (value.startsWith(" ")) {
                    value = value.substring(1);
                }
                if (field.equals("data")) {
                    // Some servers omit the blank line between events: a complete pending event is sent first.
                    if (data.length() > 0 && looksComplete(data)) {
                        dispatch(event, data, state, text);
                    }
                    if (data.length() > 0) {
                        data.append('\n');
                    }
                    data.append(value);
                } else if (field.equals("event")) {
                    event = value.strip();
                }
            }
            if (!state.done && data.length() > 0) {
                dispatch(event, data, state, text);
            }
        } catch (IOException e) {
            ChatFailure failure = ioFailure(e);
            reportStream(state, request, operation, started, calls, failure.outcome());
            log.debug(
                    "{} call to {}: stream broke after {} events: {}",
                    operation,
                    modelName,
                    state.events,
                    failure.getMessage());
            throw new ChatFailure(
                            failure.kind(),
                            0,
                            null,
                            null,
                            null,
                            null,
                            "the stream from " + modelName + " broke after " + state.events + " events: "
                                    + failure.getMessage(),
                            e)
                    .started();
        } catch (ChatFailure failure) {
            reportStream(state, request, operation, started, calls, failure.outcome());
            throw failure.started();
        } catch (RuntimeException e) {
            // The consumer of the text failed (the customer's channel, for example): the call still counts.
            reportStream(state, request, operation, started, calls, "aborted");
            throw e;
        }
        if (!state.done && state.finishReason == null) {
            ChatFailure failure = state.events == 0
                    ? ChatFailure.of(
                            ChatFailure.Kind.INVALID_RESPONSE,
                            "the stream from " + modelName + " was empty (a 200 with no events)",
                            null)
                    : ChatFailure.of(
                            ChatFailure.Kind.STREAM_TRUNCATED,
                            "the stream from " + modelName + " ended after " + state.events
                                    + " events without [DONE] or a finish reason",
                            null);
            reportStream(state, request, operation, started, calls, failure.outcome());
            throw failure.started();
        }
        if ("length".equals(state.finishReason) || "content_filter".equals(state.finishReason)) {
            reportStream(state, request, operation, started, calls, "incomplete");
            throw ChatFailure.of(
                            ChatFailure.Kind.INCOMPLETE,
                            "the reply from " + modelName + " was cut off (finish_reason " + state.finishReason + ")",
                            null)
                    .started();
        }
        Completion completion = reportStream(state, request, operation, started, calls, "ok");
        log.debug(
                "{} call to {}: streamed {} events, {} in / {} out tokens",
                operation,
                modelName,
                state.events,
                completion.inputTokens(),
                completion.outputTokens());
        return completion;
    }

    private Completion reportStream(
            StreamState state,
            ObjectNode request,
            String operation,
            long started,
            ModelCallObserver calls,
            String outcome) {
        List<ToolCall> toolCalls = state.toolCalls();
        Completion completion = withUsage(
                state.usage == null ? ModelJson.object() : state.usage,
                request,
                state.content.toString(),
                toolCalls,
                state.finishReason,
                started);
        Duration firstToken = !state.contentStarted ? null : Duration.ofNanos(state.firstContent - started);
        calls.called(new ModelCall(
                modelName,
                operation,
                completion.inputTokens(),
                completion.outputTokens(),
                completion.tokensEstimated(),
                completion.duration(),
                outcome,
                firstToken,
                finishReasons(completion),
                completion.cachedInputTokens()));
        return completion;
    }

    private static boolean looksComplete(CharSequence data) {
        String pending = data.toString().strip();
        return pending.equals("[DONE]") || (pending.startsWith("{") && pending.endsWith("}"));
    }

    private void dispatch(String event, StringBuilder data, StreamState state, Consumer<String> text) {
        if (data.length() == 0) {
            return;
        }
        String payload = data.toString().strip();
        data.setLength(0);
        if (payload.equals("[DONE]")) {
            state.done = true;
            return;
        }
        state.events++;
        JsonNode chunk;
        try {
            chunk = ModelJson.parse(payload);
        } catch (JsonProcessingException e) {
            if ("error".equals(event)) {
                throw ChatFailure.of(
                        ChatFailure.Kind.STREAM_ERROR,
                        "the stream from " + modelName + " reported an error: " + redaction.clean(payload),
                        null);
            }
            throw ChatFailure.of(
                    ChatFailure.Kind.STREAM_ERROR,
                    "the stream from " + modelName + " sent an event that is not JSON",
                    null);
        }
        if ("error".equals(event) || chunk.has("error")) {
            JsonNode error = chunk.has("error") ? chunk.get("error") : chunk;
            throw ChatFailure.of(
                    ChatFailure.Kind.STREAM_ERROR,
                    "the stream from " + modelName + " reported an error: " + errorText(error),
                    null);
        }
        JsonNode usage = chunk.get("usage");
        if (usage != null && usage.isObject()) {
            state.usage = usage;
        }
        for (JsonNode choice : chunk.path("choices")) {
            JsonNode delta = choice.path("delta");
            JsonNode content = delta.get("content");
            if (content != null && content.isTextual() && !content.asText().isEmpty()) {
                if (!state.contentStarted) {
                    state.firstContent = System.nanoTime();
                    state.contentStarted = true;
                }
                state.content.append(content.asText());
                text.accept(content.asText());
            }
            int position = 0;
            for (JsonNode call : delta.path("tool_calls")) {
                int index = call.path("index").canConvertToInt()
                                && call.path("index").isNumber()
                        ? call.path("index").asInt()
                        : position;
                position++;
                String[] parts = state.tools.computeIfAbsent(index, i -> new String[] {null, "", ""});
                String id = ModelJson.text(call, "id");
                if (id != null && !id.isEmpty()) {
                    parts[0] = id;
                }
                String name = ModelJson.text(call.path("function"), "name");
                if (name != null) {
                    parts[1] = parts[1] + name;
                }
                String arguments = ModelJson.text(call.path("function"), "arguments");
                if (arguments != null) {
                    parts[2] = parts[2] + arguments;
                }
            }
            String finish = ModelJson.text(choice, "finish_reason");
            if (finish != null) {
                state.finishReason = finish;
            }
        }
    }

    private static Duration since(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }

    static String lower(String value) {
        return value == null ? "" : value.toLowerCase(Locale.ROOT);
    }
}
