package dev.escalation.llm.internal;

import java.time.Duration;
import java.util.List;

/**
 * What one successful chat-completions call returned. Not part of the API.
 *
 * <p>Immutable and thread-safe.
 *
 * @param content the assistant's text, or null
 * @param toolCalls the tool calls it asked for, in index order; never null
 * @param finishReason why it stopped ({@code stop}, {@code tool_calls}, {@code length}, ...), or null
 * @param inputTokens prompt tokens, from {@code usage} or counted
 * @param outputTokens completion tokens, from {@code usage} or counted
 * @param tokensEstimated true when the server sent no usage
 * @param duration how long the call took
 * @param cachedInputTokens prompt tokens the server found in its prefix cache, from {@code usage}; else 0
 */
public record Completion(
        String content,
        List<ToolCall> toolCalls,
        String finishReason,
        long inputTokens,
        long outputTokens,
        boolean tokensEstimated,
        Duration duration,
        long cachedInputTokens) {
    public Completion {
        toolCalls = List.copyOf(toolCalls);
    }

    /** True when the model asked for at least one tool call. */
    public boolean hasToolCalls() {
        return !toolCalls.isEmpty();
    }
}
