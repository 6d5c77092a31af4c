package dev.escalation.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChatCommandTest {

    private static final Pattern TICKET = Pattern.compile("ticket (TK-[A-Z2-9]{8}): Billing, high priority, open");

    @TempDir
    Path dir;

    @Test
    void aChatWithPipedInputReachesAHighPriorityBillingTicket() {
        RunnerProcess.Result result = RunnerProcess.on(dir)
                .stdin(String.join("\n", Seed.turns()) + "\n")
                .run("chat", "--customer", "u1", "--conversation", "c1");

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(result.out()).startsWith("Agent: Hello!");
        assertThat(result.out())
                .contains("You: " + Seed.OPENING, "[state DETAILS", "[state CONFIRMATION", "[state TICKET_CREATED");
        Matcher ticket = TICKET.matcher(result.out());
        assertThat(ticket.find()).as(result.out()).isTrue();
        assertThat(result.out()).contains("Agent: ");
        assertThat(RunnerProcess.on(dir)
                        .run("tickets", "list", "--customer", "u1")
                        .out())
                .contains(ticket.group(1));
    }

    @Test
    void theStatusOfTheNewTicketCanBeAskedInTheSameChat() {
        RunnerProcess.Result result = RunnerProcess.on(dir)
                .stdin(String.join("\n", Seed.turns()) + "\n")
                .run("chat", "--customer", "u1", "--conversation", "c1");
        Matcher ticket = TICKET.matcher(result.out());
        assertThat(ticket.find()).as(result.out()).isTrue();
        String id = ticket.group(1);

        RunnerProcess.Result status = RunnerProcess.on(dir)
                .stdin("What's the status of ticket " + id + "?\n")
                .run("chat", "--customer", "u1", "--conversation", "c1");

        assertThat(status.out()).contains("resumed in state TICKET_CREATED");
        String reply = status.lines().stream()
                .filter(line -> line.startsWith("Agent: "))
                .reduce((a, b) -> b)
                .orElseThrow();
        assertThat(reply).contains(id).containsIgnoringCase("open");
    }

    @Test
    void aMessageThatCannotBeStoredIsReportedAndTheChatGoesOn() throws Exception {
        RunnerProcess runner = RunnerProcess.on(dir);
        try (PipedRun chat = PipedRun.start(runner.environment(), "chat", "--customer", "u1", "--conversation", "c1")) {
            chat.send(Seed.OPENING);
            assertThat(chat.linesUntil("[state ")).last().asString().contains("[state DETAILS]");

            DatabaseWriteLock lock = DatabaseWriteLock.take(dir.resolve("tickets.db"));
            String error;
            try {
                // Another process holds the write lock past the store's busy timeout: this turn cannot be stored.
                chat.send(Seed.DETAILS);
                error = chat.nextErrorLine();
            } finally {
                lock.close();
            }
            assertThat(error)
                    .as(chat.unread())
                    .startsWith("Sorry, that message could not be handled")
                    .endsWith("Nothing of it was saved; please send it again.");
            chat.send(Seed.DETAILS);
            List<String> retried = chat.linesUntil("[state ");

            assertThat(retried).last().asString().contains("[state CONFIRMATION]");
            assertThat(String.join("\n", retried)).contains("Department: Billing");
            assertThat(chat.finish()).isZero();
        }
    }

    @Test
    void quitEndsTheChatBeforeTheRestOfTheInput() {
        RunnerProcess.Result result =
                RunnerProcess.on(dir).stdin("/quit\n" + Seed.OPENING + "\n").run("chat", "--conversation", "c1");

        assertThat(result.status()).isZero();
        assertThat(result.out()).doesNotContain("You: ");
        assertThat(result.out()).contains("conversation c1 saved");
    }

    @Test
    void theCustomerIsTheUserByDefaultAndTheConversationANewId() {
        RunnerProcess.Result result = RunnerProcess.on(dir).stdin("").run("chat");

        assertThat(result.status()).isZero();
        assertThat(result.out()).containsPattern("customer ana, conversation [0-9a-f-]{36}");
    }

    @Test
    void aBlankCustomerIsAUsageError() {
        RunnerProcess.Result result = RunnerProcess.on(dir).run("chat", "--customer", " ");

        assertThat(result.status()).isEqualTo(2);
        assertThat(result.err()).contains("--customer");
    }
}
