package dev.escalation.langchain4j;

import dev.escalation.core.LanguageModel;
import dev.escalation.langchain4j.internal.LangChain4jBackend;
import dev.escalation.llm.ChatBackendModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import java.time.Clock;
import java.util.Objects;

/**
 * Makes a LangChain4j {@link ChatModel} (Anthropic, Azure OpenAI, Bedrock, Gemini, Ollama, OpenAI...)
 * the escalation agent's {@link LanguageModel}, with the same prompts, validation and fact check as
 * the built-in OpenAI-compatible adapter (see {@link ChatBackendModel}).
 *
 * <p>Structured output: the JSON schema of a reading goes to the provider as the request's
 * {@code ResponseFormat} when the model declares {@code Capability.RESPONSE_FORMAT_JSON_SCHEMA} (or
 * {@link Builder#structuredOutput(boolean) structuredOutput(true)} says so); otherwise, or once the
 * provider rejected it, the schema is written into the prompt and the answer validated the same way.
 * Token usage is LangChain4j's {@code TokenUsage}, estimated when the provider sends none. Replies
 * stream through the {@link StreamingChatModel} when one is given, else arrive whole as one chunk.
 *
 * <p>The model built is thread-safe when the LangChain4j models are (the provided ones are). Example:
 * <pre>{@code
 * LanguageModel model = LangChain4jLanguageModel.builder(chatModel)
 *     .streamingModel(streamingChatModel)
 *     .build();
 * EscalationEngine engine = EscalationEngine.builder().languageModel(model)...build();
 * }</pre>
 */
public final class LangChain4jLanguageModel {
    private LangChain4jLanguageModel() {}

    /** A builder for a language model on {@code chatModel}. */
    public static Builder builder(ChatModel chatModel) {
        return new Builder(chatModel);
    }

    /** Same as {@code builder(chatModel).build()}: no streaming, structured output as the model declares. */
    public static ChatBackendModel of(ChatModel chatModel) {
        return builder(chatModel).build();
    }

    /**
     * Configures a language model on LangChain4j models.
     *
     * <p>Not thread-safe. Example: {@code LangChain4jLanguageModel.builder(model).name("anthropic/claude").build()}.
     */
    public static final class Builder {
        private final ChatModel chatModel;
        private StreamingChatModel streamingModel;
        private Boolean structuredOutput;
        private String name;
        private int maxReplyTokens = 400;
        private Clock clock = Clock.systemUTC();

        private Builder(ChatModel chatModel) {
            this.chatModel = Objects.requireNonNull(chatModel, "chatModel");
        }

        /** The model that streams replies; without one a reply arrives whole. */
        public Builder streamingModel(StreamingChatModel value) {
            this.streamingModel = Objects.requireNonNull(value, "streamingModel");
            return this;
        }

        /**
         * Whether to give the provider the JSON schema (true) or write it into the prompt (false); by
         * default as the chat model declares in {@code supportedCapabilities()}.
         */
        public Builder structuredOutput(boolean value) {
            this.structuredOutput = value;
            return this;
        }

        /** The name in logs and metrics; {@code langchain4j/<provider>/<model>} by default. */
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
                    new LangChain4jBackend(chatModel, streamingModel, structuredOutput, name, clock),
                    maxReplyTokens,
                    clock);
        }
    }
}
