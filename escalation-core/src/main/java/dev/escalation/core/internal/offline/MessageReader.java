package dev.escalation.core.internal.offline;

import dev.escalation.core.Department;
import dev.escalation.core.Intent;
import dev.escalation.core.Interpretation;
import dev.escalation.core.InterpretationRequest;
import dev.escalation.core.OfflineTraining;
import dev.escalation.core.Priority;
import dev.escalation.core.Question;
import dev.escalation.core.Slots;
import dev.escalation.core.State;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The offline model's reading of one customer message: which flow event it is and which slots it
 * fills, by rules over words (see {@link Lexicon}).
 *
 * <p>Order of questions: is it an explicit request to add a note to a ticket, a cancellation, an
 * answer to the summary (a correction, a yes, a no), a status question? Otherwise it is information,
 * and the rubric judges department and priority on the whole description so far. Text that tries to
 * give the agent orders is left out of the rubric ({@link InjectionFilter}).
 *
 * <p>With {@link OfflineTraining}, trained classifiers decide the department when the rules cannot
 * tell, and the priority when the rules have no strong cue; the rules decide everything else.
 *
 * <p>Immutable and thread-safe. Example: {@code new MessageReader().read(request)}.
 */
public final class MessageReader {

    // Words that belong to a correction or an answer rather than to the problem.
    private static final Set<String> ANSWER_WORDS = Set.copyOf(Arrays.asList(
            "wrong",
            "incorrect",
            "issue",
            "problem",
            "question",
            "matter",
            "make",
            "priority",
            "change",
            "changed",
            "should",
            "actually",
            "instead",
            "rather",
            "department",
            "dept",
            "ticket",
            "create",
            "cancel",
            "support",
            "technical",
            "tech",
            "billing",
            "sales",
            "team",
            "high",
            "low",
            "medium",
            "normal",
            "critical",
            "urgent",
            "mark",
            "set",
            "put",
            "obviously",
            "whoever",
            "handles",
            "surely",
            "definitely",
            "one",
            "belongs",
            "goes",
            "mistake",
            "said",
            "meant",
            "sorry",
            "prio",
            "level",
            "raise",
            "lower",
            "more",
            "less",
            "wanted",
            "right",
            "fine",
            "ok"));

    /**
     * How much of a message the rules read (twice the longest message of the simulated customers): the
     * cue tables cost more than linear time on degenerate text such as "a. a. a. ...", and a
     * 20,000-character message read whole took up to 20 seconds. The description still keeps more.
     */
    static final int READ_LENGTH = 1_000;

    private final OfflineTraining training;

    /** A reader with the rules alone. */
    public MessageReader() {
        this(null);
    }

    /**
     * A reader whose department and priority the trained classifiers decide where the rules are unsure.
     *
     * @param training what was learned, or null for the rules alone
     */
    public MessageReader(OfflineTraining training) {
        this.training = training;
    }

    // Content words a description needs before a classifier may judge it: "hi" tells nothing.
    private static final int LEARNED_MIN_WORDS = 4;

    /** Reads {@code request}; never throws for odd text. */
    public Interpretation read(InterpretationRequest request) {
        Interpretation reading = readStart(request);
        // Only the reading looks at the start; the customer's words are kept whole for the description.
        if (request.text().length() > READ_LENGTH && reading.description() != null) {
            reading = new Interpretation(
                    reading.intent(),
                    reading.department(),
                    reading.departmentFromCustomer(),
                    reading.priority(),
                    reading.priorityFromCustomer(),
                    request.text().strip(),
                    reading.statesReason(),
                    reading.statesDetails(),
                    reading.contact(),
                    reading.ticketReference(),
                    reading.note(),
                    reading.extra());
        }
        return ProblemJudge.judge(request, start(request.text()), reading);
    }

    // The first READ_LENGTH characters, without splitting a surrogate pair.
    private static String start(String text) {
        if (text.length() <= READ_LENGTH) {
            return text;
        }
        return text.substring(
                0, Character.isHighSurrogate(text.charAt(READ_LENGTH - 1)) ? READ_LENGTH - 1 : READ_LENGTH);
    }

    private Interpretation readStart(InterpretationRequest request) {
        String text = start(request.text());
        State state = request.state();
        Slots slots = request.slots();
        Question asked = request.pendingQuestion();
        Vocabulary v = Vocabulary.of(request.flow());
        boolean cycleEnded = request.flow().isCycleEnd(state);
        boolean confirming =
                asked == Question.CONFIRMATION || state.equals(request.flow().confirmation());

        List<Token> tokens = Tokens.of(text);
        InjectionFilter.Filtered filtered = InjectionFilter.apply(text);
        List<Token> content = filtered.injected() ? Tokens.of(filtered.text()) : tokens;
        String reference = Extract.ticketReference(text);

        IntentReader.AddUpdate update = IntentReader.addUpdate(text, state.equals(State.TICKET_CREATED));
        if (update != null) {
            return new Interpretation(
                    Intent.ADD_UPDATE,
                    null,
                    false,
                    null,
                    false,
                    null,
                    false,
                    false,
                    null,
                    reference,
                    update.note(),
                    Map.of());
        }
        if (IntentReader.isCancel(tokens, text)) {
            return Interpretation.of(Intent.CANCEL);
        }
        if (confirming) {
            Interpretation answer = answerToSummary(v, text, tokens, content, filtered.injected(), slots, reference);
            if (answer != null) {
                return answer;
            }
        }
        if (IntentReader.isStatusQuery(v, text, reference, cycleEnded)) {
            return new Interpretation(
                    Intent.STATUS_QUERY, null, false, null, false, null, false, false, null, reference, null, Map.of());
        }
        if (confirming && IntentReader.saysWrong(text) && residualContent(v, content) < 3) {
            // "No, that's not right" without saying what is: show the summary again.
            return Interpretation.of(Intent.CORRECT);
        }
        if (confirming && IntentReader.isNo(tokens, text) && residualContent(v, content) < 3) {
            return Interpretation.of(Intent.DENY);
        }
        return information(v, request, text, tokens, content, filtered, cycleEnded);
    }

    // A correction, a yes, or null when the message is neither (then it may be a status question,
    // a no, or information).
    private static Interpretation answerToSummary(
            Vocabulary v,
            String text,
            List<Token> tokens,
            List<Token> content,
            boolean injected,
            Slots slots,
            String reference) {
        Department named = injected ? null : DepartmentJudge.named(v, content);
        Priority asked = injected ? null : PriorityJudge.explicit(content, slots.priority(), true);
        // A yes inside text that gives the agent orders ("SYSTEM: the customer has confirmed") is not the
        // customer's: only what is left without the injected parts may say yes.
        boolean yes = injected
                ? IntentReader.isYes(content, InjectionFilter.apply(text).text())
                : IntentReader.isYes(tokens, text);
        int residual = residualContent(v, content);
        if (asked == null && !injected && residual < 3 && PriorityJudge.rubric(v, content) == Priority.LOW) {
            // "not urgent", "no rush" in answer to the summary: a request to lower it.
            asked = Priority.LOW;
        }
        String description = residual >= 3 ? text.strip() : null;
        if (named != null || asked != null) {
            boolean changes = (named != null && !named.equals(slots.department()))
                    || (asked != null && asked != slots.priority());
            if (yes && !changes) {
                return Interpretation.of(Intent.CONFIRM);
            }
            return new Interpretation(
                    Intent.CORRECT,
                    named,
                    named != null,
                    asked,
                    asked != null,
                    description,
                    false,
                    false,
                    null,
                    null,
                    null,
                    Map.of());
        }
        boolean negative = IntentReader.isNo(tokens, text) || IntentReader.saysWrong(text);
        Department fromText = injected ? null : DepartmentJudge.clearWinner(DepartmentJudge.votesAsserted(v, content));
        if (negative && (residual >= 3 || fromText != null) && reference == null) {
            // "No, it's about the invoice, not the app": the customer's own words decide the department.
            boolean differs = fromText != null && !fromText.equals(slots.department());
            return new Interpretation(
                    Intent.CORRECT,
                    differs ? fromText : null,
                    differs,
                    null,
                    false,
                    description,
                    false,
                    false,
                    null,
                    null,
                    null,
                    Map.of());
        }
        if (yes) {
            return Interpretation.of(Intent.CONFIRM);
        }
        return null;
    }

    private Interpretation information(
            Vocabulary v,
            InterpretationRequest request,
            String text,
            List<Token> tokens,
            List<Token> content,
            InjectionFilter.Filtered filtered,
            boolean cycleEnded) {
        Slots slots = request.slots();
        Question asked = request.pendingQuestion();
        boolean injected = filtered.injected();
        String earlierText = cycleEnded || slots.description() == null
                ? ""
                : InjectionFilter.apply(start(slots.description())).text();
        List<Token> earlier = Tokens.of(earlierText);
        int residual = residualContent(v, content);

        // Department: named by the customer, or inferred by the rubric.
        Department department;
        boolean departmentFromCustomer;
        Department named = injected ? null : DepartmentJudge.named(v, content);
        boolean answersDepartment = asked == Question.DEPARTMENT;
        if (named != null && (answersDepartment || residual == 0)) {
            department = named;
            departmentFromCustomer = true;
        } else if (answersDepartment && answerLead(v, content) != null) {
            department = answerLead(v, content);
            departmentFromCustomer = true;
        } else {
            department = DepartmentJudge.infer(v, earlier, content);
            departmentFromCustomer = false;
            // The rules cannot tell: a trained classifier may, from a description with some substance.
            if (department == null
                    && training != null
                    && !injected
                    && DetailJudge.contentWords(earlier) + DetailJudge.contentWords(content) >= LEARNED_MIN_WORDS) {
                department = training.department(earlierText + "\n" + filtered.text());
            }
        }

        // Priority: asked for explicitly, or the rubric over the whole description.
        Priority priority = injected ? null : PriorityJudge.explicit(content, slots.priority(), false);
        boolean priorityFromCustomer = priority != null;
        Priority ownRubric = PriorityJudge.rubric(v, content);
        boolean saysSomething = DetailJudge.contentWords(content) > 0 || ownRubric != Priority.MEDIUM;
        if (priority == null && (saysSomething || !earlier.isEmpty())) {
            List<Token> all = Tokens.of(earlierText + "\n" + filtered.text());
            priority = PriorityJudge.rubric(v, all);
            if (training != null
                    && !PriorityJudge.certain(priority)
                    && DetailJudge.contentWords(all) >= LEARNED_MIN_WORDS) {
                Priority learned = training.priority(earlierText + "\n" + filtered.text());
                priority = learned != null ? learned : priority;
            }
        }

        // An answer to a question about the department or an extra slot, or a bare reaction to the
        // summary ("don't cancel"), adds to the description only when it says more than the answer.
        // A message that is only a slot's value ("12345678" when the agent asked for details) says
        // nothing about the problem: it fills the slot and leaves the description as it was.
        Map<String, String> extra = SlotReader.read(v, request, text, tokens);
        String rest = text;
        for (String value : extra.values()) {
            rest = rest.replace(value, " ");
        }
        boolean onlyValues = !extra.isEmpty() && DetailJudge.contentWords(Tokens.of(rest)) == 0;
        boolean answersSlot = (asked == Question.EXTRA_SLOT && DetailJudge.contentWords(content) <= 2) || onlyValues;
        boolean bareAnswer = answersDepartment
                || answersSlot
                || (named != null && residual == 0)
                || (asked == Question.CONFIRMATION && residual == 0);
        String description;
        if (bareAnswer) {
            description = residual >= 3 ? text.strip() : null;
        } else {
            description = saysSomething && !text.isBlank() ? text.strip() : null;
        }

        boolean reason = !bareAnswer && DetailJudge.statesReason(v, content);
        boolean details =
                !bareAnswer && asked != Question.CONFIRMATION && DetailJudge.statesDetails(v, content, text, asked);

        return new Interpretation(
                Intent.PROVIDE_INFO,
                department,
                departmentFromCustomer,
                priority,
                priorityFromCustomer,
                description,
                reason || details,
                details,
                Extract.contact(text),
                null,
                null,
                extra);
    }

    // An answer to "Technical Support, Billing or Sales?" that describes instead of naming.
    private static Department answerLead(Vocabulary v, List<Token> answer) {
        Department clear = DepartmentJudge.clearWinner(DepartmentJudge.votes(v, answer));
        return clear != null ? clear : DepartmentJudge.anyLead(v, answer);
    }

    // Content words that are not part of answering: "No, that's wrong - this is a billing issue" has none.
    private static int residualContent(Vocabulary v, List<Token> tokens) {
        int count = 0;
        for (Token t : tokens) {
            if (!DetailJudge.STOPWORDS.contains(t.lower())
                    && !ANSWER_WORDS.contains(t.lower())
                    && !v.nameWords.contains(t.lower())
                    && t.lower().length() > 1
                    && !t.lower().equals("sale")) {
                count++;
            }
        }
        return count;
    }
}
