package dev.escalation.runner;

/**
 * What a language model costs, in US dollars per million tokens.
 *
 * <p>Immutable and thread-safe. Example: {@code new ModelPrice(0.15, 0.60).costUsd(812, 64)}.
 *
 * @param inputPerMillion dollars per million prompt tokens, zero or more
 * @param outputPerMillion dollars per million completion tokens, zero or more
 */
public record ModelPrice(double inputPerMillion, double outputPerMillion) {

  public ModelPrice {
    if (!(inputPerMillion >= 0) || Double.isInfinite(inputPerMillion)
        || !(outputPerMillion >= 0) || Double.isInfinite(outputPerMillion)) {
      throw new IllegalArgumentException("prices must be finite and not negative, but were " + inputPerMillion
          + " and " + outputPerMillion);
    }
  }

  /** The cost of a call with these token counts, in US dollars. */
  public double costUsd(long inputTokens, long outputTokens) {
    return (inputTokens * inputPerMillion + outputTokens * outputPerMillion) / 1_000_000.0;
  }
}
