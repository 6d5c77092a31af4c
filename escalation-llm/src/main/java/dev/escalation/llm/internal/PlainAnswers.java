package dev.escalation.llm.internal;

import dev.escalation.core.Intent;
import dev.escalation.core.Interpretation;
import dev.escalation.core.InterpretationRequest;
import dev.escalation.core.StateSpec;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Messages a model has nothing to add to: a bare yes or no to the summary, and a bare question about the
 * status of one ticket named by its id. Each is read by a closed vocabulary, so any word outside it (a
 * "but", a department, a change, a note, a second id) leaves the message to the model; and the reply to
 * each carries only facts the flow and the store hold (the ticket created, nothing created, the stored
 * status), which the built-in wording says. Not part of the API.
 *
 * <p>Thread-safe (stateless).
 */
public final class PlainAnswers {
    private PlainAnswers() {}

    // Compiled once: every turn of a model with plain answers on passes through here.
    private static final Pattern SEPARATORS = Pattern.compile("[^a-z']+");
    private static final Pattern QUOTES = Pattern.compile("^'+|'+$");
    private static final Set<String> YES = Set.of(
            "yes",
            "yeah",
            "yep",
            "yup",
            "sure",
            "ok",
            "okay",
            "correct",
            "confirm",
            "confirmed",
            "absolutely",
            "definitely",
            "ahead");
    private static final Set<String> NO = Set.of("no", "nope", "nah");
    // Words that may stand beside a yes or a no without changing it.
    private static final Set<String> POLITE = Set.of(
            "please", "thanks", "thank", "you", "go", "do", "it", "that", "that's", "thats", "is", "the", "ticket",
            "create", "open", "file", "submit", "sounds", "looks", "good", "great", "perfect", "fine", "right", "all",
            "and", "of", "course");
    private static final Set<String> NOT_NOW = Set.of("not", "now", "don't", "dont");
    private static final Set<String> STATUS = Set.of("status", "progress", "news");
    private static final Set<String> ABOUT_A_TICKET = Set.of(
            "what", "what's", "whats", "is", "the", "of", "on", "for", "my", "ticket", "please", "any", "hi", "hello",
            "can", "could", "you", "check", "tell", "me", "about", "how", "how's", "hows", "there", "with", "thanks",
            "current", "latest");

    /**
     * The reading of {@code request}'s message when it is one of the plain answers (see the class
     * comment); empty when the model should read it.
     */
    public static Optional<Interpretation> read(InterpretationRequest request) {
        List<String> ids = CustomerText.ticketIdsIn(request.text());
        List<String> words = words(CustomerText.withoutTicketIds(request.text()));
        if (words.isEmpty()) {
            return Optional.empty();
        }
        if (ids.size() == 1) {
            return onlyWordsOf(words, ABOUT_A_TICKET, STATUS) && words.stream().anyMatch(STATUS::contains)
                    ? Optional.of(reading(Intent.STATUS_QUERY, ids.get(0)))
                    : Optional.empty();
        }
        boolean summaryShown = request.flow()
                .stateSpec(request.state())
                .map(spec -> spec.kind() == StateSpec.Kind.CONFIRM)
                .orElse(false);
        if (!ids.isEmpty() || !summaryShown) {
            return Optional.empty();
        }
        if (onlyWordsOf(words, YES, POLITE) && YES.contains(words.get(0))) {
            return Optional.of(reading(Intent.CONFIRM, null));
        }
        if (onlyWordsOf(words, NO, POLITE, NOT_NOW) && NO.contains(words.get(0))) {
            return Optional.of(reading(Intent.DENY, null));
        }
        return Optional.empty();
    }

    @SafeVarargs
    private static boolean onlyWordsOf(List<String> words, Set<String>... vocabularies) {
        for (String word : words) {
            boolean known = false;
            for (Set<String> vocabulary : vocabularies) {
                known |= vocabulary.contains(word);
            }
            if (!known) {
                return false;
            }
        }
        return true;
    }

    // Lower case, curly apostrophes straightened, everything but letters and apostrophes a separator.
    private static List<String> words(String text) {
        String plain = text.toLowerCase(Locale.ROOT).replace('\u2019', '\'');
        return SEPARATORS
                .splitAsStream(plain)
                .map(word -> QUOTES.matcher(word).replaceAll(""))
                .filter(word -> !word.isEmpty())
                .toList();
    }

    private static Interpretation reading(Intent intent, @Nullable String ticketReference) {
        return new Interpretation(
                intent, null, false, null, false, null, false, false, null, ticketReference, null, Map.of(), null);
    }
}
