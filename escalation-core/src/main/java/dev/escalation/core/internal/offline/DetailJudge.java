package dev.escalation.core.internal.offline;

import dev.escalation.core.Department;
import dev.escalation.core.Priority;
import dev.escalation.core.Question;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tells whether a message says why the customer wants escalation (a reason) and whether it
 * describes the problem concretely enough for an agent to act (details).
 *
 * <p>Reason: two or more content words, not counting greetings and the words of asking for
 * escalation itself ("Get me a supervisor", "I need to escalate something" say no reason; "Complaint
 * about my account" does). Details: when the agent just asked for details, any substantive answer;
 * otherwise a concreteness score of at least {@link #CONCRETE}: a clear topic (department votes),
 * a problem or request ("crashes", "a quote for"), specifics (numbers) and length. A short emotional
 * opening scores low; a long one that names a product and what is wrong scores high, and a message
 * of 25 words or more with a sign of a problem counts even when the rubric does not know its words.
 *
 * <p>Stateless and thread-safe. Example: {@code DetailJudge.contentWords(Tokens.of("Get me a supervisor."))} is 0.
 */
final class DetailJudge {

    /** The concreteness a message needs to count as details when details were not asked for. */
    static final double CONCRETE = 3;

    // Function words, greetings, politeness, and the vocabulary of asking to be escalated.
    static final Set<String> STOPWORDS = Set.copyOf(Arrays.asList(
            "a",
            "an",
            "the",
            "and",
            "or",
            "but",
            "so",
            "to",
            "of",
            "in",
            "on",
            "at",
            "for",
            "with",
            "from",
            "by",
            "about",
            "as",
            "into",
            "onto",
            "up",
            "out",
            "off",
            "over",
            "under",
            "than",
            "then",
            "there",
            "here",
            "this",
            "that",
            "these",
            "those",
            "it",
            "its",
            "i",
            "me",
            "my",
            "mine",
            "we",
            "us",
            "our",
            "you",
            "your",
            "yours",
            "he",
            "she",
            "they",
            "them",
            "their",
            "his",
            "her",
            "is",
            "am",
            "are",
            "was",
            "were",
            "be",
            "been",
            "being",
            "do",
            "does",
            "did",
            "have",
            "has",
            "had",
            "will",
            "would",
            "shall",
            "should",
            "can",
            "could",
            "may",
            "might",
            "must",
            "not",
            "no",
            "yes",
            "yeah",
            "yep",
            "ok",
            "okay",
            "hi",
            "hello",
            "hey",
            "dear",
            "thanks",
            "thank",
            "please",
            "pls",
            "just",
            "really",
            "very",
            "quite",
            "some",
            "something",
            "anything",
            "everything",
            "nothing",
            "someone",
            "somebody",
            "anyone",
            "anybody",
            "one",
            "all",
            "any",
            "what",
            "which",
            "who",
            "whom",
            "why",
            "how",
            "when",
            "where",
            "if",
            "else",
            "also",
            "too",
            "now",
            "right",
            "good",
            "morning",
            "afternoon",
            "evening",
            "day",
            "there",
            "again",
            "want",
            "need",
            "like",
            "would",
            "get",
            "got",
            "let",
            "know",
            "sir",
            "madam",
            "team",
            "guys",
            "folks",
            "escalate",
            "escalation",
            "escalating",
            "supervisor",
            "manager",
            "speak",
            "talk",
            "chat",
            "person",
            "human",
            "agent",
            "representative",
            "rep",
            "help",
            "assist",
            "assistance",
            "senior",
            "boss",
            "immediately",
            "asap",
            "now",
            "today",
            "please",
            "kindly",
            "sure",
            "well",
            "oh",
            "ah",
            "um",
            "uh",
            "hmm",
            "lol",
            "thing",
            "stuff",
            "way",
            "bit",
            "little",
            "lot",
            "think",
            "guess",
            "suppose",
            "maybe",
            "probably",
            "actually",
            "basically",
            "still",
            "even",
            "ever",
            "only",
            "much",
            "more",
            "most",
            "such",
            "own",
            "same",
            "other",
            "another",
            "each",
            "every",
            "both",
            "few",
            "many",
            "being",
            "cheers",
            "regards",
            "sorry",
            "urgent",
            "go",
            "ahead",
            "fine",
            "great",
            "perfect",
            "correct",
            "sí",
            "si"));

    // Words that pin a problem to a time: a sign that the customer is describing a real event.
    private static final Set<String> TIME_WORDS = Set.of(
            "yesterday",
            "tonight",
            "overnight",
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
            "hours",
            "hour",
            "minutes",
            "week",
            "weeks",
            "month",
            "months",
            "am",
            "pm",
            "january",
            "february",
            "march",
            "april",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
            "since",
            "ago",
            "tomorrow",
            "weekend");

    private static final Set<String> QUESTION_STARTS = Set.of(
            "why", "what", "how", "who", "when", "where", "which", "do", "does", "did", "is", "are", "can", "could",
            "would", "will", "should");

    private DetailJudge() {}

    /** Words that carry content: not stopwords, not numbers alone. */
    static int contentWords(List<Token> tokens) {
        int count = 0;
        for (Token t : tokens) {
            if (!STOPWORDS.contains(t.lower()) && t.lower().length() > 1) {
                count++;
            }
        }
        return count;
    }

    /**
     * Whether the message gives a reason for escalating: two content words, or one that is a rubric
     * cue ("my plan", "frustrated!").
     */
    static boolean statesReason(List<Token> tokens) {
        return statesReason(Vocabulary.standard(), tokens);
    }

    /** Whether the message says why the customer wants escalation, with the flow's department cues. */
    static boolean statesReason(Vocabulary v, List<Token> tokens) {
        int words = contentWords(tokens);
        if (words >= 2) {
            return true;
        }
        return words == 1
                && (!v.cues.hits(tokens).isEmpty() || !v.priorities.hits(tokens).isEmpty());
    }

    /** Whether the message describes the problem itself. */
    static boolean statesDetails(List<Token> tokens, String text, Question asked) {
        return statesDetails(Vocabulary.standard(), tokens, text, asked);
    }

    /** Whether the message describes the problem itself, with the flow's department cues. */
    static boolean statesDetails(Vocabulary v, List<Token> tokens, String text, Question asked) {
        int words = tokens.size();
        if (asked == Question.DETAILS) {
            return words >= 4 && contentWords(tokens) >= 2 && !isQuestionBack(v, tokens, text);
        }
        // A long message with signs of a problem describes it, even in words the rubric lacks.
        long signs = signs(tokens);
        if (concreteness(v, tokens) >= CONCRETE || (words >= 25 && signs >= 1) || (words >= 18 && signs >= 2)) {
            return true;
        }
        // A clear topic and what is wrong with it, in a full sentence: "the app crashes when I upload photos".
        double topic = DepartmentJudge.votes(v, tokens).values().stream()
                .mapToDouble(Double::doubleValue)
                .max()
                .orElse(0);
        return topic >= DepartmentJudge.THRESHOLD && signs >= 1 && words >= 10 && contentWords(tokens) >= 5;
    }

    // How many different signs of a problem or a request the message has.
    private static long signs(List<Token> tokens) {
        return Lexicon.SIGNALS.hits(tokens).stream()
                .map(h -> h.cue().pattern())
                .distinct()
                .count();
    }

    /** How concrete a message is; see the class comment. */
    static double concreteness(List<Token> tokens) {
        return concreteness(Vocabulary.standard(), tokens);
    }

    /** How concrete a message is, with the flow's department cues. */
    static double concreteness(Vocabulary v, List<Token> tokens) {
        double score = 0;
        Map<Department, Double> votes = DepartmentJudge.votes(v, tokens);
        double topic =
                votes.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        if (topic >= DepartmentJudge.THRESHOLD) {
            score += 1;
        }
        if (topic >= 2 * DepartmentJudge.THRESHOLD) {
            score += 1;
        } else if (topic >= 4) {
            score += 0.5;
        } else if (topic > 0 && topic < DepartmentJudge.THRESHOLD) {
            // A weak topic ("website", "card") still says what the message is about.
            score += 0.5;
        }
        // Something goes wrong or is asked for; a second, different sign adds a little.
        long signs = signs(tokens);
        score += signs == 0 ? 0 : signs == 1 ? 1 : 1.5;
        // Specifics: counts, amounts, times ("4 payments", "since 8", "last night", "on Tuesday").
        boolean counts =
                tokens.stream().anyMatch(t -> t.isNumber() || t.lower().chars().anyMatch(Character::isDigit));
        boolean times = tokens.stream().anyMatch(t -> TIME_WORDS.contains(t.lower()));
        score += (counts ? 0.5 : 0) + (times ? 0.5 : 0);
        if (PriorityJudge.rubric(v, tokens) == Priority.CRITICAL) {
            // An emergency is described in the first breath: the agent should not ask for more.
            score += 1;
        }
        int words = tokens.size();
        // Length: a short message rarely carries what an agent needs, a long concrete one does.
        score += words >= 40 ? 1.5 : words >= 25 ? 1 : words >= 18 ? 0.5 : words >= 12 ? 0 : -0.5;
        return score;
    }

    /** A short question back to the agent ("why do you need that?") rather than an answer. */
    static boolean isQuestionBack(List<Token> tokens, String text) {
        return isQuestionBack(Vocabulary.standard(), tokens, text);
    }

    /** A short question back to the agent, with the flow's department cues. */
    static boolean isQuestionBack(Vocabulary v, List<Token> tokens, String text) {
        return text.strip().endsWith("?")
                && tokens.size() < 10
                && !tokens.isEmpty()
                && QUESTION_STARTS.contains(tokens.get(0).lower())
                && v.cues.score(tokens).values().stream()
                                .mapToDouble(Double::doubleValue)
                                .sum()
                        == 0;
    }
}
