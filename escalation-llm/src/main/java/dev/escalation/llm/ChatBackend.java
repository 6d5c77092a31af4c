package dev.escalation.llm;

import java.util.function.Consumer;

/**
 * A chat model reached through another library's client (LangChain4j, Spring AI, ...), as
 * {@link ChatBackendModel} needs it: one call with the whole answer, one streamed call, and whether
 * the provider constrains the answer to a JSON schema. The escalation-langchain4j and
 * escalation-spring-ai modules implement it; an application can implement it for any other client.
 *
 * <p>Implementations must be thread-safe. Example:
 * {@code LanguageModel model = ChatBackendModel.of(backend);}
 */
public interface ChatBackend {

    /**
     * Sends {@code prompt} and returns the whole answer.
     *
     * @throws StructuredOutputRejectedException when the provider refused the prompt's JSON schema
     * @throws RuntimeException for any other failure; the model turns it into a degraded turn
     */
    ChatAnswer call(ChatPrompt prompt);

    /**
     * Sends {@code prompt} and passes the answer's text to {@code chunks} as it arrives (their
     * concatenation is the returned text). The default calls {@link #call} and passes the text as one chunk.
     */
    default ChatAnswer stream(ChatPrompt prompt, Consumer<String> chunks) {
        ChatAnswer answer = call(prompt);
        chunks.accept(answer.text());
        return answer;
    }

    /**
     * Whether the provider can be given a JSON schema the answer must follow; when false the schema is
     * written into the prompt instead and the answer validated the same way.
     */
    boolean supportsJsonSchema();

    /** A short name for logs, metrics and {@code ModelCall}s, for example {@code langchain4j/gpt-4o-mini}. */
    String name();
}
