package dev.escalation.runner;

/**
 * What a language model costs, in US dollars per million tokens.
 *
 * <p>Immutable and thread-safe. Example: {@code new ModelPrice(0.15, 0.60, 0.075).costUsd(812, 64, 512)}.
 *
 * @param inputPerMillion dollars per million prompt tokens, zero or more
 * @param outputPerMillion dollars per million completion tokens, zero or more
 * @param cachedInputPerMillion dollars per million prompt tokens the server had cached, zero or more
 */
public record ModelPrice(double inputPerMillion, double outputPerMillion, double cachedInputPerMillion) {

    /** A price without a discount for cached prompt tokens. */
    public ModelPrice(double inputPerMillion, double outputPerMillion) {
        this(inputPerMillion, outputPerMillion, inputPerMillion);
    }

    public ModelPrice {
        if (!(inputPerMillion >= 0)
                || Double.isInfinite(inputPerMillion)
                || !(outputPerMillion >= 0)
                || Double.isInfinite(outputPerMillion)
                || !(cachedInputPerMillion >= 0)
                || Double.isInfinite(cachedInputPerMillion)) {
            throw new IllegalArgumentException("prices must be finite and not negative, but were " + inputPerMillion
                    + ", " + outputPerMillion + " and " + cachedInputPerMillion);
        }
    }

    /** The cost of a call with these token counts, none of its input cached, in US dollars. */
    public double costUsd(long inputTokens, long outputTokens) {
        return costUsd(inputTokens, outputTokens, 0);
    }

    /** The cost of a call of which {@code cachedInputTokens} of the input were cached, in US dollars. */
    public double costUsd(long inputTokens, long outputTokens, long cachedInputTokens) {
        return ((inputTokens - cachedInputTokens) * inputPerMillion
                        + cachedInputTokens * cachedInputPerMillion
                        + outputTokens * outputPerMillion)
                / 1_000_000.0;
    }
}
