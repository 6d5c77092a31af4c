package dev.escalation.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.escalation.core.simulation.Profile;
import dev.escalation.core.simulation.Profiles;
import dev.escalation.llm.ScriptedModelServer;
import dev.escalation.runner.TrappedModelServer.Phase;
import dev.escalation.runner.TrappedModelServer.Point;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner killed with SIGKILL in the middle of its work and started again on the same SQLite file:
 * many customers converse through {@code replay -} in a JVM of its own (each message with an id, so a
 * message sent again is recognised), the process is killed while the model reads a message, while it
 * is asked for a reply, right after a ticket was committed and before its reply, in the middle of a
 * streamed reply, and at random moments; every message not answered before the kill is sent again to
 * the next process. In the end the database must hold every conversation in its final state, exactly
 * one ticket per confirmed conversation with its audit entry, every turn once, and every reply.
 */
class CrashSafetyTest {

    private static final long SEED = Long.getLong("crash.seed", 0x5EED_CAFEL);
    /** How many kills at a random moment; each costs a JVM start. */
    private static final String RANDOM_KILLS = "crash.randomKills";
    /** When true, the counts are also written to standard error (the test writes nothing otherwise). */
    private static final String REPORT = "crash.report";

    private static final int CONVERSATIONS = Integer.getInteger("crash.conversations", 40);
    /** Customers waiting for an answer at once: the runner always has the next message in its pipe. */
    private static final int WINDOW = 6;

    private static final int MAX_TURNS = 8;
    private static final long WAIT_MILLIS = 60_000;
    private static final String EOF = "\u0000eof";
    private static final String YES = "Yes, please create the ticket.";
    private static final String NO = "No, please cancel it.";

    @TempDir
    Path dir;

    /** One customer and what they have seen so far. */
    private static final class Customer {
        final String conversationId;
        final Profile profile;
        final List<String> texts = new ArrayList<>();
        JsonNode lastAnswer;
        boolean waiting;
        boolean done;
        boolean stuck;

        Customer(String conversationId, Profile profile) {
            this.conversationId = conversationId;
            this.profile = profile;
        }

        String messageId() {
            return conversationId + "-m" + texts.size();
        }

        String line() {
            return RunnerProcess.json(Map.of(
                    "conversation_id",
                    conversationId,
                    "customer_id",
                    profile.customerId(),
                    "text",
                    texts.get(texts.size() - 1),
                    "message_id",
                    messageId()));
        }

        /** What a person says next after reading the last answer, as SimulatedCustomer does. */
        String next() {
            if (lastAnswer == null) {
                return profile.opening();
            }
            String state = lastAnswer.path("state").asText();
            if (state.equals("CONFIRMATION")) {
                return profile.confirm() ? YES : NO;
            }
            return lastAnswer.path("reply").asText().contains("Technical Support, Billing or Sales")
                    ? profile.departmentAnswer()
                    : profile.details();
        }
    }

    /** One kill: where it was aimed, what was under way, and what the database held right after it. */
    private record Kill(
            String aim, Phase phase, int committedUnanswered, int recordedUnanswered, int ticketsWithoutReply) {
        @Override
        public String toString() {
            return aim + "@" + phase + (committedUnanswered > 0 ? " committed-unanswered=" + committedUnanswered : "")
                    + (recordedUnanswered > 0 ? " reply-recorded-not-sent=" + recordedUnanswered : "")
                    + (ticketsWithoutReply > 0 ? " ticket-before-reply=" + ticketsWithoutReply : "");
        }
    }

    /** A runner process and the lines of its standard output, read on a thread of their own. */
    private static final class Runner {
        final Process process;
        final OutputStream stdin;
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

        Runner(Process process) {
            this.process = process;
            this.stdin = process.getOutputStream();
            Thread reader = new Thread(
                    () -> {
                        try (BufferedReader out = new BufferedReader(
                                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                            for (String line = out.readLine(); line != null; line = out.readLine()) {
                                lines.add(line);
                            }
                        } catch (IOException e) {
                            // The process was killed: what it wrote before is in the queue already.
                        } finally {
                            lines.add(EOF);
                        }
                    },
                    "crash-test-stdout");
            reader.setDaemon(true);
            reader.start();
        }

        void send(String line) throws IOException {
            stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        }
    }

    @Test
    void aRunnerKilledAtEachPointAndRestartedOnTheSameDatabaseLosesNoTurnAndCreatesEachTicketOnce() throws Exception {
        Random random = new Random(SEED);
        List<Profile> profiles = Profiles.dev();
        Map<String, Customer> customers = new LinkedHashMap<>();
        for (int i = 0; i < CONVERSATIONS; i++) {
            Profile profile = profiles.get(i % profiles.size());
            customers.put("crash-" + i, new Customer("crash-" + i, profile));
        }
        List<Customer> order = new ArrayList<>(customers.values());
        Collections.shuffle(order, random);
        Deque<Customer> ready = new ArrayDeque<>(order);
        // Customers waiting for an answer, in the order they sent: resent in this order after a kill.
        List<Customer> waiting = new ArrayList<>();
        List<String> errors = new ArrayList<>();

        // Each aimed point once, and kills at a random moment (one by default; more to measure where they land).
        List<String> plan = new ArrayList<>();
        for (Point point : Point.values()) {
            plan.add(point.name());
        }
        for (int i = 0; i < Integer.getInteger(RANDOM_KILLS, 1); i++) {
            plan.add("RANDOM");
        }
        Collections.shuffle(plan, random);
        List<Kill> kills = new ArrayList<>();
        List<Long> startMillis = new ArrayList<>();
        int tornLines = 0;
        int starts = 0;
        long begun = System.nanoTime();

        TrappedModelServer model = new TrappedModelServer(new ScriptedModelServer(profiles, "x"));
        Path database = dir.resolve("tickets.db");
        Runner runner = null;
        try (MockWebServer server = model.start()) {
            while (true) {
                String aim = kills.size() < plan.size() ? plan.get(kills.size()) : null;
                long randomKillAfter = 0;
                if (aim != null && !aim.equals("RANDOM")) {
                    Point point = Point.valueOf(aim);
                    // A ticket reply comes about once in four turns; the others once or twice a turn.
                    int skip = random.nextInt(point == Point.TICKET_REPLY || point == Point.TICKET_MID_STREAM ? 3 : 12);
                    model.arm(point, skip);
                } else if (aim != null) {
                    // Counted from the first answer of this process, so that the kill lands in its work, not in its
                    // start.
                    randomKillAfter = random.nextInt(1500);
                }
                runner = new Runner(start(database, server.url("/v1").toString(), starts++));
                long launched = System.nanoTime();
                long working = 0;
                for (Customer customer : waiting) {
                    runner.send(customer.line());
                }
                boolean killed = false;
                long lastProgress = System.nanoTime();
                while (!killed) {
                    while (waiting.size() < WINDOW && !ready.isEmpty()) {
                        Customer customer = ready.poll();
                        customer.texts.add(customer.next());
                        customer.waiting = true;
                        waiting.add(customer);
                        runner.send(customer.line());
                    }
                    if (waiting.isEmpty()) {
                        break;
                    }
                    String line = runner.lines.poll(5, TimeUnit.MILLISECONDS);
                    if (line != null) {
                        if (line.equals(EOF)) {
                            throw new AssertionError(
                                    "the runner ended by itself with status " + runner.process.waitFor() + "; its log: "
                                            + Files.readString(dir.resolve("runner-" + (starts - 1) + ".log")));
                        }
                        answered(line, customers, waiting, ready, errors);
                        lastProgress = System.nanoTime();
                        if (working == 0) {
                            working = lastProgress;
                            startMillis.add(TimeUnit.NANOSECONDS.toMillis(working - launched));
                        }
                    } else if (System.nanoTime() - lastProgress > TimeUnit.MILLISECONDS.toNanos(WAIT_MILLIS)) {
                        throw new AssertionError("no answer for " + WAIT_MILLIS + " ms; waiting: " + waiting.size());
                    }
                    boolean due = aim != null
                            && (aim.equals("RANDOM")
                                    ? working != 0
                                            && System.nanoTime() - working
                                                    > TimeUnit.MILLISECONDS.toNanos(randomKillAfter)
                                    : model.sprung());
                    if (due) {
                        Phase phase = model.phase();
                        runner.process.destroyForcibly();
                        runner.process.waitFor(WAIT_MILLIS, TimeUnit.MILLISECONDS);
                        model.release();
                        // What the process wrote before it died reached the customers; a line cut off by the kill did
                        // not.
                        for (String rest = runner.lines.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS);
                                !EOF.equals(rest);
                                rest = runner.lines.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                            if (isJson(rest)) {
                                answered(rest, customers, waiting, ready, errors);
                            } else {
                                tornLines++;
                            }
                        }
                        kills.add(afterKill(aim, phase, database, waiting));
                        killed = true;
                    }
                }
                if (!killed) {
                    runner.stdin.close();
                    assertThat(runner.process.waitFor(WAIT_MILLIS, TimeUnit.MILLISECONDS))
                            .isTrue();
                    assertThat(runner.process.exitValue())
                            .as(Files.readString(dir.resolve("runner-" + (starts - 1) + ".log")))
                            .isZero();
                    break;
                }
            }
        } finally {
            // A failed check must not leave a runner behind, nor a held call in the server.
            if (runner != null) {
                runner.process.destroyForcibly();
            }
            model.release();
        }

        String counts = check(database, customers, kills, errors);
        if (Boolean.getBoolean(REPORT)) {
            System.err.println("crash safety: " + counts + "; output lines cut off by a kill: " + tornLines
                    + "; first answer after each start (ms): " + startMillis
                    + "; wall time " + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - begun) + " s");
        }
        assertThat(kills).as(counts).hasSize(plan.size());
        assertThat(model.unrecognised()).as(counts).isEmpty();
    }

    private static boolean isJson(String line) {
        try {
            RunnerProcess.JSON.readTree(line);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Takes one answer line: the customer who sent it reads it and gets ready to say the next thing. */
    private static void answered(
            String line,
            Map<String, Customer> customers,
            List<Customer> waiting,
            Deque<Customer> ready,
            List<String> errors) {
        JsonNode answer = RunnerProcess.parse(line);
        Customer customer = customers.get(answer.path("conversation_id").asText());
        if (answer.has("error") || customer == null) {
            errors.add(line);
            return;
        }
        if (!customer.waiting || !answer.path("message_id").asText().equals(customer.messageId())) {
            errors.add("an answer to a message not waiting for one: " + line);
            return;
        }
        customer.waiting = false;
        waiting.remove(customer);
        customer.lastAnswer = answer;
        String state = answer.path("state").asText();
        if (state.equals("TICKET_CREATED") || state.equals("CANCELLED")) {
            customer.done = true;
        } else if (customer.texts.size() >= MAX_TURNS) {
            customer.stuck = true;
        } else {
            ready.add(customer);
        }
    }

    /** The runner's replay in a JVM of its own, on the scripted model, its log in a file. */
    private Process start(Path database, String modelBase, int number) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        // C1 only and the serial collector: a quicker start on a small machine; the test starts
                        // several.
                        "-XX:TieredStopAtLevel=1",
                        "-XX:+UseSerialGC",
                        "-Xss512k",
                        "-cp",
                        System.getProperty("java.class.path"),
                        "dev.escalation.runner.Main",
                        "replay",
                        "-")
                .redirectError(dir.resolve("runner-" + number + ".log").toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("ESCALATION_"));
        builder.environment().put(RunnerConfig.TICKET_DATABASE_PATH, database.toString());
        builder.environment().put(RunnerConfig.LANGUAGE_MODEL, "openai_compatible/x");
        builder.environment().put("ESCALATION_LANGUAGE_MODEL_API_BASE", modelBase);
        // The kills are aimed inside the model's answers, the ticket's reply among them: the customer's
        // yes goes to the model too, not the plain-answer reading.
        builder.environment().put("ESCALATION_LLM_PLAIN_ANSWERS", "false");
        return builder.start();
    }

    /** What the database holds right after a kill, while no process has it open. */
    private static Kill afterKill(String aim, Phase phase, Path database, List<Customer> waiting) throws SQLException {
        int committedUnanswered = 0;
        int recordedUnanswered = 0;
        int ticketsWithoutReply;
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + database.toAbsolutePath());
                Statement statement = db.createStatement();
                PreparedStatement processed = db.prepareStatement(
                        "SELECT COUNT(*), COUNT(reply) FROM processed_messages WHERE conversation_id = ? AND message_id = ?")) {
            for (Customer customer : waiting) {
                processed.setString(1, customer.conversationId);
                processed.setString(2, customer.messageId());
                try (ResultSet row = processed.executeQuery()) {
                    committedUnanswered += row.getInt(1);
                    recordedUnanswered += row.getInt(2);
                }
            }
            ticketsWithoutReply = count(
                    statement, "SELECT COUNT(*) FROM processed_messages WHERE ticket_id IS NOT NULL AND reply IS NULL");
        }
        return new Kill(aim, phase, committedUnanswered, recordedUnanswered, ticketsWithoutReply);
    }

    /** Checks the database against what the customers did; returns the counts for the assertion messages. */
    private static String check(Path database, Map<String, Customer> customers, List<Kill> kills, List<String> errors)
            throws SQLException {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + database.toAbsolutePath());
                Statement statement = db.createStatement()) {
            Map<String, String> states = new HashMap<>();
            Map<String, Integer> turns = new HashMap<>();
            try (ResultSet rows = statement.executeQuery("SELECT conversation_id, state, turns FROM conversations")) {
                while (rows.next()) {
                    states.put(rows.getString(1), rows.getString(2));
                    turns.put(rows.getString(1), rows.getInt(3));
                }
            }
            Map<String, List<String[]>> tickets = new HashMap<>();
            try (ResultSet rows =
                    statement.executeQuery("SELECT conversation_id, ticket_id, department, priority FROM tickets")) {
                while (rows.next()) {
                    tickets.computeIfAbsent(rows.getString(1), c -> new ArrayList<>())
                            .add(new String[] {rows.getString(2), rows.getString(3), rows.getString(4)});
                }
            }
            int ticketCount = tickets.values().stream().mapToInt(List::size).sum();
            int duplicates =
                    tickets.values().stream().mapToInt(list -> list.size() - 1).sum();
            int withoutAudit = count(
                    statement,
                    "SELECT COUNT(*) FROM tickets t WHERE (SELECT COUNT(*) FROM ticket_updates u"
                            + " WHERE u.ticket_id = t.ticket_id AND u.kind = 'CREATED') <> 1");
            int processed = count(statement, "SELECT COUNT(*) FROM processed_messages");
            int unrecorded = count(statement, "SELECT COUNT(*) FROM processed_messages WHERE reply IS NULL");
            int sent = customers.values().stream().mapToInt(c -> c.texts.size()).sum();
            long confirmed =
                    customers.values().stream().filter(c -> c.profile.confirm()).count();
            long midStream =
                    kills.stream().filter(k -> k.phase() == Phase.STREAMING).count();
            long afterCommit =
                    kills.stream().filter(k -> k.committedUnanswered() > 0).count();
            String counts = String.format(
                    "%d kills survived (%d JVM starts), %d conversations (%d confirmed), %d messages, %d tickets, %d duplicates,"
                            + " %d tickets without their CREATED audit entry, %d processed messages (%d without a recorded reply),"
                            + " %d error lines; kills mid-stream %d, kills after a commit whose answer was lost %d; kills: %s;"
                            + " errors: %s",
                    kills.size(),
                    kills.size() + 1,
                    customers.size(),
                    confirmed,
                    sent,
                    ticketCount,
                    duplicates,
                    withoutAudit,
                    processed,
                    unrecorded,
                    errors.size(),
                    midStream,
                    afterCommit,
                    kills,
                    errors);

            assertThat(errors).as(counts).isEmpty();
            assertThat(duplicates).as(counts).isZero();
            assertThat(withoutAudit).as(counts).isZero();
            assertThat(processed)
                    .as("every message sent is one turn, none lost, none twice: " + counts)
                    .isEqualTo(sent);
            assertThat(unrecorded)
                    .as("every reply recorded once answered: " + counts)
                    .isZero();
            for (Customer customer : customers.values()) {
                String id = customer.conversationId;
                String expected = customer.profile.confirm() ? "TICKET_CREATED" : "CANCELLED";
                assertThat(customer.stuck)
                        .as(id + " is stuck after " + customer.texts + ": " + counts)
                        .isFalse();
                assertThat(customer.done).as(id + " never ended: " + counts).isTrue();
                assertThat(states.get(id)).as(id + ": " + counts).isEqualTo(expected);
                assertThat(customer.lastAnswer.path("state").asText())
                        .as(id + ": " + counts)
                        .isEqualTo(expected);
                assertThat(turns.get(id)).as(id + " turns: " + counts).isEqualTo(customer.texts.size());
                List<String[]> own = tickets.getOrDefault(id, List.of());
                if (customer.profile.confirm()) {
                    assertThat(own).as(id + " tickets: " + counts).hasSize(1);
                    String[] ticket = own.get(0);
                    assertThat(customer.lastAnswer
                                    .path("ticket")
                                    .path("ticket_id")
                                    .asText())
                            .as(id + ": the ticket the customer was told of: " + counts)
                            .isEqualTo(ticket[0]);
                    assertThat(customer.lastAnswer.path("reply").asText())
                            .as(id + ": " + counts)
                            .contains(ticket[0]);
                    assertThat(ticket[1])
                            .as(id + " department: " + counts)
                            .isEqualTo(customer.profile.department().displayName());
                    assertThat(ticket[2])
                            .as(id + " priority: " + counts)
                            .isEqualTo(customer.profile.priority().wireName());
                } else {
                    assertThat(own)
                            .as(id + " declined, so no ticket: " + counts)
                            .isEmpty();
                }
            }
            assertThat(ticketCount).as(counts).isEqualTo((int) confirmed);
            return counts;
        }
    }

    private static int count(Statement statement, String sql) throws SQLException {
        try (ResultSet row = statement.executeQuery(sql)) {
            return row.getInt(1);
        }
    }
}
