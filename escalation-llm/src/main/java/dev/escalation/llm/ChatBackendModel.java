package dev.escalation.llm;

import dev.escalation.core.Interpretation;
import dev.escalation.core.InterpretationRequest;
import dev.escalation.core.LanguageModel;
import dev.escalation.core.ModelCall;
import dev.escalation.core.ModelCallObserver;
import dev.escalation.core.ModelToolCall;
import dev.escalation.core.ReplyRequest;
import dev.escalation.core.UnableToInterpretMessageException;
import dev.escalation.llm.internal.ChatReplyWriter;
import dev.escalation.llm.internal.InterpretationSchema;
import dev.escalation.llm.internal.Interpreter;
import dev.escalation.llm.internal.ModelJson;
import dev.escalation.llm.internal.Prompts;
import dev.escalation.llm.internal.TicketTools;
import dev.escalation.llm.internal.TokenCounter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link LanguageModel} on a {@link ChatBackend}: the same prompts, JSON schema, validation and
 * fact check as {@link OpenAiCompatibleModel}, through another library's client.
 *
 * <p>{@link #interpret} makes one call with the state's JSON schema given to the provider when the
 * backend {@linkplain ChatBackend#supportsJsonSchema() supports it}; otherwise, or after the provider
 * rejected it once ({@link StructuredOutputRejectedException}, logged at INFO and remembered), the
 * schema is written into the system prompt ("JSON only"). An answer that does not match the schema
 * gets one repair message; a second bad answer, a passed deadline or a failing backend throw
 * {@link UnableToInterpretMessageException}, which the engine answers with the offline model
 * (degraded mode). Status and update requests come through the JSON intent (no native tool calls).
 * {@link #reply} streams the wording of the engine's acts through {@link ChatBackend#stream} and
 * appends any fact (a ticket id) the model left out. Each backend call is reported once through the
 * request's {@code calls}, with the provider's token usage, or an estimate when it sent none.
 *
 * <p>Thread-safe when the backend is. Example:
 * {@code LanguageModel model = ChatBackendModel.of(new LangChain4jBackend(chatModel));}
 */
public final class ChatBackendModel implements LanguageModel {
    private static final Logger log = LoggerFactory.getLogger(ChatBackendModel.class);
    private static final int INTERPRET_TOKENS = 300;

    private final ChatBackend backend;
    private final int maxReplyTokens;
    private final Clock clock;
    private final AtomicBoolean schemaRejected = new AtomicBoolean();

    private ChatBackendModel(ChatBackend backend, int maxReplyTokens, Clock clock) {
        this.backend = Objects.requireNonNull(backend, "backend");
        if (maxReplyTokens < 1) {
            throw new IllegalArgumentException("maxReplyTokens must be at least 1, but was " + maxReplyTokens);
        }
        this.maxReplyTokens = maxReplyTokens;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A model on {@code backend}, replies up to 400 tokens, deadlines read on the system clock. */
    public static ChatBackendModel of(ChatBackend backend) {
        return new ChatBackendModel(backend, 400, Clock.systemUTC());
    }

    /**
     * A model on {@code backend} with replies of at most {@code maxReplyTokens} tokens and deadlines
     * read on {@code clock}.
     *
     * @throws IllegalArgumentException naming the value when {@code maxReplyTokens} is below 1
     */
    public static ChatBackendModel of(ChatBackend backend, int maxReplyTokens, Clock clock) {
        return new ChatBackendModel(backend, maxReplyTokens, clock);
    }

    /** Whether the JSON schema goes to the provider (true) or into the prompt (false). */
    public boolean structuredOutput() {
        return backend.supportsJsonSchema() && !schemaRejected.get();
    }

    @Override
    public Interpretation interpret(InterpretationRequest request) {
        Objects.requireNonNull(request, "request");
        List<ChatPrompt.Message> conversation = new ArrayList<>();
        conversation.add(ChatPrompt.Message.user(Interpreter.userMessage(request)));
        String lastError = null;
        for (int attempt = 0; attempt < 2; attempt++) {
            ChatAnswer answer = interpretCall(request, conversation);
            InterpretationSchema.Reading reading;
            try {
                reading = InterpretationSchema.read(ModelJson.objectIn(answer.text()), request.state(), request.text());
            } catch (ModelJson.NotAnObjectException e) {
                reading = new InterpretationSchema.Reading.Invalid(e.getMessage());
            }
            if (reading instanceof InterpretationSchema.Reading.Valid valid) {
                return valid.interpretation();
            }
            if (reading instanceof InterpretationSchema.Reading.ToolRequest tool
                    && TicketTools.check(tool.call(), request.text()) instanceof TicketTools.Check.Accepted accepted) {
                request.calls().toolCalled(new ModelToolCall(tool.call().name(), null, "accepted"));
                return accepted.interpretation();
            }
            lastError = reading instanceof InterpretationSchema.Reading.Invalid invalid
                    ? invalid.error()
                    : "a tool request must name a ticket id the customer wrote; answer with the JSON object instead";
            conversation.add(ChatPrompt.Message.assistant(answer.text()));
            conversation.add(ChatPrompt.Message.user(Prompts.render("repair", Map.of("error", lastError))));
        }
        throw new UnableToInterpretMessageException(
                backend.name() + " gave no valid interpretation after a repair" + " attempt: " + lastError);
    }

    private ChatAnswer interpretCall(InterpretationRequest request, List<ChatPrompt.Message> conversation) {
        boolean schema = structuredOutput();
        try {
            return call("interpret", prompt(request, conversation, schema), request.deadline(), request.calls(), null);
        } catch (StructuredOutputRejectedException e) {
            if (!schema) {
                throw new UnableToInterpretMessageException(
                        backend.name() + " rejected a prompt without a schema: " + e.getMessage(), e);
            }
            schemaRejected.set(true);
            log.info(
                    "{} rejected the JSON schema ({}); the schema goes into the prompt from now on",
                    backend.name(),
                    e.getMessage());
            return call("interpret", prompt(request, conversation, false), request.deadline(), request.calls(), null);
        }
    }

    private static ChatPrompt prompt(
            InterpretationRequest request, List<ChatPrompt.Message> conversation, boolean schema) {
        String system = Prompts.interpretation(request.state(), false);
        String schemaJson = ModelJson.write(InterpretationSchema.schema(request.state()));
        if (!schema) {
            system += "\n" + Prompts.render("json-only", Map.of("schema", schemaJson));
        }
        List<ChatPrompt.Message> messages = new ArrayList<>();
        messages.add(ChatPrompt.Message.system(system));
        messages.addAll(conversation);
        return new ChatPrompt(
                messages, InterpretationSchema.NAME, schema ? schemaJson : null, INTERPRET_TOKENS, request.deadline());
    }

    @Override
    public String reply(ReplyRequest request, Consumer<String> chunks) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(chunks, "chunks");
        ChatPrompt prompt = new ChatPrompt(
                List.of(
                        ChatPrompt.Message.system(ChatReplyWriter.systemPrompt()),
                        ChatPrompt.Message.user(ChatReplyWriter.userPrompt(request))),
                null,
                null,
                maxReplyTokens,
                request.deadline());
        ChatAnswer answer = call("reply", prompt, request.deadline(), request.calls(), chunks);
        String text = answer.text();
        if (text.isBlank()) {
            throw new UnableToInterpretMessageException(backend.name() + " streamed no text for the reply");
        }
        String suffix = ChatReplyWriter.missingFacts(request, text);
        if (suffix.isEmpty()) {
            return text;
        }
        log.debug("the reply from {} left out facts; appending them", backend.name());
        chunks.accept(suffix);
        return text + suffix;
    }

    /** One backend call, reported once; a streamed call when {@code chunks} is not null. */
    private ChatAnswer call(
            String operation,
            ChatPrompt prompt,
            Instant deadline,
            ModelCallObserver calls,
            @Nullable Consumer<String> chunks) {
        Instant start = clock.instant();
        if (!start.isBefore(deadline)) {
            throw new UnableToInterpretMessageException(
                    backend.name() + " was not called: the turn's deadline " + deadline + " had passed");
        }
        @Nullable Instant[] firstChunk = new Instant[1];
        ChatAnswer answer;
        try {
            answer = chunks == null
                    ? backend.call(prompt)
                    : backend.stream(prompt, chunk -> {
                        if (firstChunk[0] == null && !chunk.isEmpty()) {
                            firstChunk[0] = clock.instant();
                        }
                        chunks.accept(chunk);
                    });
            Objects.requireNonNull(answer, "the backend's answer");
        } catch (StructuredOutputRejectedException e) {
            report(calls, operation, prompt, null, start, "schema_rejected", null);
            throw e;
        } catch (UnableToInterpretMessageException e) {
            report(calls, operation, prompt, null, start, "error", null);
            throw e;
        } catch (RuntimeException e) {
            report(calls, operation, prompt, null, start, "error", null);
            throw new UnableToInterpretMessageException(backend.name() + " failed to " + operation + ": " + e, e);
        }
        Duration ttft = firstChunk[0] == null ? null : Duration.between(start, firstChunk[0]);
        report(calls, operation, prompt, answer, start, "ok", ttft);
        return answer;
    }

    private void report(
            ModelCallObserver calls,
            String operation,
            ChatPrompt prompt,
            @Nullable ChatAnswer answer,
            Instant start,
            String outcome,
            @Nullable Duration timeToFirstToken) {
        Duration took = Duration.between(start, clock.instant());
        took = took.isNegative() ? Duration.ZERO : took;
        long input;
        long output;
        boolean estimated;
        if (answer != null && answer.hasUsage()) {
            input = answer.inputTokens();
            output = answer.outputTokens();
            estimated = false;
        } else {
            input = estimate(prompt);
            output = answer == null ? 0 : TokenCounter.count(answer.text());
            estimated = true;
        }
        List<String> finish =
                answer == null || answer.finishReason() == null ? List.of() : List.of(answer.finishReason());
        calls.called(new ModelCall(
                backend.name(), operation, input, output, estimated, took, outcome, timeToFirstToken, finish));
    }

    private static long estimate(ChatPrompt prompt) {
        long tokens = 0;
        for (ChatPrompt.Message message : prompt.messages()) {
            tokens += TokenCounter.count(message.text()) + 4;
        }
        return tokens + (prompt.jsonSchema() == null ? 0 : TokenCounter.count(prompt.jsonSchema()));
    }

    @Override
    public String name() {
        return backend.name();
    }

    @Override
    public String toString() {
        return "ChatBackendModel{" + backend.name() + "}";
    }
}
