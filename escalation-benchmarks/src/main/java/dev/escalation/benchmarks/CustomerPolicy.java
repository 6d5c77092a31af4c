package dev.escalation.benchmarks;

import dev.escalation.core.Priority;
import dev.escalation.core.State;
import dev.escalation.core.simulation.Profile;
import java.util.Locale;

/**
 * The simulated customer of {@code dev.escalation.core.simulation.SimulatedCustomer}, one message at
 * a time, so that many conversations can be interleaved on a few threads and so that the peers,
 * which are not an {@code EscalationEngine}, get the very same customer: the opening, the details or
 * the department answer when asked, up to two corrections of department and priority per summary,
 * yes or no, then the profile's follow-up.
 *
 * <p>Not thread-safe: one instance per conversation. Example:
 * {@code for (String m = policy.first(); m != null; m = policy.next(agent.send(id, customer, m))) {}}
 */
public final class CustomerPolicy {

    /** As in SimulatedCustomer. */
    static final int MAX_TURNS = 14;

    static final String YES = "Yes, please create the ticket.";
    static final String NO = "No, please cancel it.";

    private final Profile profile;
    private int turns;
    private int departmentCorrections;
    private int priorityCorrections;
    private boolean followUpSent;
    private String ticketId;

    public CustomerPolicy(Profile profile) {
        this.profile = profile;
    }

    public Profile profile() {
        return profile;
    }

    /** The ticket the conversation created, or null. */
    public String ticketId() {
        return ticketId;
    }

    /** The opening message. */
    public String first() {
        turns = 1;
        return profile.opening();
    }

    /** The next message after {@code turn}, or null when the conversation is over. */
    public String next(ChatAgent.Turn turn) {
        if (turn.ticketId() != null && ticketId == null && State.TICKET_CREATED.equals(turn.state())) {
            ticketId = turn.ticketId();
        }
        if (followUpSent) {
            return null;
        }
        if (State.TICKET_CREATED.equals(turn.state()) || State.CANCELLED.equals(turn.state()) || turns >= MAX_TURNS) {
            followUpSent = true;
            if (ticketId != null && "status".equals(profile.followUpKind())) {
                return "What's the status of ticket " + ticketId + "?";
            }
            if (ticketId != null && "update".equals(profile.followUpKind())) {
                return "Please add this to my ticket: " + profile.followUpText();
            }
            return null;
        }
        turns++;
        if (State.CONFIRMATION.equals(turn.state())) {
            if (!java.util.Objects.equals(turn.shownDepartment(), profile.department()) && departmentCorrections < 2) {
                departmentCorrections++;
                return "No, that's wrong - this is a "
                        + profile.department().displayName().toLowerCase(Locale.ROOT) + " issue.";
            }
            if (turn.shownPriority() != profile.priority() && priorityCorrections < 2) {
                priorityCorrections++;
                return "Please make this " + profile.priority().wireName() + " priority"
                        + (profile.priority().compareTo(Priority.MEDIUM) > 0
                                ? ", it is urgent for me."
                                : ", it is not urgent.");
            }
            return profile.confirm() ? YES : NO;
        }
        if (turn.reply().contains("Technical Support, Billing or Sales")) {
            return profile.departmentAnswer();
        }
        return profile.details();
    }
}
