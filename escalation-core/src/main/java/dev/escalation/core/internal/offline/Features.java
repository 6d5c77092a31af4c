package dev.escalation.core.internal.offline;

import java.util.ArrayList;
import java.util.List;

/**
 * The words a trained text classifier sees: the stems of the message the rules read (instructions
 * hidden in customer text left out), negated ones marked ({@code not:rush}), adjacent pairs within a
 * sentence, numbers as {@code #num} and capitals as {@code #shout}.
 *
 * <p>Stateless and thread-safe. Example: {@code Features.of("No rush, just curious")} holds {@code "not:curious"}.
 */
public final class Features {

    private Features() {}

    /** The features of {@code text}, in order, with repeats. */
    public static List<String> of(String text) {
        List<Token> tokens = Tokens.of(InjectionFilter.apply(text).text());
        List<String> features = new ArrayList<>(tokens.size() * 2);
        String previous = null;
        int sentence = -1;
        for (Token t : tokens) {
            String word = t.isNumber() && !t.lower().chars().allMatch(Character::isLetter)
                    ? "#num"
                    : (t.negated() ? "not:" : "") + t.stem();
            if (t.sentence() != sentence) {
                previous = null;
                sentence = t.sentence();
            }
            features.add(word);
            if (previous != null) {
                features.add(previous + " " + word);
            }
            if (t.shouted()) {
                features.add("#shout");
            }
            previous = word;
        }
        return features;
    }
}
