package dev.escalation.langchain4j.internal;

import dev.escalation.core.UnableToInterpretMessageException;
import dev.escalation.llm.ChatAnswer;
import dev.escalation.llm.ChatBackend;
import dev.escalation.llm.ChatPrompt;
import dev.escalation.llm.StructuredOutputRejectedException;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.UnsupportedFeatureException;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A {@link ChatBackend} on LangChain4j's {@link ChatModel} and {@link StreamingChatModel}. Not part
 * of the API: use {@code LangChain4jLanguageModel}.
 *
 * <p>Thread-safe when the models are.
 */
public final class LangChain4jBackend implements ChatBackend {
    // A streamed answer with no deadline still ends: LangChain4j's own timeouts apply first.
    private static final Duration LONGEST_WAIT = Duration.ofMinutes(10);

    private final ChatModel chatModel;
    private final StreamingChatModel streamingModel;
    private final boolean jsonSchema;
    private final String name;
    private final Clock clock;

    /**
     * @param structuredOutput true or false to override what the chat model declares, or null
     * @param name the name for logs, or null for {@code langchain4j/<provider>/<model>}
     */
    public LangChain4jBackend(
            ChatModel chatModel,
            StreamingChatModel streamingModel,
            Boolean structuredOutput,
            String name,
            Clock clock) {
        this.chatModel = chatModel;
        this.streamingModel = streamingModel;
        this.jsonSchema = structuredOutput != null
                ? structuredOutput
                : chatModel.supportedCapabilities().contains(Capability.RESPONSE_FORMAT_JSON_SCHEMA);
        this.name = name != null ? name : defaultName(chatModel);
        this.clock = clock;
    }

    private static String defaultName(ChatModel model) {
        String provider =
                model.provider() == null ? "other" : model.provider().name().toLowerCase(Locale.ROOT);
        String modelName = model.defaultRequestParameters() == null
                ? null
                : model.defaultRequestParameters().modelName();
        return "langchain4j/" + provider + (modelName == null || modelName.isBlank() ? "" : "/" + modelName);
    }

    @Override
    public ChatAnswer call(ChatPrompt prompt) {
        ChatRequest request = request(prompt);
        ChatResponse response;
        try {
            response = chatModel.chat(request);
        } catch (UnsupportedFeatureException e) {
            throw new StructuredOutputRejectedException(name + " does not support a JSON schema: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            if (prompt.jsonSchema() != null && mentionsResponseFormat(e)) {
                throw new StructuredOutputRejectedException(name + " rejected the JSON schema: " + e.getMessage(), e);
            }
            throw e;
        }
        return answer(
                response,
                response.aiMessage() == null ? null : response.aiMessage().text());
    }

    @Override
    public ChatAnswer stream(ChatPrompt prompt, Consumer<String> chunks) {
        if (streamingModel == null) {
            return ChatBackend.super.stream(prompt, chunks);
        }
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        StringBuilder streamed = new StringBuilder();
        streamingModel.chat(request(prompt), new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String partial) {
                if (partial != null && !partial.isEmpty() && !done.isDone()) {
                    streamed.append(partial);
                    chunks.accept(partial);
                }
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                done.complete(response);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        });
        ChatResponse response = await(done, prompt.deadline());
        // The whole text is what was streamed: the callback must receive exactly what the reply says.
        // LangChain4j calls onPartialResponse before onCompleteResponse, and the future publishes both.
        return answer(response, streamed.toString());
    }

    private ChatResponse await(CompletableFuture<ChatResponse> done, Instant deadline) {
        Duration left = Duration.between(clock.instant(), deadline);
        Duration wait = left.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : left;
        try {
            return done.get(Math.max(1, wait.toMillis()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            done.cancel(false);
            throw new UnableToInterpretMessageException(name + " did not finish streaming within " + wait, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnableToInterpretMessageException(name + " was interrupted while streaming", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException runtime
                    ? runtime
                    : new UnableToInterpretMessageException(name + " failed while streaming: " + cause, cause);
        }
    }

    private static ChatRequest request(ChatPrompt prompt) {
        List<ChatMessage> messages = new ArrayList<>();
        for (ChatPrompt.Message message : prompt.messages()) {
            messages.add(
                    switch (message.role()) {
                        case SYSTEM -> SystemMessage.from(message.text());
                        case USER -> UserMessage.from(message.text());
                        case ASSISTANT -> AiMessage.from(message.text());
                    });
        }
        ChatRequest.Builder request = ChatRequest.builder().messages(messages).maxOutputTokens(prompt.maxTokens());
        if (prompt.jsonSchema() != null) {
            request.responseFormat(ResponseFormat.builder()
                    .type(ResponseFormatType.JSON)
                    .jsonSchema(JsonSchema.builder()
                            .name(prompt.schemaName())
                            .rootElement(JsonRawSchema.from(prompt.jsonSchema()))
                            .build())
                    .build());
        }
        return request.build();
    }

    private static ChatAnswer answer(ChatResponse response, String text) {
        TokenUsage usage = response.tokenUsage();
        long input = usage == null || usage.inputTokenCount() == null ? -1 : usage.inputTokenCount();
        long output = usage == null || usage.outputTokenCount() == null ? -1 : usage.outputTokenCount();
        return new ChatAnswer(text == null ? "" : text, input, output, finishReason(response.finishReason()));
    }

    /** LangChain4j's finish reason in the OpenAI words the metrics use. */
    private static String finishReason(FinishReason reason) {
        if (reason == null) {
            return null;
        }
        return switch (reason) {
            case STOP -> "stop";
            case LENGTH -> "length";
            case TOOL_EXECUTION -> "tool_calls";
            case CONTENT_FILTER -> "content_filter";
            default -> reason.name().toLowerCase(Locale.ROOT);
        };
    }

    private static boolean mentionsResponseFormat(RuntimeException e) {
        String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        return message.contains("response_format") || message.contains("json_schema");
    }

    @Override
    public boolean supportsJsonSchema() {
        return jsonSchema;
    }

    @Override
    public String name() {
        return name;
    }
}
