package dev.escalation.core;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One thing the agent has decided to say; the engine decides what, a {@link LanguageModel} decides
 * how to word it. A reply is one or more acts in order.
 *
 * <p>Immutable and thread-safe. Example: {@code new ReplyAct.Summarize(slots)}.
 */
public sealed interface ReplyAct {

    /** Ask why the customer wants escalation. */
    record AskReason() implements ReplyAct {}

    /** Ask for a description of the problem. */
    record AskDetails() implements ReplyAct {}

    /** Ask "Technical Support, Billing or Sales?" because the department cannot be inferred. */
    record AskDepartment() implements ReplyAct {}

    /** Ask for an application-defined slot, by name (for example {@code policy_number}). */
    record AskExtraSlot(String name) implements ReplyAct {
        /** Checks the values (see the parameters above) and keeps them as given or normalised. */
        public AskExtraSlot {
            Values.requireText(name, "name");
        }
    }

    /**
     * Ask again for {@code slot} ("reason", "details", "department" or a flow's own slot) because the
     * customer's answer {@code unclear} did not give it: worded differently from the first question,
     * saying what is still missing, so the customer is never asked the same words twice. {@code noted}
     * names the flow's own slots that answer did fill ("account number"), so the reply can say so.
     */
    record AskAgain(String slot, String unclear, List<String> noted) implements ReplyAct {
        /** Checks the values (see the parameters above) and keeps them as given or normalised. */
        public AskAgain {
            Values.requireText(slot, "slot");
            noted = noted == null ? List.of() : List.copyOf(noted);
        }
    }

    /** Summarise department, priority and description and ask for an explicit yes. */
    record Summarize(Slots slots) implements ReplyAct {
        /** Checks the values (see the parameters above) and keeps them as given or normalised. */
        public Summarize {
            Objects.requireNonNull(slots, "slots");
            Objects.requireNonNull(slots.department(), "slots.department");
        }
    }

    /** Tell the customer the ticket was created, with its id. */
    record TicketCreated(Ticket ticket) implements ReplyAct {
        /** Checks the values (see the parameters above) and keeps them as given or normalised. */
        public TicketCreated {
            Objects.requireNonNull(ticket, "ticket");
        }
    }

    /** Tell the customer the escalation was cancelled and nothing was created. */
    record Cancelled() implements ReplyAct {}

    /** Report a ticket's status; {@code lastUpdate} may be null. */
    record ReportStatus(Ticket ticket, @Nullable TicketUpdate lastUpdate) implements ReplyAct {
        /** Checks the values (see the parameters above) and keeps them as given or normalised. */
        public ReportStatus {
            Objects.requireNonNull(ticket, "ticket");
        }
    }

    /**
     * No ticket the customer may see matches; {@code reference} is what they typed, or null when they
     * asked about "my ticket" and have none. Another customer's ticket gets exactly this answer.
     */
    record TicketNotFound(@Nullable String reference) implements ReplyAct {}

    /** A note was added to the ticket. */
    record UpdateAdded(Ticket ticket, String note) implements ReplyAct {
        /** Checks the values (see the parameters above) and keeps them as given or normalised. */
        public UpdateAdded {
            Objects.requireNonNull(ticket, "ticket");
            Values.requireText(note, "note");
        }
    }

    /** The customer asked to add an update but said nothing to add. */
    record AskUpdateText() implements ReplyAct {}

    /** The cycle is over (ticket created or cancelled) and the message started nothing new. */
    record OfferFurtherHelp(@Nullable Ticket ticket) implements ReplyAct {}

    /** The message could not be taken (too long, for example); {@code reason} says why, for the customer. */
    record Refused(String reason) implements ReplyAct {
        /** Checks the values (see the parameters above) and keeps them as given or normalised. */
        public Refused {
            Values.requireText(reason, "reason");
        }
    }

    /**
     * The customer's earlier request went without a message for longer than {@code after} and was
     * closed without creating a ticket; this message starts afresh.
     */
    record ConversationExpired(java.time.Duration after) implements ReplyAct {
        /** Checks the values (see the parameters above) and keeps them as given or normalised. */
        public ConversationExpired {
            Objects.requireNonNull(after, "after");
        }
    }

    /**
     * After a ticket, the message may be about it or about something new: ask which, once ("Is this
     * about TK-... or something new?"); {@code ticket} is the ticket just created.
     */
    record AskSameOrNew(Ticket ticket) implements ReplyAct {
        /** Checks the values (see the parameters above) and keeps them as given or normalised. */
        public AskSameOrNew {
            Objects.requireNonNull(ticket, "ticket");
        }
    }

    /**
     * The customer raised a second problem while this one was being collected: it is kept, as
     * {@code text}, and taken up after this request ends, never merged into it.
     */
    record SecondProblemParked(String text) implements ReplyAct {
        /** Checks the values (see the parameters above) and keeps them as given or normalised. */
        public SecondProblemParked {
            Values.requireText(text, "text");
        }
    }

    /** The request ended; offer to start one for the parked second problem {@code text} (yes or no). */
    record OfferParkedRequest(String text) implements ReplyAct {
        /** Checks the values (see the parameters above) and keeps them as given or normalised. */
        public OfferParkedRequest {
            Values.requireText(text, "text");
        }
    }

    /** The customer declined a request for the parked problem; it was set aside. */
    record ParkedRequestDropped() implements ReplyAct {}

    /** Something failed on our side; nothing the customer said was lost. */
    record Apology() implements ReplyAct {}
}
