package dev.escalation.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.CustomerMessage;
import dev.escalation.core.Department;
import dev.escalation.core.EscalationEngine;
import dev.escalation.core.OfflineLanguageModel;
import dev.escalation.core.State;
import dev.escalation.core.Ticket;
import dev.escalation.core.TicketUpdate;
import dev.escalation.core.TurnResult;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new problem starts a new request, with the offline model on a real SQLite file: after a ticket
 * (a different problem, the same one, one the agent must ask about) and in the middle of a request
 * (parked, never merged). Every conversation is continued by a new engine on the reopened file at the
 * point where something is parked or asked, as after a crash.
 */
class NewRequestOnSqliteTest {

    private static final String FRUSTRATED = "I've been trying to resolve this for weeks and I'm frustrated!";
    private static final String LOGIN =
            "I can't log in to the app since Monday, it says my password is wrong even" + " after a reset.";
    private static final String UPGRADE = "I also want to upgrade to the premium plan, can someone call me?";

    @TempDir
    Path dir;

    private static EscalationEngine engine(EscalationDatabase database) {
        return EscalationEngine.builder()
                .languageModel(new OfflineLanguageModel())
                .conversationStore(database.conversationStore())
                .ticketStore(database.ticketStore())
                .build();
    }

    private static TurnResult say(EscalationDatabase database, String conversation, String text) {
        return engine(database).handle(new CustomerMessage(conversation, "u1", text));
    }

    // Two messages and a yes: a Technical Support ticket about the login.
    private static Ticket loginTicket(EscalationDatabase database, String conversation) {
        say(database, conversation, FRUSTRATED);
        TurnResult summary = say(database, conversation, LOGIN);
        assertThat(summary.state()).isEqualTo(State.CONFIRMATION);
        TurnResult created = say(database, conversation, "yes");
        assertThat(created.state()).isEqualTo(State.TICKET_CREATED);
        return created.ticket().orElseThrow();
    }

    private static List<TicketUpdate> notes(EscalationDatabase database, Ticket ticket) {
        return database.ticketStore().history(ticket.ticketId()).stream()
                .filter(update -> update.kind() == TicketUpdate.Kind.NOTE_ADDED)
                .toList();
    }

    @Test
    void aDifferentProblemAfterATicketStartsASalesRequestWithItsOwnTicketAndLeavesTheFirstUntouched() {
        try (EscalationDatabase database = EscalationDatabase.openSqlite(dir.resolve("tickets.db"))) {
            Ticket first = loginTicket(database, "c1");

            TurnResult upgrade = say(database, "c1", UPGRADE);

            assertThat(upgrade.state()).isNotEqualTo(State.TICKET_CREATED);
            assertThat(upgrade.slots().department()).isEqualTo(Department.SALES);
            assertThat(upgrade.slots().description()).contains("premium plan").doesNotContain("password");
            assertThat(notes(database, first)).isEmpty();
            TurnResult summary = upgrade.state() == State.CONFIRMATION
                    ? upgrade
                    : say(database, "c1", "We are a team of five and would like the business plan with phone support.");
            assertThat(summary.state()).isEqualTo(State.CONFIRMATION);
            TurnResult second = say(database, "c1", "yes");

            Ticket sales = second.ticket().orElseThrow();
            assertThat(sales.ticketId()).isNotEqualTo(first.ticketId());
            assertThat(sales.department()).isEqualTo(Department.SALES);
            assertThat(sales.description()).doesNotContain("password");
            assertThat(database.ticketStore().find(first.ticketId())).contains(first);
            assertThat(database.ticketStore().history(first.ticketId())).hasSize(1);
        }
    }

    @Test
    void aMessageThatRefersToTheTicketAddsANoteAsBefore() {
        try (EscalationDatabase database = EscalationDatabase.openSqlite(dir.resolve("tickets.db"))) {
            Ticket ticket = loginTicket(database, "c1");

            TurnResult byId = say(database, "c1", "About " + ticket.ticketId() + ": it also fails on the website.");
            TurnResult sameIssue = say(database, "c1", "The same problem happened again this morning on my laptop.");
            TurnResult followUp = say(database, "c1", "It also crashes on my tablet when I open the app.");

            assertThat(List.of(byId, sameIssue, followUp)).allSatisfy(turn -> {
                assertThat(turn.state()).isEqualTo(State.TICKET_CREATED);
                assertThat(turn.reply()).contains("added your note to ticket " + ticket.ticketId());
            });
            assertThat(notes(database, ticket))
                    .extracting(TicketUpdate::note)
                    .hasSize(3)
                    .anySatisfy(note -> assertThat(note).contains("website"))
                    .anySatisfy(note -> assertThat(note).contains("this morning"))
                    .anySatisfy(note -> assertThat(note).contains("tablet"));
            assertThat(database.ticketStore().list()).hasSize(1);
        }
    }

    @Test
    void aMessageTheAgentCannotPlaceGetsOneQuestionAndSomethingNewStartsARequestAfterARestart() {
        Path file = dir.resolve("tickets.db");
        String unclear = "The app shows error 503 when I open the settings page.";
        Ticket ticket;
        try (EscalationDatabase database = EscalationDatabase.openSqlite(file)) {
            ticket = loginTicket(database, "c1");
            TurnResult asked = say(database, "c1", unclear);

            assertThat(asked.state()).isEqualTo(State.TICKET_CREATED);
            assertThat(asked.reply()).isEqualTo("Is this about ticket " + ticket.ticketId() + " or something new?");
            assertThat(asked.parked()).contains(unclear);
        }
        try (EscalationDatabase database = EscalationDatabase.openSqlite(file)) {
            assertThat(database.conversationStore().load("c1").orElseThrow().parkedRequest())
                    .isEqualTo(unclear);

            TurnResult answered = say(database, "c1", "Something new");

            assertThat(answered.state()).isIn(State.DETAILS, State.CONFIRMATION);
            assertThat(answered.slots().description()).isEqualTo(unclear);
            assertThat(answered.parked()).isEmpty();
            assertThat(answered.slots().department()).isEqualTo(Department.TECHNICAL_SUPPORT);
            assertThat(notes(database, ticket)).isEmpty();
            assertThat(database.conversationStore().load("c1").orElseThrow().parkedRequest())
                    .isNull();
        }
    }

    @Test
    void aMessageTheAgentCannotPlaceBecomesANoteWhenTheCustomerSaysItIsTheSameOne() {
        try (EscalationDatabase database = EscalationDatabase.openSqlite(dir.resolve("tickets.db"))) {
            Ticket ticket = loginTicket(database, "c1");
            String unclear = "The app shows error 503 when I open the settings page.";
            say(database, "c1", unclear);

            TurnResult answered = say(database, "c1", "It's the same one");

            assertThat(answered.state()).isEqualTo(State.TICKET_CREATED);
            assertThat(answered.reply()).contains("added your note to ticket " + ticket.ticketId());
            assertThat(notes(database, ticket)).extracting(TicketUpdate::note).containsExactly(unclear);
            assertThat(database.ticketStore().list()).hasSize(1);
        }
    }

    @Test
    void aSecondProblemMidRequestIsParkedSurvivesARestartAndIsOfferedAsItsOwnRequestAfterTheTicket() {
        Path file = dir.resolve("tickets.db");
        String second = "Also, I have another problem: I want to upgrade to the premium plan.";
        try (EscalationDatabase database = EscalationDatabase.openSqlite(file)) {
            say(database, "c1", FRUSTRATED);
            TurnResult parked = say(database, "c1", second);

            assertThat(parked.state()).isEqualTo(State.DETAILS);
            assertThat(parked.reply()).contains("separate request");
            assertThat(parked.slots().description()).doesNotContain("premium");
            assertThat(parked.parked())
                    .as("the turn's result shows what is parked")
                    .contains(second);
        }
        try (EscalationDatabase database = EscalationDatabase.openSqlite(file)) {
            TurnResult summary = say(database, "c1", LOGIN);
            assertThat(summary.state()).isEqualTo(State.CONFIRMATION);
            assertThat(summary.slots().department()).isEqualTo(Department.TECHNICAL_SUPPORT);
            assertThat(summary.slots().description()).doesNotContain("premium");

            TurnResult created = say(database, "c1", "yes");

            assertThat(created.ticket().orElseThrow().description()).doesNotContain("premium");
            assertThat(created.reply()).contains("You also mentioned: \"" + second + "\"");
            assertThat(created.parked()).contains(second);
        }
        try (EscalationDatabase database = EscalationDatabase.openSqlite(file)) {
            TurnResult started = say(database, "c1", "yes please");

            assertThat(started.state()).isIn(State.DETAILS, State.CONFIRMATION);
            assertThat(started.slots().department()).isEqualTo(Department.SALES);
            assertThat(started.slots().description()).isEqualTo(second);
            assertThat(started.parked()).isEmpty();
            assertThat(database.conversationStore().load("c1").orElseThrow().parkedRequest())
                    .isNull();
        }
    }

    @Test
    void aSecondProblemRaisedAtTheSummaryLeavesTheSummaryUnchangedAndCanBeSetAside() {
        try (EscalationDatabase database = EscalationDatabase.openSqlite(dir.resolve("tickets.db"))) {
            say(database, "c1", FRUSTRATED);
            TurnResult summary = say(database, "c1", LOGIN);
            TurnResult again = say(database, "c1", "Oh and I was also charged twice for my subscription last month.");

            assertThat(again.state()).isEqualTo(State.CONFIRMATION);
            assertThat(again.slots()).isEqualTo(summary.slots());
            TurnResult created = say(database, "c1", "yes");
            assertThat(created.ticket().orElseThrow().department()).isEqualTo(Department.TECHNICAL_SUPPORT);
            assertThat(created.reply()).contains("charged twice");

            TurnResult declined = say(database, "c1", "no thanks");

            assertThat(declined.state()).isEqualTo(State.TICKET_CREATED);
            assertThat(declined.reply()).contains("set that aside");
            assertThat(database.conversationStore().load("c1").orElseThrow().parkedRequest())
                    .isNull();
            assertThat(database.ticketStore().list()).hasSize(1);
        }
    }

    @Test
    void aMessageThatAnswersNeitherWayIsTakenAsAnyOtherAndTheParkedProblemWaits() {
        try (EscalationDatabase database = EscalationDatabase.openSqlite(dir.resolve("tickets.db"))) {
            say(database, "c1", FRUSTRATED);
            String second = "Also, I have another problem: I want to upgrade to the premium plan.";
            say(database, "c1", second);
            say(database, "c1", LOGIN);
            Ticket ticket = say(database, "c1", "yes").ticket().orElseThrow();

            TurnResult status = say(database, "c1", "What's the status of my ticket?");

            assertThat(status.reply()).contains("Ticket " + ticket.ticketId());
            assertThat(status.state()).isEqualTo(State.TICKET_CREATED);
            assertThat(database.conversationStore().load("c1").orElseThrow().parkedRequest())
                    .isEqualTo(second);
        }
    }
}
