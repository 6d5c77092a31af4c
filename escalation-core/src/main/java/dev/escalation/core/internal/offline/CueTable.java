package dev.escalation.core.internal.offline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A weighted list of word patterns ("cues") that vote for labels, for example departments or
 * priorities. Patterns are written in a tiny language, one word per position:
 *
 * <ul>
 *   <li>{@code charge} matches any form with the same {@link Stemmer} key (charges, charged), also
 *       with one typo ({@link Fuzzy});
 *   <li>{@code frustrat*} matches words starting with {@code frustrat};
 *   <li>{@code =sales} matches exactly that word;
 *   <li>{@code a/b/c} matches any of the alternatives;
 *   <li>{@code #num} matches a count: digits or "three", "several";
 *   <li>{@code _} matches any one word;
 *   <li>{@code ...} lets up to five words stand before the next position (same sentence), {@code ...9}
 *       up to nine.
 * </ul>
 *
 * <p>Longer patterns are tried first and the words they match are used up, so "can not log in" counts
 * once and not also as "log in". A cue can count when {@link When#AFFIRMED affirmed} (no negation
 * shortly before it), only when {@link When#NEGATED negated} ("no rush"), or {@link When#ALWAYS
 * always} (the topic of "I can't log in" is still logging in). A pattern that itself contains a
 * negation word counts as affirmed.
 *
 * <p>Immutable and thread-safe. Example: {@code table.score(Tokens.of("charged twice"))}.
 *
 * @param <L> the label type
 */
final class CueTable<L> {

    /** When a cue counts, given whether a negation word stands shortly before it. */
    enum When {
        AFFIRMED,
        NEGATED,
        ALWAYS
    }

    /** One pattern voting {@code weight} for {@code label}. */
    record Cue<L>(String pattern, List<Element> elements, L label, double weight, When when, boolean selfNegating) {

        // Every way of matching a word needs the same first letter, so most starts are ruled out cheaply.
        boolean mayStartAt(Token token) {
            for (Alternative alternative : elements.get(0).alternatives()) {
                if (alternative.kind() == Alternative.Kind.NUMBER
                        || alternative.kind() == Alternative.Kind.ANY
                        || (!token.lower().isEmpty()
                                && alternative.value().startsWith(token.lower().substring(0, 1)))) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Where a cue matched: first and last token index. */
    record Hit<L>(Cue<L> cue, int first, int last) {}

    private static final int GAP = 5;

    private final List<Cue<L>> cues;
    private final int maxPerCue;

    private CueTable(List<Cue<L>> cues, int maxPerCue) {
        List<Cue<L>> sorted = new ArrayList<>(cues);
        sorted.sort(Comparator.comparingInt((Cue<L> c) -> -c.elements().size()));
        this.cues = List.copyOf(sorted);
        this.maxPerCue = maxPerCue;
    }

    /** A builder; each cue counts at most {@code maxPerCue} times in one text. */
    static <L> Builder<L> builder(int maxPerCue) {
        return new Builder<>(maxPerCue);
    }

    /** Every hit in {@code tokens}, longest patterns first, no token used twice. */
    List<Hit<L>> hits(List<Token> tokens) {
        boolean[] used = new boolean[tokens.size()];
        List<Hit<L>> hits = new ArrayList<>();
        for (Cue<L> cue : cues) {
            int count = 0;
            for (int start = 0; start < tokens.size() && count < maxPerCue; start++) {
                if (used[start] || !cue.mayStartAt(tokens.get(start))) {
                    continue;
                }
                int[] at = new int[cue.elements().size()];
                if (!matchFrom(cue, tokens, used, 0, start, at)) {
                    continue;
                }
                boolean negated = !cue.selfNegating() && tokens.get(at[0]).negated();
                if ((cue.when() == When.AFFIRMED && negated) || (cue.when() == When.NEGATED && !negated)) {
                    continue;
                }
                for (int i : at) {
                    used[i] = true;
                }
                hits.add(new Hit<>(cue, at[0], at[at.length - 1]));
                count++;
                start = at[at.length - 1];
            }
        }
        hits.sort(Comparator.comparingInt(Hit::first));
        return hits;
    }

    /** The summed weight per label. */
    Map<L, Double> score(List<Token> tokens) {
        Map<L, Double> scores = new LinkedHashMap<>();
        for (Hit<L> hit : hits(tokens)) {
            scores.merge(hit.cue().label(), hit.cue().weight(), Double::sum);
        }
        return scores;
    }

    private static <L> boolean matchFrom(Cue<L> cue, List<Token> tokens, boolean[] used, int e, int pos, int[] at) {
        if (e == cue.elements().size()) {
            return true;
        }
        Element element = cue.elements().get(e);
        int maxSkip = e == 0 ? 0 : element.gapBefore();
        for (int skip = 0; skip <= maxSkip; skip++) {
            int p = pos + skip;
            if (p >= tokens.size()) {
                return false;
            }
            Token token = tokens.get(p);
            if (e > 0) {
                Token previous = tokens.get(at[e - 1]);
                if (token.sentence() != previous.sentence()) {
                    return false;
                }
                if (element.gapBefore() == 0 && token.clause() != previous.clause()) {
                    return false;
                }
            }
            if (!used[p] && element.matches(token)) {
                at[e] = p;
                if (matchFrom(cue, tokens, used, e + 1, p + 1, at)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** One position of a pattern: its alternatives, and how many words may stand before it. */
    record Element(List<Alternative> alternatives, int gapBefore) {
        boolean matches(Token token) {
            for (Alternative alternative : alternatives) {
                if (alternative.matches(token)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** One way to match a word. */
    record Alternative(Kind kind, String value, String word) {
        enum Kind {
            STEM,
            PREFIX,
            EXACT,
            NUMBER,
            ANY
        }

        boolean matches(Token token) {
            return switch (kind) {
                case STEM ->
                    token.stem().equals(value)
                            || Fuzzy.typoOf(token.stem(), value)
                            || Fuzzy.typoOf(token.lower(), word);
                case PREFIX -> token.lower().startsWith(value) || Fuzzy.typoOf(token.stem(), Stemmer.stem(value));
                case EXACT -> token.lower().equals(value);
                case NUMBER -> token.isNumber();
                case ANY -> true;
            };
        }

        static Alternative parse(String text) {
            if (text.equals("#num")) {
                return new Alternative(Kind.NUMBER, "", text);
            }
            if (text.equals("_")) {
                return new Alternative(Kind.ANY, "", text);
            }
            if (text.startsWith("=")) {
                return new Alternative(Kind.EXACT, text.substring(1), text);
            }
            if (text.endsWith("*")) {
                return new Alternative(Kind.PREFIX, text.substring(0, text.length() - 1), text);
            }
            return new Alternative(Kind.STEM, Stemmer.stem(text), text);
        }
    }

    /** Collects cues; not thread-safe. */
    static final class Builder<L> {
        private final List<Cue<L>> cues = new ArrayList<>();
        private final int maxPerCue;

        private Builder(int maxPerCue) {
            this.maxPerCue = maxPerCue;
        }

        /** Cues that count when not negated. */
        Builder<L> add(L label, double weight, String... patterns) {
            return add(When.AFFIRMED, label, weight, patterns);
        }

        /** Cues that count negated or not. */
        Builder<L> always(L label, double weight, String... patterns) {
            return add(When.ALWAYS, label, weight, patterns);
        }

        /** Cues that count only when negated ("no rush"). */
        Builder<L> negated(L label, double weight, String... patterns) {
            return add(When.NEGATED, label, weight, patterns);
        }

        private Builder<L> add(When when, L label, double weight, String... patterns) {
            Objects.requireNonNull(label, "label");
            for (String pattern : patterns) {
                List<Element> elements = new ArrayList<>();
                int gap = 0;
                boolean selfNegating = false;
                for (String part : pattern.trim().split("\\s+")) {
                    if (part.isEmpty()) {
                        continue;
                    }
                    if (part.startsWith("...")) {
                        gap = part.length() == 3 ? GAP : Integer.parseInt(part.substring(3));
                        continue;
                    }
                    List<Alternative> alternatives = new ArrayList<>();
                    for (String alternative : part.split("/")) {
                        alternatives.add(Alternative.parse(alternative));
                        selfNegating |= Tokens.NEGATORS.contains(alternative);
                    }
                    elements.add(new Element(List.copyOf(alternatives), gap));
                    gap = 0;
                }
                if (elements.isEmpty()) {
                    throw new IllegalArgumentException("a cue pattern must have a word, but was '" + pattern + "'");
                }
                cues.add(new Cue<>(pattern, List.copyOf(elements), label, weight, when, selfNegating));
            }
            return this;
        }

        CueTable<L> build() {
            return new CueTable<>(cues, maxPerCue);
        }
    }
}
