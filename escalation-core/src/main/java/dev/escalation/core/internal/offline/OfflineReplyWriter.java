package dev.escalation.core.internal.offline;

import dev.escalation.core.FlowDefinition;
import dev.escalation.core.FlowWording;
import dev.escalation.core.Priority;
import dev.escalation.core.ReplyAct;
import dev.escalation.core.ReplyRequest;
import dev.escalation.core.Slots;
import dev.escalation.core.Ticket;
import dev.escalation.core.TicketUpdate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Words the engine's {@link ReplyAct}s from fixed templates, one paragraph per act, and streams the
 * text sentence by sentence. The customer's own words appear only as the description in a summary
 * and as the note in an update confirmation.
 *
 * <p>Stateless and thread-safe. Example: {@code new OfflineReplyWriter().write(request, System.out::print)}.
 */
public final class OfflineReplyWriter {

    /** How much of the description a summary shows before cutting at a word boundary. */
    static final int SUMMARY_DESCRIPTION_LENGTH = 300;

    // A sentence and the space after it; the last piece takes whatever is left.
    private static final Pattern PIECE = Pattern.compile("[^.!?\\n]*(?:[.!?]+|\\n+|$)[ \\t]*\\n*");

    /** Words the reply, passes it to {@code chunks} piece by piece and returns the whole. */
    public String write(ReplyRequest request, Consumer<String> chunks) {
        List<String> paragraphs = new ArrayList<>();
        for (ReplyAct act : request.acts()) {
            paragraphs.add(word(act, request.flow()));
        }
        String text = String.join("\n", paragraphs);
        for (String piece : pieces(text)) {
            chunks.accept(piece);
        }
        return text;
    }

    /** The text cut into sentence-sized pieces whose concatenation is the text. */
    static List<String> pieces(String text) {
        List<String> pieces = new ArrayList<>();
        Matcher m = PIECE.matcher(text);
        int at = 0;
        while (at < text.length() && m.find(at) && m.end() > at) {
            pieces.add(text.substring(at, m.end()));
            at = m.end();
        }
        if (at < text.length()) {
            pieces.add(text.substring(at));
        }
        return pieces;
    }

    static String word(ReplyAct act) {
        return word(act, FlowDefinition.standard());
    }

    // The questions are the flow's own words; the rest is the same in every flow.
    static String word(ReplyAct act, FlowDefinition flow) {
        if (act instanceof ReplyAct.AskReason) {
            return FlowWording.stateQuestion(
                    flow, flow.initial(), "What happened, and why would you like this escalated?");
        }
        if (act instanceof ReplyAct.AskDetails) {
            return FlowWording.questionFor(flow, "details");
        }
        if (act instanceof ReplyAct.AskDepartment) {
            return FlowWording.questionFor(flow, "department");
        }
        if (act instanceof ReplyAct.AskExtraSlot extra) {
            return FlowWording.questionFor(flow, extra.name());
        }
        if (act instanceof ReplyAct.AskAgain again) {
            return FlowWording.askAgain(flow, again.slot(), again.unclear(), again.noted());
        }
        if (act instanceof ReplyAct.Summarize summarize) {
            return summary(summarize.slots(), flow);
        }
        if (act instanceof ReplyAct.TicketCreated created) {
            Ticket t = created.ticket();
            return "I've created ticket " + t.ticketId() + " for "
                    + t.department().displayName() + " with "
                    + t.priority().wireName()
                    + " priority. The team will get back to you; you can ask me for its status "
                    + "at any time.";
        }
        if (act instanceof ReplyAct.Cancelled) {
            return "Okay, I've cancelled this escalation. Nothing was created.";
        }
        if (act instanceof ReplyAct.ReportStatus status) {
            return status(status.ticket(), status.lastUpdate());
        }
        if (act instanceof ReplyAct.TicketNotFound notFound) {
            return notFound.reference() == null
                    ? "I couldn't find a ticket for you yet."
                    : "I couldn't find ticket " + notFound.reference().strip().toUpperCase(Locale.ROOT)
                            + " for your account. Please check the number.";
        }
        if (act instanceof ReplyAct.UpdateAdded added) {
            return "I've added your note to ticket " + added.ticket().ticketId() + ": \""
                    + added.note().strip() + "\"";
        }
        if (act instanceof ReplyAct.AskUpdateText) {
            return "Sure. What would you like me to add to the ticket?";
        }
        if (act instanceof ReplyAct.OfferFurtherHelp help) {
            return help.ticket() == null
                    ? "Is there anything else I can help you with?"
                    : "Is there anything else I can help you with regarding ticket "
                            + help.ticket().ticketId() + " or something new?";
        }
        if (act instanceof ReplyAct.AskSameOrNew ask) {
            return "Is this about ticket " + ask.ticket().ticketId() + " or something new?";
        }
        if (act instanceof ReplyAct.SecondProblemParked parked) {
            return "That sounds like a separate request: \"" + shorten(parked.text())
                    + "\". I've kept it and will take it"
                    + " up as its own request right after this one, so the two don't get mixed up.";
        }
        if (act instanceof ReplyAct.OfferParkedRequest offer) {
            return "You also mentioned: \"" + shorten(offer.text()) + "\". Shall I start a new request for that now?"
                    + " Please answer yes or no.";
        }
        if (act instanceof ReplyAct.ParkedRequestDropped) {
            return "Okay, I've set that aside.";
        }
        if (act instanceof ReplyAct.Refused refused) {
            return "Sorry, I couldn't process that message. " + refused.reason().strip();
        }
        if (act instanceof ReplyAct.ConversationExpired expired) {
            return "Your earlier request was closed after " + readable(expired.after())
                    + " without a message from you, and no " + "ticket was created from it. Let's start again.";
        }
        if (act instanceof ReplyAct.Apology) {
            return "I'm sorry, something went wrong on our side. Nothing you told me was lost; please try again in a "
                    + "moment.";
        }
        throw new IllegalArgumentException("no wording for reply act " + act);
    }

    /** "24 hours", "30 minutes", "1 day": the largest whole unit. */
    static String readable(java.time.Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds > 0 && seconds % 86_400 == 0 && seconds != 86_400) {
            return plural(seconds / 86_400, "day");
        }
        if (seconds > 0 && seconds % 3600 == 0) {
            return plural(seconds / 3600, "hour");
        }
        if (seconds > 0 && seconds % 60 == 0) {
            return plural(seconds / 60, "minute");
        }
        return plural(Math.max(seconds, 1), "second");
    }

    private static String plural(long count, String unit) {
        return count + " " + unit + (count == 1 ? "" : "s");
    }

    private static String summary(Slots slots, FlowDefinition flow) {
        Priority priority = slots.priorityOrDefault();
        String description = slots.description() == null ? "(none yet)" : shorten(slots.description());
        StringBuilder text = new StringBuilder("Here's what I have:\n")
                .append("Department: ")
                .append(slots.department().displayName())
                .append('\n')
                .append("Priority: ")
                .append(priority.wireName())
                .append('\n')
                .append("Description: ")
                .append(description)
                .append('\n');
        for (var field : FlowWording.extraFields(flow, slots).entrySet()) {
            text.append(field.getKey())
                    .append(": ")
                    .append(shorten(field.getValue()))
                    .append('\n');
        }
        return text.append("Shall I create the ticket? Please answer yes, or tell me what to change.")
                .toString();
    }

    private static String status(Ticket ticket, TicketUpdate lastUpdate) {
        StringBuilder text = new StringBuilder("Ticket ")
                .append(ticket.ticketId())
                .append(" (")
                .append(ticket.department().displayName())
                .append(", ")
                .append(ticket.priority().wireName())
                .append(" priority) is ")
                .append(ticket.status().displayName())
                .append('.');
        // The entry written at creation is bookkeeping; notes and status changes are news.
        if (lastUpdate != null
                && lastUpdate.kind() != TicketUpdate.Kind.CREATED
                && lastUpdate.note() != null
                && !lastUpdate.note().isBlank()) {
            text.append(" Latest note: \"").append(shorten(lastUpdate.note())).append("\"");
        }
        return text.toString();
    }

    // One line, at most SUMMARY_DESCRIPTION_LENGTH characters, cut at a word boundary.
    static String shorten(String text) {
        String flat = text.strip().replaceAll("\\s+", " ");
        if (flat.length() <= SUMMARY_DESCRIPTION_LENGTH) {
            return flat;
        }
        int cut = flat.lastIndexOf(' ', SUMMARY_DESCRIPTION_LENGTH);
        return flat.substring(0, cut > SUMMARY_DESCRIPTION_LENGTH / 2 ? cut : SUMMARY_DESCRIPTION_LENGTH)
                        .strip() + "…";
    }
}
