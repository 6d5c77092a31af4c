package dev.escalation.core;

import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Turns a model's reading into the event the flow decides on, once the reading says how the message
 * relates to the problem in hand ({@link Interpretation#problem()}). The model only reads; the flow's
 * settings and rows decide:
 *
 * <ul>
 *   <li>after a ticket, a message about the same problem becomes a note to the ticket; one about a
 *       different problem takes the ticket state's {@code new_problem} move and one the model cannot
 *       place its {@code unclear} move ({@link FlowDefinition#newProblemMove()}, {@link
 *       FlowDefinition#unclearMove()}): a new request, a note, or the one question "Is this about TK-...
 *       or something new?", whose answer then decides for the parked message;</li>
 *   <li>while a request is collected, a second problem is parked with the conversation, never merged
 *       into the first one's description, and offered as a request of its own right after the ticket.</li>
 * </ul>
 *
 * <p>A new request is read afresh, as the first message of a request, so that its department, slots
 * and priority are its own. Not thread-safe; one per turn.
 */
final class ProblemRouting {

    /** Parked text beyond this is cut: it is one message or two, not a document. */
    static final int MAX_PARKED_LENGTH = Slots.MAX_DESCRIPTION_LENGTH;

    /**
     * How the flow takes a message.
     *
     * @param reading what the flow decides on
     * @param parked the conversation's parked request after the turn, or null
     * @param lead an act said before the state's own prompt, or null
     * @param ask whether to ask "Is this about TK-... or something new?" instead of the state's prompt
     */
    record Routed(
            Interpretation reading,
            @Nullable String parked,
            @Nullable ReplyAct lead,
            boolean ask) {
        Routed {
            Objects.requireNonNull(reading, "reading");
        }
    }

    private final FlowDefinition flow;
    private final Conversation before;
    private final Interpretation reading;
    private final String text;
    private final Function<String, Interpretation> freshReading;

    /**
     * @param freshReading reads a text as the first message of a new request (one model call)
     */
    ProblemRouting(
            FlowDefinition flow,
            Conversation before,
            Interpretation reading,
            String text,
            Function<String, Interpretation> freshReading) {
        this.flow = flow;
        this.before = before;
        this.reading = reading;
        this.text = text;
        this.freshReading = freshReading;
    }

    Routed route() {
        String parked = before.parkedRequest();
        Routed answer = null;
        if (reading.intent() == Intent.STATUS_QUERY) {
            return unchanged();
        }
        if (afterTicket() && parked != null && before.pendingQuestion() == Question.SAME_OR_NEW) {
            answer = answerToSameOrNew(parked);
        } else if (afterTicket() && parked != null && before.pendingQuestion() == Question.START_PARKED) {
            answer = answerToOffer(parked);
        }
        if (answer != null) {
            return answer;
        }
        boolean answering =
                before.pendingQuestion() == Question.SAME_OR_NEW || before.pendingQuestion() == Question.START_PARKED;
        // "the same one" answers the question about a parked message; it says nothing about itself.
        ProblemRelation relation = answering ? null : reading.problem();
        if (relation == null || reading.ticketReference() != null) {
            return unchanged();
        }
        if (afterTicket() && (informative() || reading.intent() == Intent.ADD_UPDATE)) {
            return afterTicket(relation);
        }
        if (relation == ProblemRelation.NEW
                && informative()
                && !flow.isCycleEnd(before.state())
                && (before.slots().reasonGiven() || before.slots().detailsGiven())) {
            // The message is kept whole: splitting it between two requests would guess where one ends.
            return new Routed(
                    Interpretation.of(Intent.PROVIDE_INFO),
                    park(parked, text),
                    new ReplyAct.SecondProblemParked(text.strip()),
                    false);
        }
        return unchanged();
    }

    private Routed afterTicket(ProblemRelation relation) {
        if (relation == ProblemRelation.SAME) {
            return reading.intent() == Intent.ADD_UPDATE ? unchanged() : note(text, before.parkedRequest());
        }
        NewProblemMove move = relation == ProblemRelation.NEW ? flow.newProblemMove() : flow.unclearMove();
        if (move == NewProblemMove.ASK && before.parkedRequest() != null) {
            // One question at a time: with a problem already waiting, an unclear message is not parked over it.
            move = NewProblemMove.NEW_REQUEST;
        }
        return switch (move) {
            case NOTE -> note(text, before.parkedRequest());
            case ASK -> new Routed(Interpretation.of(Intent.PROVIDE_INFO), park(null, text), null, true);
            case NEW_REQUEST ->
                informative() && reading.statesReason() && reading.description() != null
                        ? new Routed(reading, before.parkedRequest(), null, false)
                        : newRequest(text, before.parkedRequest());
        };
    }

    // The answer decides for the parked message; a message that answers neither way (null) is taken as
    // any other, and the parked one waits to be offered after the next ticket.
    private @Nullable Routed answerToSameOrNew(String parked) {
        if (reading.problem() == ProblemRelation.SAME) {
            return note(parked, null);
        }
        if (reading.problem() == ProblemRelation.NEW) {
            return newRequest(parked, null);
        }
        if (reading.intent() == Intent.DENY || reading.intent() == Intent.CANCEL) {
            return new Routed(reading, null, new ReplyAct.ParkedRequestDropped(), false);
        }
        return null;
    }

    private @Nullable Routed answerToOffer(String parked) {
        if (reading.intent() == Intent.CONFIRM || reading.problem() == ProblemRelation.NEW) {
            return newRequest(parked, null);
        }
        if (reading.intent() == Intent.DENY || reading.intent() == Intent.CANCEL) {
            return new Routed(reading, null, new ReplyAct.ParkedRequestDropped(), false);
        }
        return null;
    }

    private Routed note(String note, @Nullable String parked) {
        Interpretation update = new Interpretation(
                Intent.ADD_UPDATE,
                null,
                false,
                null,
                false,
                null,
                false,
                false,
                null,
                null,
                note.strip(),
                Map.of(),
                ProblemRelation.SAME);
        return new Routed(update, parked, null, false);
    }

    // The customer raised a problem, so the new request has a reason even when the reading found none.
    private Routed newRequest(String source, @Nullable String parked) {
        Interpretation fresh = freshReading.apply(source);
        String description = fresh.description() != null ? fresh.description() : source.strip();
        Interpretation start = new Interpretation(
                Intent.PROVIDE_INFO,
                fresh.department(),
                fresh.departmentFromCustomer(),
                fresh.priority(),
                fresh.priorityFromCustomer(),
                description,
                true,
                fresh.statesDetails(),
                fresh.contact(),
                null,
                null,
                fresh.extra(),
                ProblemRelation.NEW);
        return new Routed(start, parked, null, false);
    }

    private Routed unchanged() {
        return new Routed(reading, before.parkedRequest(), null, false);
    }

    private boolean informative() {
        return reading.intent() == Intent.PROVIDE_INFO || reading.intent() == Intent.CORRECT;
    }

    private boolean afterTicket() {
        return before.currentTicketId() != null
                && flow.stateSpec(before.state())
                        .map(spec -> spec.kind() == StateSpec.Kind.TICKET)
                        .orElse(false);
    }

    private static String park(@Nullable String parked, String text) {
        String joined = parked == null ? text.strip() : parked + "\n" + text.strip();
        return joined.length() > MAX_PARKED_LENGTH ? joined.substring(0, MAX_PARKED_LENGTH) : joined;
    }
}
