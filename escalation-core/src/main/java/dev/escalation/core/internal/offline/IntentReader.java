package dev.escalation.core.internal.offline;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises the flow events that are not plain information: adding a note to a ticket, asking for
 * a ticket's status, cancelling, and the answers to the summary (yes, no).
 *
 * <p>Each check is negation-aware where it matters: "don't cancel" is no cancel, "I can't log in" has
 * no cancel word at all, "I cancelled my policy" and "cancel my subscription" are problems, not
 * requests to stop. Status and update requests must clearly refer to a ticket.
 *
 * <p>Stateless and thread-safe. Example: {@code IntentReader.isCancel(Tokens.of("never mind"))} is true.
 */
final class IntentReader {

    private IntentReader() {}

    // --- adding a note to a ticket -------------------------------------------------------------

    private static final String POLITE = "(?:(?:please|pls|can you|could you|would you|will you|kindly|i'?d like to"
            + "|i would like to|i want to|i need to|i wanna|can i|could i|may i|let me|just|also|and)[\\s,]+)*";
    private static final String TICKET_NOUN = "(?:(?:my|the|this|that|our|your)\\s+)?(?:(?:existing|open|current|"
            + "support|last)\\s+)?(?:ticket|case|tk-[a-z0-9]+)(?:\\s+tk-[a-z0-9]+)?";

    // "please add this to my ticket:", "add to ticket TK-...", "can you put this on the case"
    private static final Pattern ADD_TO_TICKET = Pattern.compile("(?i)" + POLITE
            + "\\b(?:add|append|attach|include|put|note|log|write)\\b[^.?!:\\n]{0,40}?\\b(?:to|on|onto|in|into|for|with)\\s+"
            + TICKET_NOUN + "\\b");
    // "update my ticket with ...", "update ticket TK-...: ..."
    private static final Pattern UPDATE_TICKET =
            Pattern.compile("(?i)" + POLITE + "\\bupdate\\s+" + TICKET_NOUN + "\\b(?:\\s*(?:with|to say|:|-))?");
    // "a note for my ticket: ..."
    private static final Pattern NOTE_FOR_TICKET = Pattern.compile("(?i)\\b(?:a\\s+)?(?:note|update|comment|info"
            + "|information|detail)\\s+(?:for|on|to)\\s+" + TICKET_NOUN + "\\s*:");
    // After a ticket was created: "can you add that I'm on Android 14", "please also note that ..."
    private static final Pattern ADD_THAT = Pattern.compile("(?i)^\\s*" + POLITE
            + "(?:add|note|mention|include|let (?:them|the team) know)\\s+(?:that|this|the following)\\b\\s*:?");
    // After a ticket was created, more information on the same problem.
    private static final Pattern ADDITIVE = Pattern.compile("(?i)\\b(?:also|as well|too|additionally|in addition"
            + "|forgot to (?:mention|say|add|tell)|one more thing|btw|by the way|p\\.?s\\.?|just to add|to add to that"
            + "|furthermore|i should (?:mention|add)|for the record|update:)\\b");
    private static final Pattern NEW_PROBLEM = Pattern.compile("(?i)\\b(?:another|new|different|separate|second"
            + "|other|unrelated)\\s+(?:problem|issue|question|thing|matter|request|complaint)\\b|\\bsomething else\\b"
            + "|\\balso (?:have|got) (?:a|an|another)\\b");

    /** A request to add a note, with the note if one was given. */
    record AddUpdate(String note) {}

    /** An explicit request to add a note to a ticket, or null. */
    static AddUpdate addUpdate(String text, boolean ticketJustCreated) {
        for (Pattern pattern : List.of(ADD_TO_TICKET, UPDATE_TICKET, NOTE_FOR_TICKET)) {
            Matcher m = pattern.matcher(text);
            if (m.find()) {
                return new AddUpdate(noteAround(text, m.start(), m.end()));
            }
        }
        if (ticketJustCreated) {
            Matcher m = ADD_THAT.matcher(text);
            if (m.find()) {
                return new AddUpdate(noteAround(text, m.start(), m.end()));
            }
            // "thanks, you too!" is no information; "please send the quote to X as well" is.
            if (ADDITIVE.matcher(text).find()
                    && !NEW_PROBLEM.matcher(text).find()
                    && !StatusWords.asks(text)
                    && DetailJudge.contentWords(Tokens.of(text)) >= 2) {
                return new AddUpdate(tidy(text));
            }
        }
        return null;
    }

    // The note follows the preamble ("add to my ticket: <note>") or, failing that, precedes it
    // ("<note> - please add this to my ticket").
    private static String noteAround(String text, int start, int end) {
        String after = tidy(text.substring(end));
        if (after != null) {
            return after;
        }
        String before = tidy(text.substring(0, start));
        return before != null && DetailJudge.contentWords(Tokens.of(before)) >= 2 ? before : null;
    }

    private static final Pattern LEADING_JUNK = Pattern.compile(
            "^[\\s:;,.\\-\u2013\u2014]*(?:(?:that|saying|to say" + "|the following|as follows)\\b[\\s:,-]*)?");
    private static final Pattern TRAILING_JUNK = Pattern.compile("[\\s:;,\\-\u2013\u2014]+$");

    private static String tidy(String text) {
        String s = LEADING_JUNK.matcher(text).replaceFirst("");
        s = TRAILING_JUNK.matcher(s).replaceFirst("").strip();
        return s.chars().anyMatch(Character::isLetterOrDigit) ? s : null;
    }

    // --- status ------------------------------------------------------------------------------------

    /** The words of asking where something stands. */
    static final class StatusWords {
        private static final Pattern ASKS = Pattern.compile("(?i)\\b(?:status|news|progress|any\\s+updates?"
                + "|an\\s+update|updates?\\s+(?:on|about|for)|what'?s\\s+happening|what\\s+is\\s+happening|what\\s+happened"
                + "|heard\\s+back|been\\s+(?:resolved|solved|fixed|closed|looked\\s+at|handled|assigned|dealt\\s+with)"
                + "|is\\s+it\\s+(?:resolved|solved|fixed|closed|open|done|sorted)|still\\s+open|where\\s+(?:is|are|does)"
                + "|where'?s|eta|how\\s+long|when\\s+will|check\\s+on|checking\\s+on|follow(?:ing)?\\s+up\\s+on"
                + "|look\\s+up|what'?s\\s+going\\s+on|how\\s+is\\s+it\\s+going|how'?s\\s+it\\s+going|anything\\s+new"
                + "|any\\s+word|any\\s+movement|where\\s+things\\s+stand|stands?)\\b");
        private static final Pattern STATUS_OF_OTHER = Pattern.compile("(?i)\\b(?:status|news|progress|updates?)\\s+"
                + "(?:of|on|about|for)\\s+(?:my|the|our|this|that)?\\s*([a-z]+)");
        private static final Set<String> TICKET_NOUNS = Set.of(
                "ticket", "tickets", "case", "escalation", "request", "complaint", "tk", "report", "issue", "it");

        private StatusWords() {}

        static boolean asks(String text) {
            return ASKS.matcher(text).find();
        }

        // "status of my refund" asks about a refund, not a ticket.
        static boolean aboutSomethingElse(String text) {
            Matcher m = STATUS_OF_OTHER.matcher(text);
            return m.find() && !TICKET_NOUNS.contains(m.group(1).toLowerCase(Locale.ROOT));
        }
    }

    private static final Pattern TICKET_WORD = Pattern.compile("(?i)\\b(?:ticket|case|escalation)\\b|\\btk-?[a-z0-9]");
    private static final Pattern BARE_STATUS = Pattern.compile("(?i)^\\W*(?:and\\s+|so\\s+)?(?:what'?s|what\\s+is"
            + "|whats)?\\s*(?:the\\s+)?(?:status|news|update|progress)\\W*(?:now|please|pls)?\\W*$"
            + "|^\\W*any\\s+(?:news|updates?|progress|word)\\b.{0,30}$");

    /** Whether the message asks for a ticket's status. */
    static boolean isStatusQuery(String text, String reference, boolean ticketExists) {
        return isStatusQuery(Vocabulary.standard(), text, reference, ticketExists);
    }

    /** Whether the message asks for a ticket's status, with the flow's department cues. */
    static boolean isStatusQuery(Vocabulary v, String text, String reference, boolean ticketExists) {
        String cleaned = Tokens.clean(text);
        int words = Tokens.of(text).size();
        if (reference != null && (StatusWords.asks(text) || words <= 6)) {
            return true;
        }
        boolean ticketWord = TICKET_WORD.matcher(text).find();
        // In the middle of describing a problem, only a short question is about a ticket.
        if (ticketWord
                && (ticketExists || words <= 15)
                && StatusWords.asks(text)
                && !StatusWords.aboutSomethingElse(text)) {
            return true;
        }
        if (BARE_STATUS.matcher(cleaned.strip()).find()) {
            return ticketExists || cleaned.toLowerCase(Locale.ROOT).contains("status");
        }
        return ticketExists
                && words <= 8
                && StatusWords.asks(text)
                && !StatusWords.aboutSomethingElse(text)
                && DepartmentJudge.clearWinner(DepartmentJudge.votes(v, Tokens.of(text))) == null;
    }

    // --- cancel --------------------------------------------------------------------------------------

    private static final Set<String> CANCEL_OBJECTS = Set.of(
            "it",
            "this",
            "that",
            "everything",
            "please",
            "now",
            "all",
            "then",
            "pls",
            "thanks",
            "thank",
            "ticket",
            "request",
            "escalation",
            "complaint",
            "whole",
            "process",
            "thing",
            "conversation",
            "chat",
            "them",
            "here");
    private static final Set<String> DETERMINERS = Set.of("the", "my", "this", "that", "our");
    private static final Pattern CHANGED_MIND = Pattern.compile("(?i)\\b(?:changed my mind|change of plans?"
            + "|no need anymore|not needed anymore|no longer need(?:ed)?|don'?t need (?:it|this|that|help|a ticket) anymore"
            + "|do not need (?:it|this|that|help|a ticket) anymore)\\b");
    private static final Pattern GIVE_UP = Pattern.compile("(?i)\\b(?:don'?t bother|do not bother|drop it"
            + "|scrap (?:it|that|this)|abort|call it off|i'?ll pass|let'?s leave it|leave it)\\b");

    /**
     * Whether the customer wants to give up this escalation. A message that describes a problem at
     * length and only contains such words further on ("... I never made this withdrawal - please stop
     * it!") is not giving up.
     */
    static boolean isCancel(List<Token> tokens, String text) {
        int at = cancelPhraseAt(tokens, text);
        if (at >= 0) {
            return at <= 2 || DetailJudge.contentWords(tokens) <= 6;
        }
        // Weaker phrases ("leave it", "drop it", "I'll pass") give up only when they are the message.
        Matcher giveUp = GIVE_UP.matcher(text);
        return giveUp.find()
                && tokens.size() <= 8
                && Tokens.of(text.substring(0, giveUp.start())).size() <= 2
                && !text.toLowerCase(Locale.ROOT).matches("(?s).*\\b(?:don'?t|do not|never)\\s+(?:abort|drop)\\b.*");
    }

    // Where a cancel phrase starts, or -1.
    private static int cancelPhraseAt(List<Token> tokens, String text) {
        int n = tokens.size();
        for (int i = 0; i < n; i++) {
            Token t = tokens.get(i);
            String w = t.lower();
            if ((w.equals("cancel") || w.equals("cancelling") || w.equals("canceling"))
                    && !t.negated()
                    && cancelsThis(tokens, i)) {
                return i;
            }
            if (w.equals("never")
                    && i + 1 < n
                    && tokens.get(i + 1).lower().equals("mind")
                    && endsOrSoftly(tokens, i + 1)) {
                return i;
            }
            if (w.equals("forget")
                    && !t.negated()
                    && i + 1 < n
                    && startsSentenceOrPlease(tokens, i)
                    && Set.of("it", "about", "this", "that", "everything")
                            .contains(tokens.get(i + 1).lower())) {
                return i;
            }
            // "stop" alone gives up; in "please stop it" after a problem it asks to stop the problem.
            if (w.equals("stop")
                    && !t.negated()
                    && n <= 4
                    && startsSentenceOrPlease(tokens, i)
                    && endsOrSoftly(tokens, i)) {
                return i;
            }
        }
        Matcher changedMind = CHANGED_MIND.matcher(text);
        return changedMind.find()
                ? Tokens.of(text.substring(0, changedMind.start())).size()
                : -1;
    }

    // "cancel", "cancel it", "cancel the ticket", "please cancel my request" - not "cancel my policy".
    private static boolean cancelsThis(List<Token> tokens, int i) {
        if (i + 1 >= tokens.size()
                || tokens.get(i + 1).clause() != tokens.get(i).clause()) {
            return true;
        }
        String next = tokens.get(i + 1).lower();
        if (DETERMINERS.contains(next)) {
            if (i + 2 >= tokens.size()
                    || tokens.get(i + 2).clause() != tokens.get(i).clause()) {
                return true;
            }
            return CANCEL_OBJECTS.contains(tokens.get(i + 2).lower());
        }
        return CANCEL_OBJECTS.contains(next);
    }

    // The phrase ends its clause, or is followed only by "then", "it", "please", "thanks" or "I ...".
    private static boolean endsOrSoftly(List<Token> tokens, int i) {
        if (i + 1 >= tokens.size()
                || tokens.get(i + 1).clause() != tokens.get(i).clause()) {
            return true;
        }
        return Set.of("then", "it", "please", "thanks", "thank", "i", "now", "this", "that", "about", "here", "all")
                .contains(tokens.get(i + 1).lower());
    }

    private static boolean startsSentence(List<Token> tokens, int i) {
        return i == 0
                || tokens.get(i - 1).sentence() != tokens.get(i).sentence()
                || tokens.get(i - 1).clause() != tokens.get(i).clause();
    }

    private static boolean startsSentenceOrPlease(List<Token> tokens, int i) {
        if (startsSentence(tokens, i)) {
            return true;
        }
        String previous = tokens.get(i - 1).lower();
        return (previous.equals("please") || previous.equals("just") || previous.equals("ok") || previous.equals("no"))
                && (i < 2 || startsSentence(tokens, i - 1));
    }

    // --- answers to the summary ----------------------------------------------------------------------

    private static final Set<String> YES_WORDS = Set.of(
            "yes",
            "yeah",
            "yep",
            "yup",
            "ya",
            "yea",
            "yess",
            "yesss",
            "sure",
            "ok",
            "okay",
            "k",
            "kk",
            "correct",
            "right",
            "perfect",
            "great",
            "fine",
            "absolutely",
            "definitely",
            "affirmative",
            "exactly",
            "agreed",
            "sí",
            "si",
            "oui",
            "ja",
            "confirm",
            "confirmed",
            "proceed",
            "alright",
            "good",
            "excellent",
            "cool",
            "lovely",
            "brilliant",
            "yah",
            "certainly",
            "indeed",
            "aye");
    private static final Pattern YES_PHRASE = Pattern.compile("(?i)\\b(?:yes|yeah|yep|yup|go ahead|go for it"
            + "|do it|please do|create (?:it|the ticket|a ticket|that)|open (?:it|the ticket|a ticket)|submit (?:it|that)"
            + "|that'?s (?:right|correct|fine|good|it)|that is (?:right|correct|fine|good|it)|is correct|sounds (?:good|right"
            + "|fine|great)|looks (?:good|right|fine|great|correct)|all good|i confirm|confirmed|proceed|please proceed"
            + "|that works|s[ií]|make it so)\\b");
    private static final Set<String> NO_WORDS = Set.of("no", "nope", "nah", "negative", "not", "nay", "non");
    private static final Pattern NO_PHRASE = Pattern.compile("(?i)\\b(?:do(?:n'?t| not) (?:create|open|submit|make|want"
            + "|need|file|log|raise)|no thanks|no thank you|not now|not yet|rather not|hold off|i don'?t want|i do not want"
            + "|not right now)\\b");
    private static final Pattern WRONG = Pattern.compile("(?i)\\b(?:wrong|incorrect|not (?:right|correct|quite right"
            + "|accurate)|mistake|isn'?t right|is not right|that'?s not it)\\b");

    /** Whether the message is an explicit yes (and not also a no). */
    static boolean isYes(List<Token> tokens, String text) {
        if (tokens.isEmpty()) {
            return false;
        }
        Token first = tokens.get(0);
        boolean yes = (YES_WORDS.contains(first.lower()) && !first.negated()) || yesPhraseNotNegated(text);
        return yes && !isNo(tokens, text) && !WRONG.matcher(text).find();
    }

    private static boolean yesPhraseNotNegated(String text) {
        Matcher m = YES_PHRASE.matcher(text);
        while (m.find()) {
            String before =
                    text.substring(Math.max(0, m.start() - 12), m.start()).toLowerCase(Locale.ROOT);
            if (!before.matches("(?s).*\\b(?:not|don'?t|do not|never|no)\\s+(?:\\w+\\s+)?$")) {
                return true;
            }
        }
        return false;
    }

    /** Whether the message is a no to the summary ("no", "nope", "don't create it", "no thanks"). */
    static boolean isNo(List<Token> tokens, String text) {
        if (tokens.isEmpty()) {
            return false;
        }
        Token first = tokens.get(0);
        boolean startsWithNo = NO_WORDS.contains(first.lower())
                && !(tokens.size() > 1
                        && tokens.get(1).clause() == first.clause()
                        && Set.of("rush", "hurry", "problem", "worries", "worry", "pressure", "doubt", "urgency")
                                .contains(tokens.get(1).lower()));
        boolean plainDont = tokens.size() == 2
                && first.lower().equals("do")
                && tokens.get(1).lower().equals("not");
        return startsWithNo || plainDont || NO_PHRASE.matcher(text).find();
    }

    /** Whether the message says the summary is wrong without saying how ("that's not right"). */
    static boolean saysWrong(String text) {
        return WRONG.matcher(text).find();
    }
}
