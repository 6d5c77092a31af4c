package dev.escalation.core;

/**
 * Calls and tokens a language model spent, summed over a turn.
 *
 * <p>Immutable and thread-safe. Example: {@code result.usage().calls()}.
 *
 * @param calls backend calls
 * @param inputTokens prompt tokens
 * @param outputTokens completion tokens
 */
public record ModelUsage(int calls, long inputTokens, long outputTokens) {

  /** Nothing spent (the offline model). */
  public static final ModelUsage NONE = new ModelUsage(0, 0, 0);

  public ModelUsage {
    if (calls < 0 || inputTokens < 0 || outputTokens < 0) {
      throw new IllegalArgumentException("usage must not be negative, but was calls=" + calls + ", input="
          + inputTokens + ", output=" + outputTokens);
    }
  }

  /** This plus one call. */
  public ModelUsage plus(ModelCall call) {
    return new ModelUsage(calls + 1, inputTokens + call.inputTokens(), outputTokens + call.outputTokens());
  }
}
