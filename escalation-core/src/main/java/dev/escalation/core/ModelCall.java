package dev.escalation.core;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One call a language model made to its backend, as reported to the engine: for token accounting,
 * metrics and cost. The offline model makes none.
 *
 * <p>Immutable and thread-safe. Example:
 * {@code observer.called(new ModelCall("openai/gpt-4o-mini", "interpret", 812, 64, false, Duration.ofMillis(900), "ok"))}.
 *
 * @param model provider and model, for example {@code lm_studio/gemma-3-12b-it}
 * @param operation what the call was for: {@code turn} (reading and reply in one), {@code interpret}, {@code reply}
 *     or {@code tool}
 * @param inputTokens prompt tokens
 * @param outputTokens completion tokens
 * @param tokensEstimated true when the server sent no usage and the counts were estimated
 * @param duration how long the call took
 * @param outcome {@code ok}, or a short reason such as {@code timeout}, {@code http_429}, {@code invalid_json}
 * @param timeToFirstToken for a streamed call, the time from the request's start to the first content
 *     delta; null when the call was not streamed or no content arrived
 * @param finishReasons why the model stopped, as the server said per choice ({@code stop},
 *     {@code tool_calls}, {@code length}, …); empty when the call failed before an answer
 * @param cachedInputTokens how many of the prompt tokens the server found in its prefix cache
 *     ({@code usage.prompt_tokens_details.cached_tokens}); zero when it said none or nothing
 */
public record ModelCall(
        String model,
        String operation,
        long inputTokens,
        long outputTokens,
        boolean tokensEstimated,
        Duration duration,
        String outcome,
        @Nullable Duration timeToFirstToken,
        List<String> finishReasons,
        long cachedInputTokens) {

    /** A call of which the server reported no cached prompt tokens. */
    public ModelCall(
            String model,
            String operation,
            long inputTokens,
            long outputTokens,
            boolean tokensEstimated,
            Duration duration,
            String outcome,
            @Nullable Duration timeToFirstToken,
            List<String> finishReasons) {
        this(
                model,
                operation,
                inputTokens,
                outputTokens,
                tokensEstimated,
                duration,
                outcome,
                timeToFirstToken,
                finishReasons,
                0);
    }

    /** A call without a time to first token (not streamed, or no content arrived) and no finish reason. */
    public ModelCall(
            String model,
            String operation,
            long inputTokens,
            long outputTokens,
            boolean tokensEstimated,
            Duration duration,
            String outcome) {
        this(model, operation, inputTokens, outputTokens, tokensEstimated, duration, outcome, null, List.of());
    }

    /** A call without a finish reason (it failed before an answer, or the server gave none). */
    public ModelCall(
            String model,
            String operation,
            long inputTokens,
            long outputTokens,
            boolean tokensEstimated,
            Duration duration,
            String outcome,
            @Nullable Duration timeToFirstToken) {
        this(
                model,
                operation,
                inputTokens,
                outputTokens,
                tokensEstimated,
                duration,
                outcome,
                timeToFirstToken,
                List.of());
    }

    /** Checks the values (see the parameters above) and keeps them as given or normalised. */
    public ModelCall {
        Values.requireText(model, "model");
        Values.requireText(operation, "operation");
        if (inputTokens < 0 || outputTokens < 0) {
            throw new IllegalArgumentException(
                    "token counts must not be negative, but were " + inputTokens + " and " + outputTokens);
        }
        Objects.requireNonNull(duration, "duration");
        Values.requireText(outcome, "outcome");
        if (timeToFirstToken != null && timeToFirstToken.isNegative()) {
            throw new IllegalArgumentException("timeToFirstToken must not be negative, but was " + timeToFirstToken);
        }
        Objects.requireNonNull(finishReasons, "finishReasons");
        for (String reason : finishReasons) {
            Values.requireText(reason, "finishReasons element");
        }
        finishReasons = List.copyOf(finishReasons);
        if (cachedInputTokens < 0 || cachedInputTokens > inputTokens) {
            throw new IllegalArgumentException("cachedInputTokens must be between 0 and the " + inputTokens
                    + " input tokens, but was " + cachedInputTokens);
        }
    }
}
