package dev.escalation.llm;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link ChatBackend} answered, with the token usage its provider reported.
 *
 * <p>Immutable and thread-safe. Example: {@code new ChatAnswer("{\"intent\":\"CONFIRM\"}", 812, 9, "stop")}.
 *
 * @param text the answer's text; empty when there was none
 * @param inputTokens prompt tokens as the provider counted them, or -1 when it sent none
 * @param outputTokens completion tokens as the provider counted them, or -1 when it sent none
 * @param finishReason why the model stopped ({@code stop}, {@code length}, ...), or null when not said
 */
public record ChatAnswer(
        String text,
        long inputTokens,
        long outputTokens,
        @Nullable String finishReason) {

    public ChatAnswer {
        Objects.requireNonNull(text, "text");
        if (inputTokens < -1 || outputTokens < -1) {
            throw new IllegalArgumentException(
                    "token counts must be -1 (unknown) or more, but were " + inputTokens + " and " + outputTokens);
        }
        if (finishReason != null && finishReason.isBlank()) {
            finishReason = null;
        }
    }

    /** An answer whose provider reported no usage; {@link ChatBackendModel} estimates it. */
    public static ChatAnswer withoutUsage(String text, @Nullable String finishReason) {
        return new ChatAnswer(text, -1, -1, finishReason);
    }

    /** Whether the provider reported both token counts. */
    public boolean hasUsage() {
        return inputTokens >= 0 && outputTokens >= 0;
    }
}
