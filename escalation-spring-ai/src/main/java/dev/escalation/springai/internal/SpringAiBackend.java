package dev.escalation.springai.internal;

import dev.escalation.core.UnableToInterpretMessageException;
import dev.escalation.llm.ChatAnswer;
import dev.escalation.llm.ChatBackend;
import dev.escalation.llm.ChatPrompt;
import dev.escalation.llm.StructuredOutputRejectedException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.StructuredOutputChatOptions;

/**
 * A {@link ChatBackend} on Spring AI's {@link ChatModel}. Not part of the API: use
 * {@code SpringAiLanguageModel}.
 *
 * <p>Thread-safe when the model is.
 */
public final class SpringAiBackend implements ChatBackend {
    // A stream with no deadline still ends: the provider's own timeouts apply first.
    private static final Duration LONGEST_WAIT = Duration.ofMinutes(10);

    private final ChatModel chatModel;
    private final boolean jsonSchema;
    private final String name;
    private final Clock clock;

    /**
     * @param structuredOutput true or false to override what the model's options allow, or null
     * @param name the name for logs, or null for {@code spring-ai/<model>}
     */
    public SpringAiBackend(ChatModel chatModel, Boolean structuredOutput, String name, Clock clock) {
        this.chatModel = chatModel;
        ChatOptions defaults = chatModel.getDefaultOptions();
        boolean takesSchema = defaults instanceof StructuredOutputChatOptions;
        if (Boolean.TRUE.equals(structuredOutput) && !takesSchema) {
            throw new IllegalArgumentException("structuredOutput(true) needs default options that take an output schema"
                    + " (StructuredOutputChatOptions), but "
                    + chatModel.getClass().getSimpleName() + " has "
                    + (defaults == null ? "none" : defaults.getClass().getSimpleName()));
        }
        this.jsonSchema = structuredOutput != null ? structuredOutput : takesSchema;
        String model = defaults == null ? null : defaults.getModel();
        this.name = name != null
                ? name
                : "spring-ai/"
                        + (model == null || model.isBlank()
                                ? chatModel.getClass().getSimpleName()
                                : model);
        this.clock = clock;
    }

    @Override
    public ChatAnswer call(ChatPrompt prompt) {
        ChatResponse response;
        try {
            response = chatModel.call(prompt(prompt));
        } catch (RuntimeException e) {
            throw rejection(prompt, e);
        }
        if (response == null) {
            throw new UnableToInterpretMessageException(name + " returned no response");
        }
        return answer(text(response), usage(response), finishReason(response));
    }

    @Override
    public ChatAnswer stream(ChatPrompt prompt, Consumer<String> chunks) {
        StringBuilder text = new StringBuilder();
        Usage[] usage = new Usage[1];
        String[] finish = new String[1];
        Duration left = Duration.between(clock.instant(), prompt.deadline());
        Duration wait = left.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : left;
        try {
            chatModel.stream(prompt(prompt))
                    .doOnNext(response -> {
                        String piece = text(response);
                        if (!piece.isEmpty()) {
                            text.append(piece);
                            chunks.accept(piece);
                        }
                        Usage reported = usage(response);
                        if (reported != null) {
                            usage[0] = reported;
                        }
                        String reason = finishReason(response);
                        if (reason != null) {
                            finish[0] = reason;
                        }
                    })
                    .blockLast(wait.isNegative() || wait.isZero() ? Duration.ofMillis(1) : wait);
        } catch (IllegalStateException e) {
            if (String.valueOf(e.getMessage()).startsWith("Timeout")) {
                throw new UnableToInterpretMessageException(name + " did not finish streaming within " + wait, e);
            }
            throw rejection(prompt, e);
        } catch (RuntimeException e) {
            throw rejection(prompt, e);
        }
        return answer(text.toString(), usage[0], finish[0]);
    }

    private Prompt prompt(ChatPrompt prompt) {
        List<Message> messages = new ArrayList<>();
        for (ChatPrompt.Message message : prompt.messages()) {
            messages.add(
                    switch (message.role()) {
                        case SYSTEM -> new SystemMessage(message.text());
                        case USER -> new UserMessage(message.text());
                        case ASSISTANT -> new AssistantMessage(message.text());
                    });
        }
        ChatOptions defaults = chatModel.getDefaultOptions();
        if (prompt.jsonSchema() != null && defaults instanceof StructuredOutputChatOptions) {
            StructuredOutputChatOptions options = defaults.copy();
            options.setOutputSchema(prompt.jsonSchema());
            return new Prompt(messages, options);
        }
        return new Prompt(messages);
    }

    private RuntimeException rejection(ChatPrompt prompt, RuntimeException e) {
        String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        if (prompt.jsonSchema() != null
                && (message.contains("response_format")
                        || message.contains("json_schema")
                        || message.contains("output_format"))) {
            return new StructuredOutputRejectedException(name + " rejected the JSON schema: " + e.getMessage(), e);
        }
        return e;
    }

    private static String text(ChatResponse response) {
        Generation generation = response.getResult();
        if (generation == null
                || generation.getOutput() == null
                || generation.getOutput().getText() == null) {
            return "";
        }
        return generation.getOutput().getText();
    }

    /** The response's usage, or null when it reports none (Spring AI's EmptyUsage counts 0 and 0). */
    private static Usage usage(ChatResponse response) {
        Usage usage =
                response.getMetadata() == null ? null : response.getMetadata().getUsage();
        if (usage == null
                || usage.getPromptTokens() == null
                || usage.getCompletionTokens() == null
                || usage.getPromptTokens() + usage.getCompletionTokens() == 0) {
            return null;
        }
        return usage;
    }

    private static String finishReason(ChatResponse response) {
        Generation generation = response.getResult();
        if (generation == null
                || generation.getMetadata() == null
                || generation.getMetadata().getFinishReason() == null) {
            return null;
        }
        return generation.getMetadata().getFinishReason().toLowerCase(Locale.ROOT);
    }

    private static ChatAnswer answer(String text, Usage usage, String finishReason) {
        return usage == null
                ? ChatAnswer.withoutUsage(text, finishReason)
                : new ChatAnswer(text, usage.getPromptTokens(), usage.getCompletionTokens(), finishReason);
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
