package dev.escalation.core.internal.offline;

import dev.escalation.core.Department;
import dev.escalation.core.Intent;
import dev.escalation.core.Interpretation;
import dev.escalation.core.InterpretationRequest;
import dev.escalation.core.ProblemRelation;
import dev.escalation.core.Question;
import dev.escalation.core.Slots;
import dev.escalation.core.StateSpec;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The offline model's reading of how a message relates to the problem in hand: after a ticket, the
 * ticket's problem or a new one; while a request is collected, a second problem or more of the same.
 * Also reads the answers to the two questions about a parked problem ("Is this about TK-... or
 * something new?", "Shall I start a request for it?").
 *
 * <p>After a ticket: a ticket id, "add to my ticket", "that issue", "again" are the same problem; "another
 * problem", "something else" or words of another department than the ticket's are a new one; words of
 * the ticket's department without "also", "too" and the like, or a reason with no department at all,
 * are unclear. While collecting, only an explicit second problem, or "also" with words of another
 * department than the one known, is new: a correction of the department is not a second problem.
 *
 * <p>Stateless and thread-safe. Example: {@code ProblemJudge.judge(request, text, reading)}.
 */
final class ProblemJudge {

    private ProblemJudge() {}

    private static final Pattern NEW_PROBLEM = Pattern.compile("(?i)\\b(?:another|new|different|separate|second"
            + "|other|unrelated|additional)\\s+(?:problem|issue|question|thing|matter|request|complaint|topic|subject)\\b"
            + "|\\bsomething (?:else|different|unrelated)\\b|\\balso (?:have|got) (?:a|an|another)\\b"
            + "|\\b(?:one|1) more (?:problem|issue|thing|question)\\b|\\bon (?:a|an)?\\s*(?:different|separate|other)"
            + " (?:note|topic|subject)\\b|\\bwhile i'?m (?:here|at it)\\b|\\bunrelated\\b");
    private static final Pattern SAME_PROBLEM = Pattern.compile("(?i)\\b(?:(?:the\\s+)?same\\s+(?:problem|issue|thing"
            + "|error|fault|case)|(?:that|this|the|my)\\s+(?:issue|problem|fault|error)\\s+(?:again|still|is|has|i|we)"
            + "|about\\s+(?:that|this|the|my)\\s+(?:issue|problem|ticket|case)|(?:my|the|that|this)\\s+(?:ticket|case)"
            + "|happen(?:ed|s|ing)\\s+again|again\\b|still\\s+(?:not|doesn'?t|isn'?t|can'?t|won'?t|happening|broken"
            + "|the\\s+same))");
    private static final Pattern ADDITIVE = Pattern.compile("(?i)\\b(?:also|as well|too|additionally|in addition"
            + "|btw|by the way|one more thing|and another thing|plus|besides)\\b");
    // Answers to "Is this about TK-... or something new?"
    private static final Pattern NOT_NEW =
            Pattern.compile("(?i)\\bnot\\s+(?:a\\s+|something\\s+)?(?:new|different" + "|separate|else)\\b");
    private static final Pattern NEW_ANSWER = Pattern.compile("(?i)\\b(?:new|something else|different|separate"
            + "|another|unrelated|second|other (?:one|thing|problem|issue|request)|not (?:about|related|the same|that"
            + "|it|this)|isn'?t (?:about|related)|a new (?:one|request|ticket))\\b");
    private static final Pattern SAME_ANSWER = Pattern.compile("(?i)\\b(?:same|that one|this one|that ticket"
            + "|the ticket|my ticket|existing|the first|the old|it'?s about (?:it|that|the ticket)|related|add (?:it|this"
            + "|that)|about (?:it|that|the ticket)|the one you (?:just )?(?:created|opened|made))\\b");

    /** {@code reading} with how the message relates to the problem in hand, or as it is. */
    static Interpretation judge(InterpretationRequest request, String text, Interpretation reading) {
        List<Token> tokens = Tokens.of(text);
        boolean aside = reading.intent() == Intent.STATUS_QUERY || reading.intent() == Intent.CANCEL;
        if (request.pendingQuestion() == Question.SAME_OR_NEW && !aside) {
            ProblemRelation answer = answerToSameOrNew(text, tokens);
            return answer == null ? reading : reading.withProblem(answer);
        }
        if (request.pendingQuestion() == Question.START_PARKED && !aside) {
            if (IntentReader.isYes(tokens, text)) {
                return Interpretation.of(Intent.CONFIRM);
            }
            if (IntentReader.isNo(tokens, text)) {
                return Interpretation.of(Intent.DENY);
            }
            return reading;
        }
        Intent intent = reading.intent();
        boolean informative = intent == Intent.PROVIDE_INFO || intent == Intent.CORRECT;
        boolean ticketState = request.flow()
                .stateSpec(request.state())
                .map(spec -> spec.kind() == StateSpec.Kind.TICKET)
                .orElse(false);
        if (ticketState && (informative || intent == Intent.ADD_UPDATE)) {
            ProblemRelation relation = afterTicket(request, reading, text, tokens);
            return relation == null ? reading : reading.withProblem(relation);
        }
        Slots slots = request.slots();
        if (informative
                && !request.flow().isCycleEnd(request.state())
                && (slots.reasonGiven() || slots.detailsGiven())
                && request.pendingQuestion() != Question.DEPARTMENT
                && secondProblem(request, text, tokens)) {
            return reading.withProblem(ProblemRelation.NEW);
        }
        return reading;
    }

    private static ProblemRelation afterTicket(
            InterpretationRequest request, Interpretation reading, String text, List<Token> tokens) {
        boolean explicitUpdate = reading.intent() == Intent.ADD_UPDATE && IntentReader.addUpdate(text, false) != null;
        if (reading.ticketReference() != null
                || explicitUpdate
                || SAME_PROBLEM.matcher(text).find()) {
            return ProblemRelation.SAME;
        }
        if (NEW_PROBLEM.matcher(text).find()) {
            return ProblemRelation.NEW;
        }
        Vocabulary v = Vocabulary.of(request.flow());
        Department winner = DepartmentJudge.clearWinner(DepartmentJudge.votes(v, tokens));
        Department ticket = request.slots().department();
        boolean additive = ADDITIVE.matcher(text).find() || reading.intent() == Intent.ADD_UPDATE;
        if (winner != null && ticket != null) {
            return !winner.equals(ticket)
                    ? ProblemRelation.NEW
                    : additive ? ProblemRelation.SAME : ProblemRelation.UNCLEAR;
        }
        if (additive) {
            return ProblemRelation.SAME;
        }
        boolean raisesSomething = reading.statesReason() || reading.statesDetails();
        return raisesSomething && DetailJudge.contentWords(tokens) >= 3 ? ProblemRelation.UNCLEAR : null;
    }

    private static boolean secondProblem(InterpretationRequest request, String text, List<Token> tokens) {
        if (NEW_PROBLEM.matcher(text).find()) {
            return true;
        }
        Department known = request.slots().department();
        if (known == null || !ADDITIVE.matcher(text).find()) {
            return false;
        }
        Vocabulary v = Vocabulary.of(request.flow());
        if (DepartmentJudge.named(v, tokens) != null) {
            return false;
        }
        Department winner = DepartmentJudge.clearWinner(DepartmentJudge.votes(v, tokens));
        return winner != null && !winner.equals(known);
    }

    private static ProblemRelation answerToSameOrNew(String text, List<Token> tokens) {
        if (NOT_NEW.matcher(text).find()) {
            return ProblemRelation.SAME;
        }
        if (NEW_ANSWER.matcher(text).find()) {
            return ProblemRelation.NEW;
        }
        if (Extract.ticketReference(text) != null
                || SAME_ANSWER.matcher(text).find()
                || IntentReader.isYes(tokens, text)) {
            return ProblemRelation.SAME;
        }
        // The question was "Is this about TK-...?": a no means something new.
        return IntentReader.isNo(tokens, text) ? ProblemRelation.NEW : null;
    }
}
