package dev.escalation.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TicketsCommandTest {

    @TempDir
    Path dir;

    private RunnerProcess runner;
    private String ticketId;

    @BeforeEach
    void replayTheSeedConversation() {
        runner = RunnerProcess.on(dir);
        RunnerProcess.Result replay =
                runner.stdinJson(Seed.conversation("c1", "u1")).run("replay", "-");
        assertThat(replay.status()).as(replay.err()).isZero();
        ticketId = replay.lastJson().get("ticket").get("ticket_id").asText();
        runner.stdin("");
    }

    @Test
    void listShowsTheReplayedTicketAsATable() {
        RunnerProcess.Result result = runner.run("tickets", "list");

        assertThat(result.status()).isZero();
        assertThat(result.lines()).hasSize(2);
        assertThat(result.lines().get(0)).contains("TICKET", "STATUS", "PRIORITY", "DEPARTMENT", "CUSTOMER");
        assertThat(result.lines().get(1)).contains(ticketId, "open", "high", "Billing", "u1");
    }

    @Test
    void listFiltersByCustomerAndPrintsJsonWhenAsked() {
        RunnerProcess.Result mine = runner.run("tickets", "list", "--customer", "u1", "--json");
        RunnerProcess.Result theirs = runner.run("tickets", "list", "--customer", "someone-else", "--json");
        RunnerProcess.Result theirsAsText = runner.run("tickets", "list", "--customer", "someone-else");

        JsonNode tickets = mine.lastJson();
        assertThat(tickets.isArray()).isTrue();
        assertThat(tickets).hasSize(1);
        assertThat(tickets.get(0).get("ticket_id").asText()).isEqualTo(ticketId);
        assertThat(tickets.get(0).get("customer_id").asText()).isEqualTo("u1");
        assertThat(tickets.get(0).get("conversation_id").asText()).isEqualTo("c1");
        assertThat(tickets.get(0).get("description").asText()).contains("premium");
        assertThat(theirs.lastJson()).isEmpty();
        assertThat(theirsAsText.out()).contains("No tickets for customer someone-else");
    }

    @Test
    void showPrintsTheTicketWithItsAuditTrail() {
        RunnerProcess.Result result = runner.run("tickets", "show", ticketId);

        assertThat(result.status()).isZero();
        assertThat(result.out())
                .contains(
                        "Ticket " + ticketId, "open", "high", "Billing", "u1", "c1", "premium", "History:", "created");
    }

    @Test
    void updateChangesTheStatusAndAddsANoteThatShowListsInTheAuditTrail() {
        RunnerProcess.Result update = runner.run(
                "tickets", "update", ticketId, "--status", "in-progress", "--note", "Refund requested from finance");
        RunnerProcess.Result resolve =
                runner.run("tickets", "update", ticketId.toLowerCase(), "--status", "resolved", "--actor", "bob");
        JsonNode shown = runner.run("tickets", "show", ticketId, "--json").lastJson();

        assertThat(update.status()).as(update.err()).isZero();
        assertThat(update.out()).contains(ticketId, "open -> in_progress", "note added", "operator:ana");
        assertThat(resolve.status()).as(resolve.err()).isZero();
        assertThat(shown.get("status").asText()).isEqualTo("resolved");
        JsonNode history = shown.get("history");
        assertThat(history.get(0).get("kind").asText()).isEqualTo("created");
        assertThat(history).anySatisfy(entry -> {
            assertThat(entry.get("actor").asText()).isEqualTo("operator:ana");
            assertThat(entry.get("to_status").asText()).isEqualTo("in_progress");
        });
        assertThat(history).anySatisfy(entry -> {
            assertThat(entry.get("actor").asText()).isEqualTo("operator:ana");
            assertThat(entry.get("note").asText()).isEqualTo("Refund requested from finance");
        });
        assertThat(history.get(history.size() - 1).get("actor").asText()).isEqualTo("operator:bob");
        assertThat(history.get(history.size() - 1).get("from_status").asText()).isEqualTo("in_progress");
        assertThat(history.get(history.size() - 1).get("to_status").asText()).isEqualTo("resolved");
    }

    @Test
    void anUnknownTicketExitsWithOne() {
        RunnerProcess.Result show = runner.run("tickets", "show", "TK-ZZZZZZZZ");
        RunnerProcess.Result update = runner.run("tickets", "update", "TK-ZZZZZZZZ", "--status", "closed");

        assertThat(show.status()).isEqualTo(1);
        assertThat(show.err()).contains("no ticket TK-ZZZZZZZZ");
        assertThat(update.status()).isEqualTo(1);
        assertThat(update.err()).contains("no ticket TK-ZZZZZZZZ");
    }

    @Test
    void anInvalidStatusExitsWithTwoNamingTheAllowedValuesAndChangesNothing() {
        RunnerProcess.Result result = runner.run("tickets", "update", ticketId, "--status", "done", "--note", "x");

        assertThat(result.status()).isEqualTo(2);
        assertThat(result.err()).contains("'done'", "open", "in_progress", "waiting_on_customer", "resolved", "closed");
        assertThat(runner.run("tickets", "show", ticketId, "--json").lastJson().get("history"))
                .hasSize(1);
    }

    @Test
    void somethingThatIsNotATicketIdExitsWithTwo() {
        RunnerProcess.Result result = runner.run("tickets", "show", "12345");

        assertThat(result.status()).isEqualTo(2);
        assertThat(result.err()).contains("'12345' is not a ticket id");
    }

    @Test
    void anUpdateWithNeitherStatusNorNoteExitsWithTwo() {
        RunnerProcess.Result result = runner.run("tickets", "update", ticketId);

        assertThat(result.status()).isEqualTo(2);
        assertThat(result.err()).contains("--status", "--note");
    }
}
