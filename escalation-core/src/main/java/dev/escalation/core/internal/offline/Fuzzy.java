package dev.escalation.core.internal.offline;

import java.util.Set;

/**
 * Typo tolerance: two words are taken as the same when one typing slip turns one into the other.
 * Short words are risky ("bill" and "fill"), so words of four or five letters only forgive a swapped
 * pair of letters ("qoute"), and insertions, deletions and substitutions need six letters or more
 * ("pasword", "invoce", "acount"). The first letter must always match.
 *
 * <p>Stateless and thread-safe. Example: {@code Fuzzy.similar("pasword", "password")} is true.
 */
final class Fuzzy {

    // Frequent words of customer messages that are not cues: a typo close to one of them is more
    // likely that word ("acount" is "account", not the cue "amount").
    private static final Set<String> COMMON = Set.of(
            "account",
            "accounts",
            "contact",
            "content",
            "service",
            "services",
            "number",
            "numbers",
            "change",
            "changed",
            "customer",
            "company",
            "message",
            "problem",
            "update",
            "updated",
            "months",
            "minutes",
            "different",
            "another",
            "received",
            "receive",
            "working",
            "trying",
            "using",
            "because",
            "through",
            "thought",
            "though",
            "should",
            "would",
            "could",
            "please",
            "thanks",
            "really",
            "there",
            "their",
            "where",
            "before",
            "after",
            "since",
            "still",
            "again",
            "address",
            "amounts",
            "country",
            "counts");

    private Fuzzy() {}

    /**
     * Whether a typed word may stand for a cue word it is {@link #similar} to: not when it is also one
     * slip away from a frequent non-cue word.
     */
    static boolean typoOf(String typed, String known) {
        if (!similar(typed, known)) {
            return false;
        }
        if (typed.equals(known)) {
            return true;
        }
        for (String common : COMMON) {
            if (!common.equals(known) && similar(typed, common)) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code typed} is {@code known} or one slip away from it, under the rules above. */
    static boolean similar(String typed, String known) {
        if (typed.equals(known)) {
            return true;
        }
        int a = typed.length();
        int b = known.length();
        if (Math.min(a, b) < 4 || Math.abs(a - b) > 1 || typed.charAt(0) != known.charAt(0)) {
            return false;
        }
        if (a == b && isSwap(typed, known)) {
            return true;
        }
        if (Math.max(a, b) < 6 || Math.min(a, b) < 5) {
            return false;
        }
        return oneEdit(typed, known);
    }

    private static boolean isSwap(String x, String y) {
        int first = -1;
        for (int i = 0; i < x.length(); i++) {
            if (x.charAt(i) != y.charAt(i)) {
                if (first < 0) {
                    first = i;
                } else {
                    return i == first + 1
                            && x.charAt(first) == y.charAt(i)
                            && x.charAt(i) == y.charAt(first)
                            && x.substring(i + 1).equals(y.substring(i + 1));
                }
            }
        }
        return false;
    }

    // One substitution, insertion or deletion.
    private static boolean oneEdit(String x, String y) {
        if (x.length() == y.length()) {
            int differences = 0;
            for (int i = 0; i < x.length(); i++) {
                if (x.charAt(i) != y.charAt(i) && ++differences > 1) {
                    return false;
                }
            }
            return true;
        }
        String longer = x.length() > y.length() ? x : y;
        String shorter = longer == x ? y : x;
        int i = 0;
        while (i < shorter.length() && shorter.charAt(i) == longer.charAt(i)) {
            i++;
        }
        return shorter.substring(i).equals(longer.substring(i + 1));
    }
}
