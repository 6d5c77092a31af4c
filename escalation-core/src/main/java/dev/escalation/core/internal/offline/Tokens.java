package dev.escalation.core.internal.offline;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a message into {@link Token}s: lower case, contractions expanded (also when typed without
 * the apostrophe: "cant", "doesnt"), e-mail addresses, links and ticket ids blanked out, sentence and
 * clause boundaries remembered, and negation marked.
 *
 * <p>Stateless and thread-safe. Example: {@code Tokens.of("I can't log in")} gives i, can, not, log, in.
 */
final class Tokens {

    /** Words that negate what follows them in the same clause. */
    static final Set<String> NEGATORS =
            Set.of("not", "no", "never", "nothing", "without", "hardly", "neither", "nor", "none");

    /** How many words back a negation reaches: "not a big deal", "isn't affecting me". */
    static final int NEGATION_WINDOW = 3;

    // Group 1: a word; group 2: the end of a sentence; group 3: a clause break (comma, colon, dash ...).
    private static final Pattern PIECE = Pattern.compile("([\\p{L}\\p{N}]+(?:'[\\p{L}]+)*)|([.!?]+|\\R)"
            + "|([,;:()\\[\\]{}\"<>|/*]|(?<=\\s)[-\u2013\u2014]+(?=\\s)|[\u2013\u2014])");
    private static final Pattern URL = Pattern.compile("(?i)\\b(?:https?://|www\\.)\\S+");
    // Starts only where a run of address characters starts, and never gives characters back: a long run
    // without '@' would otherwise be tried from each of its positions (quadratic on a 20,000-digit message).
    private static final Pattern EMAIL = Pattern.compile("(?<![\\w.+-])[\\w.+-]++@[\\w-]+(?:\\.[\\w-]+)+");
    private static final Pattern TICKET = Pattern.compile("(?i)\\btk[-\\s]?[a-z0-9]{4,}\\b");
    private static final Pattern DECIMAL = Pattern.compile("(\\d)[.,:](\\d)");

    // "but" starts a new thought: in "not urgent but I've called three times" the "not" must not reach on.
    private static final Set<String> CLAUSE_WORDS = Set.of("but", "however", "although", "though", "except", "whereas");

    private static final Map<String, List<String>> WHOLE_WORDS = Map.ofEntries(
            Map.entry("can't", List.of("can", "not")),
            Map.entry("cant", List.of("can", "not")),
            Map.entry("cannot", List.of("can", "not")),
            Map.entry("won't", List.of("will", "not")),
            Map.entry("wont", List.of("will", "not")),
            Map.entry("ain't", List.of("is", "not")),
            Map.entry("aint", List.of("is", "not")),
            Map.entry("im", List.of("i", "am")),
            Map.entry("ive", List.of("i", "have")),
            Map.entry("youre", List.of("you", "are")),
            Map.entry("thats", List.of("that", "is")),
            Map.entry("whats", List.of("what", "is")),
            Map.entry("theres", List.of("there", "is")),
            Map.entry("nothings", List.of("nothing", "is")),
            Map.entry("nevermind", List.of("never", "mind")),
            Map.entry("u", List.of("you")),
            Map.entry("ur", List.of("your")),
            Map.entry("pls", List.of("please")),
            Map.entry("plz", List.of("please")),
            Map.entry("teh", List.of("the")),
            Map.entry("b4", List.of("before")));

    // Negated auxiliaries typed without the apostrophe.
    private static final Set<String> NT_WITHOUT_APOSTROPHE = Set.of(
            "dont",
            "doesnt",
            "didnt",
            "isnt",
            "arent",
            "wasnt",
            "werent",
            "havent",
            "hasnt",
            "hadnt",
            "couldnt",
            "wouldnt",
            "shouldnt",
            "mustnt",
            "neednt");

    // Words after which "'s" means "is" rather than a possessive.
    private static final Set<String> IS_WORDS = Set.of(
            "it",
            "that",
            "what",
            "there",
            "here",
            "nothing",
            "everything",
            "something",
            "who",
            "where",
            "he",
            "she",
            "how",
            "when",
            "this",
            "let");

    private Tokens() {}

    /** The tokens of {@code text}; never null, empty for blank text. */
    static List<Token> of(String text) {
        String clean = clean(text);
        List<Token> raw = new ArrayList<>();
        int sentence = 0;
        int clause = 0;
        Matcher m = PIECE.matcher(clean);
        while (m.find()) {
            if (m.group(1) != null) {
                String piece = m.group(1);
                boolean shouted = piece.length() >= 3
                        && piece.equals(piece.toUpperCase(Locale.ROOT))
                        && !piece.equals(piece.toLowerCase(Locale.ROOT));
                for (String word : expand(piece.toLowerCase(Locale.ROOT))) {
                    if (CLAUSE_WORDS.contains(word)) {
                        clause++;
                        continue;
                    }
                    raw.add(new Token(piece, word, Stemmer.stem(word), sentence, clause, shouted, false));
                }
            } else if (m.group(2) != null) {
                sentence++;
                clause++;
            } else {
                clause++;
            }
        }
        List<Token> tokens = new ArrayList<>(raw.size());
        for (int i = 0; i < raw.size(); i++) {
            Token t = raw.get(i);
            boolean negated = false;
            if (!NEGATORS.contains(t.lower())) {
                for (int j = i - 1; j >= 0 && j >= i - NEGATION_WINDOW; j--) {
                    if (raw.get(j).clause() != t.clause()) {
                        break;
                    }
                    if (NEGATORS.contains(raw.get(j).lower())) {
                        negated = true;
                        break;
                    }
                }
            }
            tokens.add(new Token(t.surface(), t.lower(), t.stem(), t.sentence(), t.clause(), t.shouted(), negated));
        }
        return List.copyOf(tokens);
    }

    /** The text with typographic quotes unified, and links, e-mail addresses and ticket ids blanked. */
    static String clean(String text) {
        String s = text.replace('\u2019', '\'')
                .replace('\u2018', '\'')
                .replace('`', '\'')
                .replace('\u00b4', '\'')
                .replace('\u201c', '"')
                .replace('\u201d', '"');
        s = URL.matcher(s).replaceAll(" ");
        s = EMAIL.matcher(s).replaceAll(" ");
        s = TICKET.matcher(s).replaceAll(" ticket ");
        for (int i = 0; i < 3; i++) {
            s = DECIMAL.matcher(s).replaceAll("$1$2");
        }
        return s;
    }

    private static List<String> expand(String word) {
        List<String> whole = WHOLE_WORDS.get(word);
        if (whole != null) {
            return whole;
        }
        if (word.endsWith("n't") && word.length() > 3) {
            return List.of(word.substring(0, word.length() - 3), "not");
        }
        if (NT_WITHOUT_APOSTROPHE.contains(word)) {
            return List.of(word.substring(0, word.length() - 2), "not");
        }
        int apostrophe = word.indexOf('\'');
        if (apostrophe > 0) {
            String base = word.substring(0, apostrophe);
            String suffix = word.substring(apostrophe + 1);
            switch (suffix) {
                case "re":
                    return List.of(base, "are");
                case "ve":
                    return List.of(base, "have");
                case "ll":
                    return List.of(base, "will");
                case "d":
                    return List.of(base, "would");
                case "m":
                    return List.of(base, "am");
                case "s":
                    return IS_WORDS.contains(base) ? List.of(base, "is") : List.of(base);
                default:
                    return List.of(base + suffix);
            }
        }
        return List.of(word);
    }
}
