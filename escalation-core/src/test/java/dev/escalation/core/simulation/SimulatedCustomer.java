package dev.escalation.core.simulation;

import dev.escalation.core.CustomerMessage;
import dev.escalation.core.Department;
import dev.escalation.core.EscalationEngine;
import dev.escalation.core.Priority;
import dev.escalation.core.State;
import dev.escalation.core.Ticket;
import dev.escalation.core.TurnResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Plays a {@link Profile} against an engine the way a person would: sends the opening, answers a
 * department question with the department answer and any other question with the details, corrects
 * a wrong department or priority in the summary in plain words, confirms or cancels, then does the
 * follow-up. It reads only what a person sees: the reply text, and the state to know it is done.
 */
public final class SimulatedCustomer {

  private static final int MAX_TURNS = 14;

  /** What happened in one played conversation. */
  public record Transcript(
      Profile profile,
      List<String> lines,
      Ticket ticket,
      Department firstSummaryDepartment,
      Priority firstSummaryPriority,
      int turnsToEnd,
      boolean departmentAsked,
      String followUpReply) {

    /** The profile's goal: a ticket with its department and priority, or no ticket if it declines. */
    public boolean succeeded() {
      if (!profile.confirm()) {
        return ticket == null;
      }
      return ticket != null && ticket.department() == profile.department() && ticket.priority() == profile.priority();
    }

    @Override
    public String toString() {
      return profile.id() + (succeeded() ? " ok" : " FAILED") + "\n  " + String.join("\n  ", lines);
    }
  }

  private final EscalationEngine engine;

  public SimulatedCustomer(EscalationEngine engine) {
    this.engine = engine;
  }

  /** Plays the profile in conversation {@code conversationId}. */
  public Transcript play(Profile profile, String conversationId) {
    List<String> lines = new ArrayList<>();
    Department firstDepartment = null;
    Priority firstPriority = null;
    boolean departmentAsked = false;
    int departmentCorrections = 0;
    int priorityCorrections = 0;
    int turns = 0;
    TurnResult result = send(conversationId, profile, profile.opening(), lines);
    turns++;
    while (turns < MAX_TURNS && result.state() != State.TICKET_CREATED && result.state() != State.CANCELLED) {
      String message;
      if (result.state() == State.CONFIRMATION) {
        Department shown = result.slots().department();
        Priority priority = result.slots().priority();
        if (firstDepartment == null) {
          firstDepartment = shown;
          firstPriority = priority;
        }
        assertSummaryShows(result, shown, priority);
        if (shown != profile.department() && departmentCorrections < 2) {
          departmentCorrections++;
          message = "No, that's wrong - this is a " + profile.department().displayName().toLowerCase(Locale.ROOT)
              + " issue.";
        } else if (priority != profile.priority() && priorityCorrections < 2) {
          priorityCorrections++;
          message = "Please make this " + profile.priority().wireName() + " priority"
              + (profile.priority().compareTo(Priority.MEDIUM) > 0 ? ", it is urgent for me." : ", it is not urgent.");
        } else {
          message = profile.confirm() ? "Yes, please create the ticket." : "No, please cancel it.";
        }
      } else if (result.reply().contains("Technical Support, Billing or Sales")) {
        departmentAsked = true;
        message = profile.departmentAnswer();
      } else {
        message = profile.details();
      }
      result = send(conversationId, profile, message, lines);
      turns++;
    }
    Ticket ticket = result.ticket().orElse(null);
    String followUpReply = null;
    if (ticket != null && "status".equals(profile.followUpKind())) {
      followUpReply = send(conversationId, profile, "What's the status of ticket " + ticket.ticketId() + "?", lines)
          .reply();
    } else if (ticket != null && "update".equals(profile.followUpKind())) {
      followUpReply = send(conversationId, profile, "Please add this to my ticket: " + profile.followUpText(), lines)
          .reply();
    }
    return new Transcript(profile, lines, ticket, firstDepartment, firstPriority, turns, departmentAsked,
        followUpReply);
  }

  // A person can only correct what the summary shows them.
  private static void assertSummaryShows(TurnResult result, Department department, Priority priority) {
    if (department == null || !result.reply().contains(department.displayName())
        || !result.reply().toLowerCase(Locale.ROOT).contains(priority.wireName())) {
      throw new AssertionError("the summary must show department and priority, but was: " + result.reply());
    }
  }

  private TurnResult send(String conversationId, Profile profile, String text, List<String> lines) {
    lines.add("customer: " + text);
    TurnResult result = engine.handle(new CustomerMessage(conversationId, profile.customerId(), text));
    lines.add("agent [" + result.state() + "]: " + result.reply().replace('\n', ' '));
    return result;
  }
}
