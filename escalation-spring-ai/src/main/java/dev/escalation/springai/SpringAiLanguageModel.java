package dev.escalation.springai;

import dev.escalation.core.LanguageModel;
import dev.escalation.llm.ChatBackendModel;
import dev.escalation.springai.internal.SpringAiBackend;
import java.time.Clock;
import java.util.Objects;
import org.springframework.ai.chat.model.ChatModel;

/**
 * Makes a Spring AI {@link ChatModel} (OpenAI, Anthropic, Azure OpenAI, Bedrock, Gemini, Ollama...)
 * the escalation agent's {@link LanguageModel}, with the same prompts, validation and fact check as
 * the built-in OpenAI-compatible adapter (see {@link ChatBackendModel}).
 *
 * <p>Structured output: when the model's default options implement Spring AI's
 * {@code StructuredOutputChatOptions} (OpenAI, Anthropic, Gemini in Spring AI 1.1), a copy of them
 * carries the reading's JSON schema as the provider's native output schema; otherwise, or once the
 * provider rejected it, the schema is written into the prompt and the answer validated the same way.
 * Token usage is the response's {@code Usage}, estimated when the provider reports none. Replies
 * stream through {@code ChatModel.stream}.
 *
 * <p>The model built is thread-safe when the chat model is (Spring AI's are). Example:
 * {@code LanguageModel model = SpringAiLanguageModel.of(chatModel);}
 */
public final class SpringAiLanguageModel {
    private SpringAiLanguageModel() {}

    /** A builder for a language model on {@code chatModel}. */
    public static Builder builder(ChatModel chatModel) {
        return new Builder(chatModel);
    }

    /** Same as {@code builder(chatModel).build()}. */
    public static ChatBackendModel of(ChatModel chatModel) {
        return builder(chatModel).build();
    }

    /**
     * Configures a language model on a Spring AI chat model.
     *
     * <p>Not thread-safe. Example: {@code SpringAiLanguageModel.builder(model).structuredOutput(false).build()}.
     */
    public static final class Builder {
        private final ChatModel chatModel;
        private Boolean structuredOutput;
        private String name;
        private int maxReplyTokens = 400;
        private Clock clock = Clock.systemUTC();

        private Builder(ChatModel chatModel) {
            this.chatModel = Objects.requireNonNull(chatModel, "chatModel");
        }

        /**
         * Whether to give the provider the JSON schema (true) or write it into the prompt (false); by
         * default true exactly when the model's default options take an output schema.
         */
        public Builder structuredOutput(boolean value) {
            this.structuredOutput = value;
            return this;
        }

        /** The name in logs and metrics; {@code spring-ai/<model>} by default. */
        public Builder name(String value) {
            Objects.requireNonNull(value, "name");
            if (value.isBlank()) {
                throw new IllegalArgumentException("name must not be blank, but was '" + value + "'");
            }
            this.name = value;
            return this;
        }

        /** The most tokens a reply may take; 400 by default. */
        public Builder maxReplyTokens(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("maxReplyTokens must be at least 1, but was " + value);
            }
            this.maxReplyTokens = value;
            return this;
        }

        /** The clock deadlines are read on; the system clock by default. */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** The language model. */
        public ChatBackendModel build() {
            return ChatBackendModel.of(
                    new SpringAiBackend(chatModel, structuredOutput, name, clock), maxReplyTokens, clock);
        }
    }
}
