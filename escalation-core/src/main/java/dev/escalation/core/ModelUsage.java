package dev.escalation.core;

/**
 * Calls and tokens a language model spent, summed over a turn.
 *
 * <p>Immutable and thread-safe. Example: {@code result.usage().calls()}.
 *
 * @param calls backend calls
 * @param inputTokens prompt tokens
 * @param outputTokens completion tokens
 * @param cachedInputTokens how many of the prompt tokens servers found in their prefix caches
 */
public record ModelUsage(int calls, long inputTokens, long outputTokens, long cachedInputTokens) {

    /** Nothing spent (the offline model). */
    public static final ModelUsage NONE = new ModelUsage(0, 0, 0, 0);

    /** Usage of which nothing was cached. */
    public ModelUsage(int calls, long inputTokens, long outputTokens) {
        this(calls, inputTokens, outputTokens, 0);
    }

    /** Checks the values (see the parameters above) and keeps them as given or normalised. */
    public ModelUsage {
        if (calls < 0
                || inputTokens < 0
                || outputTokens < 0
                || cachedInputTokens < 0
                || cachedInputTokens > inputTokens) {
            throw new IllegalArgumentException(
                    "usage must not be negative, nor cached input more than input, but was calls=" + calls + ", input="
                            + inputTokens + ", output=" + outputTokens + ", cached input=" + cachedInputTokens);
        }
    }

    /** This plus one call. */
    public ModelUsage plus(ModelCall call) {
        return new ModelUsage(
                calls + 1,
                inputTokens + call.inputTokens(),
                outputTokens + call.outputTokens(),
                cachedInputTokens + call.cachedInputTokens());
    }
}
