package dev.escalation.core.internal.offline;

import java.util.Set;

/**
 * One word of a customer message after normalisation: contractions are expanded ("can't" becomes
 * "can" "not"), punctuation is dropped but remembered as sentence and clause numbers, and each word
 * knows whether a negation ("not", "no", "never", ...) stands shortly before it in the same clause.
 *
 * <p>Immutable. Example: in "it's not urgent" the token {@code urgent} has {@code negated() == true}.
 *
 * @param surface the word as typed (for an expanded contraction, the whole contraction)
 * @param lower the normalised lower-case word
 * @param stem the {@link Stemmer} key of {@code lower}
 * @param sentence which sentence of the message (0-based)
 * @param clause which clause of the message (0-based, across sentences)
 * @param shouted whether it was typed in capitals ("URGENT")
 * @param negated whether a negation word precedes it within three words of the same clause
 */
record Token(String surface, String lower, String stem, int sentence, int clause, boolean shouted, boolean negated) {

    private static final Set<String> NUMBER_WORDS = Set.of(
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "fifteen",
            "twenty",
            "thirty",
            "forty",
            "fifty",
            "hundred",
            "several",
            "multiple",
            "many",
            "couple",
            "few",
            "dozen",
            "numerous",
            "countless",
            "2nd",
            "3rd",
            "4th",
            "5th");

    /** Digits, or a word for a count of two or more ("three", "several"). */
    boolean isNumber() {
        if (NUMBER_WORDS.contains(lower)) {
            return true;
        }
        for (int i = 0; i < lower.length(); i++) {
            if (!Character.isDigit(lower.charAt(i))) {
                return false;
            }
        }
        return !lower.isEmpty();
    }
}
