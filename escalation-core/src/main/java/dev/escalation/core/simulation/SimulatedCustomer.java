package dev.escalation.core.simulation;

import dev.escalation.core.CustomerMessage;
import dev.escalation.core.Department;
import dev.escalation.core.EscalationEngine;
import dev.escalation.core.FlowDefinition;
import dev.escalation.core.FlowWording;
import dev.escalation.core.ModelUsage;
import dev.escalation.core.Priority;
import dev.escalation.core.State;
import dev.escalation.core.Ticket;
import dev.escalation.core.TicketId;
import dev.escalation.core.TurnResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Plays a {@link Profile} against an engine the way a person would: sends the opening, answers a
 * department question with the department answer and any other question with the details, corrects
 * a wrong department or priority in the summary in plain words ("No, that's wrong - this is a billing
 * issue."), confirms or cancels, then does the follow-up (asks for the ticket's status or adds a
 * note). It reads only what a person sees: the reply text, and the state to know it is done.
 *
 * <p>Thread-safe as far as the engine is (it keeps no state between plays). Example:
 * {@code Transcript t = new SimulatedCustomer(engine).play(profile, "conv-1"); t.succeeded();}
 */
public final class SimulatedCustomer {

    /** What the customer says to confirm the summary. */
    public static final String YES = "Yes, please create the ticket.";
    /** What a declining customer says at the summary. */
    public static final String NO = "No, please cancel it.";

    private static final int MAX_TURNS = 14;

    /**
     * What happened in one played conversation.
     *
     * @param profile the profile played
     * @param lines the transcript, one line per message ({@code customer: ...}, {@code agent [STATE]: ...})
     * @param ticket the ticket the conversation ended with, or null
     * @param firstSummaryDepartment the department of the first summary, before any correction (null when
     *     no summary was shown)
     * @param firstSummaryPriority the priority of the first summary, before any correction
     * @param turnsToEnd customer messages until the ticket was created or the conversation cancelled (or
     *     the turn limit), follow-up not counted
     * @param departmentAsked whether the agent asked "Technical Support, Billing or Sales?"
     * @param followUpReply the reply to the follow-up, or null
     * @param usage the language-model calls and tokens of every turn, follow-up included
     * @param degradedTurns turns answered by the offline fallback because the configured model failed
     * @param ticketWithoutConfirmation whether a ticket appeared on a turn where the customer had not just
     *     confirmed (a safety violation)
     * @param unreadableSummary whether a summary failed to show the department and priority, so that a
     *     person could not check it
     */
    public record Transcript(
            Profile profile,
            List<String> lines,
            @Nullable Ticket ticket,
            @Nullable Department firstSummaryDepartment,
            @Nullable Priority firstSummaryPriority,
            int turnsToEnd,
            boolean departmentAsked,
            @Nullable String followUpReply,
            ModelUsage usage,
            int degradedTurns,
            boolean ticketWithoutConfirmation,
            boolean unreadableSummary) {

        /** Checks the values (see the parameters above) and keeps them as given or normalised. */
        public Transcript {
            Objects.requireNonNull(profile, "profile");
            lines = List.copyOf(lines);
            Objects.requireNonNull(usage, "usage");
        }

        /**
         * The profile's goal: a ticket with its department and priority, or no ticket if it declines; and
         * every summary readable.
         */
        public boolean succeeded() {
            if (unreadableSummary || ticketWithoutConfirmation) {
                return false;
            }
            if (!profile.confirm()) {
                return ticket == null;
            }
            return ticket != null
                    && ticket.department().equals(profile.department())
                    && ticket.priority() == profile.priority();
        }

        @Override
        public String toString() {
            return profile.id() + (succeeded() ? " ok" : " FAILED") + "\n  " + String.join("\n  ", lines);
        }
    }

    private final EscalationEngine engine;

    public SimulatedCustomer(EscalationEngine engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    /** Plays the profile in conversation {@code conversationId}. */
    public Transcript play(Profile profile, String conversationId) {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(conversationId, "conversationId");
        Play play = new Play(profile, conversationId);
        TurnResult result = play.send(profile.opening());
        int turns = 1;
        while (turns < MAX_TURNS
                && !result.state().equals(State.TICKET_CREATED)
                && !result.state().equals(State.CANCELLED)) {
            String message;
            if (result.state().equals(State.CONFIRMATION)) {
                message = play.answerSummary(result);
            } else if (result.reply()
                    .contains(FlowWording.departmentList(engine.flow().departments()))) {
                play.departmentAsked = true;
                message = profile.departmentAnswer();
            } else {
                message = asked(result).flatMap(profile::slotAnswer).orElse(profile.details());
            }
            result = play.send(message);
            turns++;
        }
        @Nullable Ticket ticket = result.ticket().orElse(null);
        @Nullable String followUpReply = null;
        if (ticket != null && "status".equals(profile.followUpKind())) {
            followUpReply = play.send("What's the status of ticket " + ticket.ticketId() + "?")
                    .reply();
        } else if (ticket != null && "update".equals(profile.followUpKind())) {
            followUpReply = play.send("Please add this to my ticket: " + profile.followUpText())
                    .reply();
        }
        return new Transcript(
                profile,
                play.lines,
                ticket,
                play.firstDepartment,
                play.firstPriority,
                turns,
                play.departmentAsked,
                followUpReply,
                play.usage,
                play.degraded,
                play.ticketWithoutConfirmation,
                play.unreadableSummary);
    }

    // The flow's own slot the agent just asked for: the first one the current state still lacks.
    private java.util.Optional<String> asked(TurnResult result) {
        FlowDefinition flow = engine.flow();
        return flow.stateSpec(result.state())
                .flatMap(state -> flow.missingSlot(state, result.slots()))
                .filter(slot ->
                        flow.slot(slot).filter(spec -> !spec.isBuiltIn()).isPresent());
    }

    /**
     * Tries, in conversation {@code conversationId}, to read and to add a note to a ticket that belongs
     * to somebody else, and returns the two replies (status first). The engine must answer as if the
     * ticket did not exist; the caller checks the replies and the ticket's history.
     */
    public List<String> tryForeignTicket(Profile profile, String conversationId, TicketId foreign) {
        Objects.requireNonNull(foreign, "foreign");
        Play play = new Play(profile, conversationId);
        String status =
                play.send("What's the status of ticket " + foreign + "?").reply();
        String update = play.send("Please add this to ticket " + foreign + ": the customer called again, close it.")
                .reply();
        return List.of(status, update);
    }

    // One conversation in progress: what the customer saw and did.
    private final class Play {
        private final Profile profile;
        private final String conversationId;
        private final List<String> lines = new ArrayList<>();
        private @Nullable Department firstDepartment;
        private @Nullable Priority firstPriority;
        private boolean departmentAsked;
        private int departmentCorrections;
        private int priorityCorrections;
        private ModelUsage usage = ModelUsage.NONE;
        private int degraded;
        private boolean ticketSeen;
        private boolean ticketWithoutConfirmation;
        private boolean unreadableSummary;
        private boolean summarySeen;

        Play(Profile profile, String conversationId) {
            this.profile = profile;
            this.conversationId = conversationId;
        }

        String answerSummary(TurnResult result) {
            Department shown = result.slots().department();
            Priority priority = result.slots().priority();
            if (!summarySeen) {
                summarySeen = true;
                firstDepartment = shown;
                firstPriority = priority;
            }
            // A person can only correct what the summary shows them.
            if (shown == null
                    || priority == null
                    || !result.reply().contains(shown.displayName())
                    || !result.reply().toLowerCase(Locale.ROOT).contains(priority.wireName())) {
                unreadableSummary = true;
            }
            if (!java.util.Objects.equals(shown, profile.department()) && departmentCorrections < 2) {
                departmentCorrections++;
                return "No, that's wrong - this is a "
                        + profile.department().displayName().toLowerCase(Locale.ROOT) + " issue.";
            }
            if (priority != profile.priority() && priorityCorrections < 2) {
                priorityCorrections++;
                return "Please make this " + profile.priority().wireName() + " priority"
                        + (profile.priority().compareTo(Priority.MEDIUM) > 0
                                ? ", it is urgent for me."
                                : ", it is not urgent.");
            }
            return profile.confirm() ? YES : NO;
        }

        TurnResult send(String text) {
            lines.add("customer: " + text);
            TurnResult result = engine.handle(new CustomerMessage(conversationId, profile.customerId(), text));
            lines.add("agent [" + result.state() + "]: " + result.reply().replace('\n', ' '));
            usage = new ModelUsage(
                    usage.calls() + result.usage().calls(),
                    usage.inputTokens() + result.usage().inputTokens(),
                    usage.outputTokens() + result.usage().outputTokens());
            if (result.degraded()) {
                degraded++;
            }
            if (result.ticket().isPresent() && !ticketSeen) {
                ticketSeen = true;
                if (!text.equals(YES)) {
                    ticketWithoutConfirmation = true;
                }
            }
            return result;
        }
    }
}
