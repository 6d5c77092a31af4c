package dev.escalation.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayCommandTest {

    @TempDir
    Path dir;

    @Test
    void theSeedConversationEndsInAHighPriorityBillingTicket() {
        RunnerProcess.Result result =
                RunnerProcess.on(dir).stdinJson(Seed.conversation("c1", "u1")).run("replay", "-");

        assertThat(result.status()).as(result.err()).isZero();
        List<JsonNode> lines = result.jsonLines();
        assertThat(lines).hasSize(3);
        assertThat(lines).extracting(line -> line.get("turn").asInt()).containsExactly(1, 2, 3);
        assertThat(lines.get(0).get("ticket").isNull()).isTrue();
        JsonNode last = result.lastJson();
        assertThat(last.get("state").asText()).isEqualTo("TICKET_CREATED");
        assertThat(last.get("ticket").get("ticket_id").asText()).matches("TK-[A-Z2-9]{8}");
        assertThat(last.get("ticket").get("priority").asText()).isEqualTo("high");
        assertThat(last.get("ticket").get("department").asText()).isEqualTo("Billing");
        assertThat(last.get("ticket").get("status").asText()).isEqualTo("open");
        assertThat(last.get("reply").asText())
                .contains(last.get("ticket").get("ticket_id").asText());
    }

    @Test
    void aSecondProblemRaisedMidRequestShowsAsParkedRequestRightAfterTicketUntilItGetsItsOwnRequest() {
        String second = "Also, I have another problem: I want to upgrade to the premium plan.";
        RunnerProcess.Result result = RunnerProcess.on(dir)
                .stdinJson(
                        Seed.message("c1", "u1", Seed.OPENING),
                        Seed.message("c1", "u1", second),
                        Seed.message("c1", "u1", Seed.DETAILS),
                        Seed.message("c1", "u1", Seed.YES))
                .run("replay", "-");

        assertThat(result.status()).as(result.err()).isZero();
        List<JsonNode> lines = result.jsonLines();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0).has("parked_request"))
                .as("nothing is parked before the second problem")
                .isFalse();
        assertThat(lines.get(1).fieldNames())
                .toIterable()
                .containsExactly(
                        "conversation_id",
                        "turn",
                        "reply",
                        "state",
                        "slots",
                        "ticket",
                        "parked_request",
                        "llm",
                        "transition",
                        "reading");
        assertThat(lines.get(1).get("parked_request").asText()).isEqualTo(second);
        assertThat(lines.get(1).get("slots").get("description").asText()).doesNotContain("premium");
        assertThat(lines.get(3).get("ticket").get("department").asText()).isEqualTo("Billing");
        assertThat(lines.get(3).get("parked_request").asText())
                .as("still parked when the ticket offers it as a request of its own")
                .isEqualTo(second);
    }

    @Test
    void eachLineHasTheDocumentedFieldsInAFixedOrderWithNullsForWhatIsUnknown() {
        RunnerProcess.Result result = RunnerProcess.on(dir)
                .stdinJson(Seed.message("c1", "u1", Seed.OPENING))
                .run("replay", "-");

        assertThat(result.status()).as(result.err()).isZero();
        JsonNode line = result.lastJson();
        assertThat(line.fieldNames())
                .toIterable()
                .containsExactly(
                        "conversation_id", "turn", "reply", "state", "slots", "ticket", "llm", "transition", "reading");
        assertThat(line.get("slots").fieldNames())
                .toIterable()
                .containsExactly("department", "priority", "description");
        assertThat(line.get("slots").get("department").isNull())
                .as("no department can be told from the opening")
                .isTrue();
        assertThat(line.get("ticket").isNull()).isTrue();
        assertThat(line.get("transition").fieldNames())
                .toIterable()
                .containsExactly("from", "event", "guard", "to", "action");
        assertThat(line.get("transition").get("from").asText()).isEqualTo("REASON");
        assertThat(line.get("transition").get("to").asText()).isEqualTo("DETAILS");
        assertThat(line.get("reading").get("intent").asText())
                .as("what the opening was read as")
                .isEqualTo("PROVIDE_INFO");
        assertThat(result.out()).startsWith("{\"conversation_id\":\"c1\",\"turn\":1,\"reply\":\"");
    }

    @Test
    void theTicketCanBeAskedAboutInTheSameConversationAfterwards() {
        RunnerProcess runner = RunnerProcess.on(dir);
        JsonNode created = runner.stdinJson(Seed.conversation("c1", "u1"))
                .run("replay", "-")
                .lastJson();
        String ticketId = created.get("ticket").get("ticket_id").asText();

        RunnerProcess.Result status = runner.stdinJson(
                        Seed.message("c1", "u1", "What's the status of ticket " + ticketId + "?"))
                .run("replay", "-");

        assertThat(status.status()).as(status.err()).isZero();
        assertThat(status.lastJson().get("reply").asText()).contains(ticketId).containsIgnoringCase("open");
    }

    @Test
    void eachReplyIsWrittenAndFlushedBeforeTheNextMessageIsRead() throws Exception {
        JsonNode last = null;
        try (PipedRun run = PipedRun.start(RunnerProcess.on(dir).environment(), "replay", "-")) {
            for (String text : Seed.turns()) {
                // The next message goes out only once the previous reply came back: a replay that waited for
                // the end of its input, or flushed only at exit, would never answer here.
                run.send(RunnerProcess.json(Seed.message("c1", "u1", text)));
                String line = run.nextLine();
                assertThat(line)
                        .as("reply to '%s' within 30 s; %s", text, run.unread())
                        .isNotNull();
                last = RunnerProcess.parse(line);
            }
            assertThat(run.finish()).isZero();
            assertThat(run.nextLine()).isNull();
        }
        assertThat(last.get("state").asText()).isEqualTo("TICKET_CREATED");
    }

    @Test
    void aMessageTheDatabaseCannotTakeGetsAnErrorLineAndTheReplayGoesOnWithTheNext() throws Exception {
        try (PipedRun run = PipedRun.start(RunnerProcess.on(dir).environment(), "replay", "-")) {
            // The first reply also shows the database is open: opening it needs the write lock too.
            run.send(RunnerProcess.json(Seed.message("c1", "u1", Seed.OPENING)));
            assertThat(run.nextLine()).as(run.unread()).contains("\"turn\":1");
            JsonNode failed;
            DatabaseWriteLock lock = DatabaseWriteLock.take(dir.resolve("tickets.db"));
            try {
                // Another process holds the write lock past the store's busy timeout: this turn cannot be stored.
                run.send(RunnerProcess.json(Seed.message("c1", "u1", Seed.DETAILS)));
                failed = RunnerProcess.parse(run.nextLine());
            } finally {
                lock.close();
            }
            run.send(RunnerProcess.json(Seed.message("c1", "u1", Seed.DETAILS)));
            JsonNode retried = RunnerProcess.parse(run.nextLine());

            assertThat(failed.fieldNames()).toIterable().containsExactly("line", "conversation_id", "error");
            assertThat(failed.get("line").asInt()).isEqualTo(2);
            assertThat(failed.get("conversation_id").asText()).isEqualTo("c1");
            assertThat(failed.get("error").asText()).isNotBlank();
            assertThat(retried.get("turn").asInt())
                    .as("the failed turn stored nothing")
                    .isEqualTo(2);
            assertThat(retried.get("state").asText()).isEqualTo("CONFIRMATION");
            assertThat(run.finish())
                    .as("a failed message makes the exit status 2")
                    .isEqualTo(2);
        }
    }

    @Test
    void badLinesAreRejectedByNumberWhileTheGoodLinesAroundThemAreAnsweredAndTheExitStatusIsTwo() {
        RunnerProcess.Result result = RunnerProcess.on(dir)
                .stdinJson(
                        Seed.message("good", "u1", Seed.OPENING), // 1: answered
                        "this is not JSON", // 2: rejected
                        Map.of("conversation_id", "c2", "text", "hello"), // 3: no customer_id
                        Map.of("conversation_id", "c3", "customer_id", "u1", "turns", "hi"), // 4: turns not a list
                        Map.of(
                                "conversation_id",
                                "c4",
                                "customer_id",
                                "u1",
                                "turns",
                                List.of("hi", 7)), // 5: a turn not a string
                        Map.of("conversation_id", " ", "customer_id", "u1", "text", "hi"), // 6: blank id
                        "", // 7: blank: skipped, no output
                        "[\"an\", \"array\"]", // 8: not an object
                        Map.of("conversation_id", "c5", "customer_id", "u1"), // 9: neither text nor turns
                        "{\"conversation_id\":\"c6\",\"customer_id\":\"u1\",\"text\":\"a\"} {}", // 10: two values
                        Seed.message("blank-text", "u1", ""), // 11: an empty message is answered
                        Seed.message("good", "u1", Seed.DETAILS)) // 12: answered, same conversation
                .run("replay", "-");

        assertThat(result.status()).isEqualTo(2);
        List<JsonNode> lines = result.jsonLines();
        assertThat(lines).hasSize(11);
        assertThat(lines.get(0).get("conversation_id").asText()).isEqualTo("good");
        assertThat(lines.get(0).get("turn").asInt()).isEqualTo(1);
        assertThat(lines.subList(1, 9))
                .extracting(line -> line.get("line").asInt())
                .containsExactly(2, 3, 4, 5, 6, 8, 9, 10);
        assertThat(lines.subList(1, 9))
                .extracting(line -> line.get("error").asText())
                .satisfiesExactly(
                        error -> assertThat(error).startsWith("not valid JSON"),
                        error -> assertThat(error).isEqualTo("customer_id is missing"),
                        error -> assertThat(error).isEqualTo("turns must be an array of strings, but was a string"),
                        error -> assertThat(error).isEqualTo("turns[1] must be a string, but was a number"),
                        error -> assertThat(error).isEqualTo("conversation_id must not be blank"),
                        error -> assertThat(error).contains("must be a JSON object"),
                        error -> assertThat(error).contains("turns", "text", "neither"),
                        error -> assertThat(error).contains("more than one JSON value"));
        assertThat(lines.subList(1, 9))
                .allSatisfy(line -> assertThat(line.fieldNames()).toIterable().containsExactly("line", "error"));
        assertThat(lines.get(9).get("conversation_id").asText()).isEqualTo("blank-text");
        assertThat(lines.get(9).has("reply")).isTrue();
        assertThat(lines.get(10).get("conversation_id").asText()).isEqualTo("good");
        assertThat(lines.get(10).get("turn").asInt())
                .as("the rejected lines did not touch the conversation")
                .isEqualTo(2);
    }

    @Test
    void aLineWithABadTurnReachesTheEngineWithNoneOfItsTurns() {
        RunnerProcess runner = RunnerProcess.on(dir);
        runner.stdinJson(Map.of(
                        "conversation_id",
                        "c1",
                        "customer_id",
                        "u1",
                        "turns",
                        List.of(Seed.OPENING, Seed.DETAILS, false)))
                .run("replay", "-");

        RunnerProcess.Result next =
                runner.stdinJson(Seed.message("c1", "u1", Seed.OPENING)).run("replay", "-");

        assertThat(next.lastJson().get("turn").asInt()).isEqualTo(1);
    }

    @Test
    void aConversationReplayedInTwoRunsOnTheSameDatabaseContinuesWhereItLeftOff() {
        RunnerProcess runner = RunnerProcess.on(dir);
        RunnerProcess.Result first = runner.stdinJson(Map.of(
                        "conversation_id", "c1", "customer_id", "u1", "turns", List.of(Seed.OPENING, Seed.DETAILS)))
                .run("replay", "-");
        assertThat(first.lastJson().get("state").asText()).isEqualTo("CONFIRMATION");

        RunnerProcess.Result second =
                runner.stdinJson(Seed.message("c1", "u1", Seed.YES)).run("replay", "-");

        assertThat(second.status()).as(second.err()).isZero();
        assertThat(second.lastJson().get("turn").asInt()).isEqualTo(3);
        assertThat(second.lastJson().get("state").asText()).isEqualTo("TICKET_CREATED");
        assertThat(second.lastJson().get("slots")).isEqualTo(first.lastJson().get("slots"));
    }

    @Test
    void aMessageSentAgainWithItsIdChangesNothingAndGetsTheSameAnswer() {
        RunnerProcess runner = RunnerProcess.on(dir);
        runner.stdinJson(Map.of(
                        "conversation_id", "c1", "customer_id", "u1", "turns", List.of(Seed.OPENING, Seed.DETAILS)))
                .run("replay", "-");
        Map<String, Object> yes =
                Map.of("conversation_id", "c1", "customer_id", "u1", "text", Seed.YES, "message_id", "m-3");

        RunnerProcess.Result result = runner.stdinJson(yes, yes).run("replay", "-");
        RunnerProcess.Result later = runner.stdinJson(yes).run("replay", "-");

        assertThat(result.status()).as(result.err()).isZero();
        List<JsonNode> lines = new java.util.ArrayList<>(result.jsonLines());
        lines.add(later.lastJson());
        assertThat(lines).extracting(line -> line.get("message_id").asText()).containsExactly("m-3", "m-3", "m-3");
        assertThat(lines).extracting(line -> line.get("turn").asInt()).containsExactly(3, 3, 3);
        assertThat(lines)
                .extracting(line -> line.get("reply").asText())
                .containsOnly(lines.get(0).get("reply").asText());
        assertThat(lines)
                .extracting(line -> line.path("ticket").path("ticket_id").asText())
                .containsOnly(lines.get(0).get("ticket").get("ticket_id").asText());
        assertThat(RunnerProcess.on(dir).run("tickets", "list", "--json").lastJson())
                .hasSize(1);
    }

    @Test
    void aMessageIdOnALineWithTurnsIsRejectedBecauseItNamesOneMessage() {
        RunnerProcess.Result result = RunnerProcess.on(dir)
                .stdinJson(Map.of(
                        "conversation_id",
                        "c1",
                        "customer_id",
                        "u1",
                        "turns",
                        List.of(Seed.OPENING),
                        "message_id",
                        "m-1"))
                .run("replay", "-");

        assertThat(result.status()).isEqualTo(2);
        assertThat(result.lastJson().get("error").asText()).contains("message_id", "turns");
    }

    @Test
    void aFileIsReplayedLikeStandardInput() throws Exception {
        Path file = Files.writeString(
                dir.resolve("conversations.jsonl"), RunnerProcess.json(Seed.conversation("c1", "u1")) + "\n");

        RunnerProcess.Result result = RunnerProcess.on(dir).run("replay", file.toString());

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(result.lastJson().get("state").asText()).isEqualTo("TICKET_CREATED");
    }

    @Test
    void aMissingFileIsAUsageErrorNamingIt() {
        RunnerProcess.Result result =
                RunnerProcess.on(dir).run("replay", dir.resolve("nope.jsonl").toString());

        assertThat(result.status()).isEqualTo(2);
        assertThat(result.err()).contains("nope.jsonl", "does not exist");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void aConversationOfAnotherCustomerIsRefusedWithoutRevealingItsSlotsAndIsLeftAsItWas() {
        RunnerProcess runner = RunnerProcess.on(dir);
        runner.stdinJson(Seed.message("c1", "u1", Seed.OPENING)).run("replay", "-");

        RunnerProcess.Result intruder =
                runner.stdinJson(Seed.message("c1", "mallory", Seed.DETAILS)).run("replay", "-");
        RunnerProcess.Result owner =
                runner.stdinJson(Seed.message("c1", "u1", Seed.DETAILS)).run("replay", "-");

        assertThat(intruder.status()).isZero();
        JsonNode refused = intruder.lastJson();
        assertThat(refused.get("reply").asText()).contains("another account");
        assertThat(refused.get("slots").get("description").isNull()).isTrue();
        assertThat(refused.get("ticket").isNull()).isTrue();
        assertThat(owner.lastJson().get("turn").asInt()).isEqualTo(2);
    }
}
