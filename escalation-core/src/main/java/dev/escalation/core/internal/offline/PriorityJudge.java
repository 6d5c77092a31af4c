package dev.escalation.core.internal.offline;

import dev.escalation.core.Priority;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides the priority: by the flow's rubric cues ({@link Vocabulary#priorities}) over everything said so far, or
 * as the customer explicitly asks ("please make this high priority", "make it urgent", "set it to
 * low").
 *
 * <p>Rubric: critical with {@link #CRITICAL_VOTES} votes; else high with {@link #HIGH_VOTES} votes
 * that clearly outweigh the calm ones; else low with {@link #LOW_VOTES} votes that outweigh the upset
 * ones; else medium. So an angry opening keeps the ticket high after calm details, and "not urgent"
 * (a negated urgency) counts for low.
 *
 * <p>Stateless and thread-safe. Example: {@code PriorityJudge.rubric(Tokens.of("no rush at all"))} is
 * {@code LOW}.
 */
final class PriorityJudge {

    static final double CRITICAL_VOTES = 2.5;
    static final double HIGH_VOTES = 2;
    static final double LOW_VOTES = 1.5;

    // "URGENT" typed in capitals: the customer shouts about an emergency.
    private static final double SHOUTED_URGENT = 1;
    private static final Set<String> SHOUTED_ANGER = Set.of(
            "now",
            "again",
            "never",
            "still",
            "nothing",
            "nobody",
            "why",
            "enough",
            "help",
            "stop",
            "today",
            "immediately",
            "ridiculous",
            "unacceptable",
            "joke",
            "seriously");

    private static final Map<String, Priority> LEVELS = Map.ofEntries(
            Map.entry("low", Priority.LOW),
            Map.entry("lowest", Priority.LOW),
            Map.entry("medium", Priority.MEDIUM),
            Map.entry("normal", Priority.MEDIUM),
            Map.entry("moderate", Priority.MEDIUM),
            Map.entry("average", Priority.MEDIUM),
            Map.entry("high", Priority.HIGH),
            Map.entry("urgent", Priority.HIGH),
            Map.entry("critical", Priority.CRITICAL),
            Map.entry("highest", Priority.CRITICAL),
            Map.entry("top", Priority.CRITICAL));

    private static final Set<String> SET_VERBS = Set.of(
            "make",
            "mark",
            "set",
            "change",
            "put",
            "raise",
            "bump",
            "escalate",
            "lower",
            "move",
            "treat",
            "flag",
            "consider",
            "switch",
            "update",
            "upgrade",
            "downgrade");
    private static final Set<String> COPULAS = Set.of("is", "be", "are", "was");
    private static final Set<String> SUBJECTS = Set.of("it", "this", "that", "which");
    private static final Set<String> INTENSIFIERS = Set.of(
            "not",
            "very",
            "really",
            "quite",
            "extremely",
            "so",
            "pretty",
            "super",
            "actually",
            "definitely",
            "absolutely",
            "rather",
            "that");
    private static final Set<String> PRIORITY_WORDS = Set.of("priority", "prio", "priorities", "urgency");

    private PriorityJudge() {}

    /** The standard rubric's priority for {@code tokens}. */
    static Priority rubric(List<Token> tokens) {
        return rubric(Vocabulary.standard(), tokens);
    }

    /** The priority of {@code v}'s rubric for {@code tokens}. */
    static Priority rubric(Vocabulary v, List<Token> tokens) {
        List<CueTable.Hit<Priority>> hits = v.priorities.hits(tokens);
        Map<Priority, Double> votes = new java.util.EnumMap<>(Priority.class);
        hits.forEach(h -> votes.merge(h.cue().label(), h.cue().weight(), Double::sum));
        double critical = votes.getOrDefault(Priority.CRITICAL, 0.0);
        double high = votes.getOrDefault(Priority.HIGH, 0.0);
        double low = votes.getOrDefault(Priority.LOW, 0.0);
        if (tokens.stream().anyMatch(t -> t.shouted() && t.lower().startsWith("urgent") && !t.negated())) {
            critical += SHOUTED_URGENT;
        }
        // "I want it fixed NOW", "AGAIN": a feeling shouted in capitals (acronyms such as PDF are no words here).
        if (tokens.stream().anyMatch(t -> t.shouted() && SHOUTED_ANGER.contains(t.lower()))) {
            high += HIGH_VOTES;
        }
        // A critical reading needs one real critical cue (fraud, a breach, an outage stopping work, a
        // legal threat, safety), not a pile of weak ones; and a real emergency is not said calmly: "no
        // rush" outweighs a stray critical word.
        boolean realCue = hits.stream()
                .anyMatch(h -> h.cue().label() == Priority.CRITICAL && h.cue().weight() >= CRITICAL_VOTES);
        boolean shouted = tokens.stream().anyMatch(t -> t.shouted() && t.lower().startsWith("urgent") && !t.negated());
        if (critical >= CRITICAL_VOTES
                && critical > low
                && (realCue || shouted)
                && (low < LOW_VOTES || critical >= low + CRITICAL_VOTES)) {
            return Priority.CRITICAL;
        }
        if (low < LOW_VOTES && exposed(tokens)) {
            return Priority.CRITICAL;
        }
        if (high >= HIGH_VOTES && high >= low + 0.5) {
            return Priority.HIGH;
        }
        if (low >= LOW_VOTES && low > high) {
            return Priority.LOW;
        }
        return Priority.MEDIUM;
    }

    // A safety risk in two halves: something essential lost and a person it endangers.
    private static boolean exposed(List<Token> tokens) {
        Map<Lexicon.Exposure, Double> found = Lexicon.EXPOSURE.score(tokens);
        return found.containsKey(Lexicon.Exposure.ESSENTIAL_LOST)
                && found.containsKey(Lexicon.Exposure.VULNERABLE_PERSON);
    }

    /**
     * Whether the rules are sure of {@code judged}: every reading with a cue (critical, high, low) counts
     * as sure, while "medium" is only what is left when no cue is strong enough, so the rules are never
     * sure of it and a trained classifier may overrule it.
     */
    static boolean certain(Priority judged) {
        return judged != Priority.MEDIUM;
    }

    /**
     * The priority the customer explicitly asks for, or null. {@code current} is the priority shown
     * in the summary (for "more urgent" / "lower the priority"); {@code confirming} allows plain
     * statements such as "it is urgent for me" or "it's not urgent", which answer the summary.
     */
    static Priority explicit(List<Token> tokens, Priority current, boolean confirming) {
        Priority chosen = null;
        int strength = 0;
        boolean criticalNamed = false;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            Priority level = LEVELS.get(t.lower());
            if (level == null) {
                continue;
            }
            boolean followedByPriority = i + 1 < tokens.size()
                    && PRIORITY_WORDS.contains(tokens.get(i + 1).lower())
                    && tokens.get(i + 1).sentence() == t.sentence();
            int found = 0;
            if (followedByPriority || within(tokens, i, 3, PRIORITY_WORDS)) {
                found = 3;
            } else if (within(tokens, i, 4, SET_VERBS)) {
                found = 2;
            } else if (confirming && saidOfTheProblem(tokens, i)) {
                found = 1;
            }
            if (found == 0) {
                continue;
            }
            if (t.negated()) {
                // "it is not urgent" lowers; "not high priority" says what it is not, which is no request.
                if (confirming && level == Priority.HIGH && t.lower().equals("urgent")) {
                    level = Priority.LOW;
                } else {
                    continue;
                }
            }
            if (level == Priority.CRITICAL) {
                criticalNamed = true;
            }
            if (found > strength) {
                chosen = level;
                strength = found;
            }
        }
        if (chosen == Priority.HIGH
                && (criticalNamed || tokens.stream().anyMatch(t -> t.lower().equals("critical") && !t.negated()))) {
            chosen = Priority.CRITICAL;
        }
        if (chosen == null && confirming && current != null) {
            chosen = relative(tokens, current);
        }
        return chosen;
    }

    // "more urgent", "raise the priority" -> one up; "less urgent", "lower the priority" -> one down.
    private static Priority relative(List<Token> tokens, Priority current) {
        Priority[] levels = Priority.values();
        for (int i = 0; i < tokens.size(); i++) {
            String w = tokens.get(i).lower();
            String next = i + 1 < tokens.size() ? tokens.get(i + 1).lower() : "";
            boolean up = (w.equals("more") && next.startsWith("urgent"))
                    || w.equals("higher")
                    || ((w.equals("raise") || w.equals("increase") || w.equals("bump"))
                            && within(tokens, i + 3, 3, PRIORITY_WORDS));
            boolean down = (w.equals("less") && next.startsWith("urgent"))
                    || w.equals("lower")
                    || w.equals("reduce")
                    || (tokens.get(i).negated()
                            && w.startsWith("urgent")
                            && (i > 0
                                    && (tokens.get(i - 1).lower().equals("that")
                                            || tokens.get(i - 1).lower().equals("so"))));
            if (up && current.ordinal() < levels.length - 1) {
                return levels[current.ordinal() + 1];
            }
            if (down && current.ordinal() > 0) {
                return levels[current.ordinal() - 1];
            }
        }
        return null;
    }

    // "it is urgent", "this is really critical", "it's not urgent" - but not "my bill is high".
    private static boolean saidOfTheProblem(List<Token> tokens, int i) {
        int j = i - 1;
        while (j >= 0 && INTENSIFIERS.contains(tokens.get(j).lower())) {
            j--;
        }
        if (j >= 0 && COPULAS.contains(tokens.get(j).lower())) {
            j--;
        }
        return j >= 0
                && SUBJECTS.contains(tokens.get(j).lower())
                && tokens.get(j).sentence() == tokens.get(i).sentence();
    }

    // Whether one of {@code words} stands among the {@code reach} tokens before index i, same sentence.
    private static boolean within(List<Token> tokens, int i, int reach, Set<String> words) {
        int end = Math.min(i, tokens.size());
        int sentence = i < tokens.size()
                ? tokens.get(i).sentence()
                : tokens.isEmpty() ? 0 : tokens.get(tokens.size() - 1).sentence();
        for (int j = end - 1; j >= 0 && j >= i - reach; j--) {
            if (tokens.get(j).sentence() != sentence) {
                return false;
            }
            if (words.contains(tokens.get(j).lower())) {
                return true;
            }
        }
        return false;
    }
}
