package dev.escalation.runner.eggai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.store.PostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code serve} instances in JVMs of their own, one consumer group on a real in-process broker
 * (3 partitions), one embedded PostgreSQL database, under a load of customers whose requests go to
 * random partitions: two messages of one conversation handled by both instances at once, one
 * instance killed with SIGKILL and started again under its static identity, the other stopped with
 * SIGTERM. Nothing may be lost, doubled, stuck or answered out of order; the killed instance's
 * partitions must be reassigned within 10 s and served again within 10 s plus the longest wait of a calm
 * moment, and the survivor's customers must not wait while the
 * killed one rejoins.
 */
@Timeout(300)
class KafkaTakeoverTest {

    private static final Duration TAKEOVER_LIMIT = Duration.ofSeconds(10);
    /**
     * How much longer than with nothing happening the survivor's answers may pause while another
     * instance joins; an eager (stop-the-world) rebalance pauses them until the newcomer has joined.
     */
    private static final Duration PAUSE_LIMIT = Duration.ofSeconds(3);

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int PARTITIONS = 3;

    @TempDir
    Path dir;

    private KafkaClusterTestKit cluster;
    private final List<ServeInstance> instances = new ArrayList<>();

    @AfterEach
    void stopAll() throws Exception {
        instances.forEach(ServeInstance::close);
        if (cluster != null) {
            cluster.close();
        }
    }

    // Each start logs to a file of its own, so that a restarted instance's assignment is not read from the
    // log of the one killed before it under the same identity.
    private ServeInstance start(String name, String bootstrap, String namespace, String database) {
        ServeInstance instance = ServeInstance.start(
                name,
                dir.resolve(name + "-" + instances.size() + ".log"),
                Map.of(
                        "ESCALATION_KAFKA_BOOTSTRAP_SERVERS",
                        bootstrap,
                        "ESCALATION_DEPLOYMENT_NAMESPACE",
                        namespace,
                        "ESCALATION_DATABASE_URL",
                        database,
                        "ESCALATION_KAFKA_GROUP_INSTANCE_ID",
                        "escalation-" + name));
        instances.add(instance);
        return instance;
    }

    @Test
    void aKilledInstanceIsTakenOverWithinTenSecondsAndItsReturnPausesNoOneAndNothingIsLostOrDoubled() throws Exception {
        String bootstrap = startBroker();
        String namespace = "t" + UUID.randomUUID().toString().substring(0, 8);
        // The EggAI SDK's topic names, as serve derives them: eggai.NS-agents, eggai.NS-human_stream, ...
        Channels channels = ServeInstance.channels(Map.of("ESCALATION_DEPLOYMENT_NAMESPACE", namespace));
        String database = PostgresServer.newDatabase();
        ServeInstance a = start("a", bootstrap, namespace, database);
        ServeInstance b = start("b", bootstrap, namespace, database);
        awaitSplit(List.of(a, b), channels);

        try (ConversationLoad load =
                new ConversationLoad(bootstrap, channels, PARTITIONS, 12, Duration.ofMillis(250), 20L)) {
            load.start();
            bothInstancesOnOneConversationAtOnce(load, a, b, database);
            load.startCustomers();
            load.startProbing();
            assertThat(load.awaitAnswered(40, WAIT)).as("warm-up answers").isTrue();
            // How long answers pause on this machine with nothing happening to the group: the yardstick for
            // the pause while an instance rejoins (a machine this busy pauses everything now and then).
            long calmFrom = System.currentTimeMillis();
            assertThat(load.awaitAnswered(load.answeredCustomerMessages() + 30, WAIT))
                    .isTrue();
            long calmTo = System.currentTimeMillis();

            long calmLongestWait = load.longestWait(Set.of(0, 1, 2), calmFrom, calmTo);
            long takeover = killAndTakeOver(load, a, b, calmLongestWait);
            ServeInstance back = start("a", bootstrap, namespace, database);
            long[] pauses = rejoinWithoutPausingTheSurvivor(load, back, b, calmFrom, calmTo);
            load.stopStarting();
            Duration handover = terminateAndHandOver(load, back, b, channels);

            load.stopProbing();
            assertThat(load.awaitIdle(WAIT))
                    .as("unanswered: %s", load.unanswered())
                    .isTrue();
            checkReplies(load);
            checkDatabase(load, database);
            System.err.printf(
                    "KafkaTakeoverTest: takeover after SIGKILL %d ms, survivor's longest pause while the other"
                            + " rejoined %d ms (%d ms calm), SIGTERM handover %d ms, %d customers, %d replies%n",
                    takeover,
                    pauses[0],
                    pauses[1],
                    handover.toMillis(),
                    load.customers().size(),
                    load.replies().size());
        }
        assertThat(b.terminate(WAIT)).isZero();
    }

    private String startBroker() throws Exception {
        cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                        .setCombined(true)
                        .setNumBrokerNodes(1)
                        .setNumControllerNodes(1)
                        .build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("num.partitions", String.valueOf(PARTITIONS))
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        return cluster.bootstrapServers();
    }

    // SIGKILL: no goodbye to the group, so the broker notices only when the session ends. The group must
    // give the killed instance's partitions to the survivor within 10 s, and their first answers may come
    // later than that only by as much as a request waited at most on this machine with nothing happening
    // (a machine this busy answers slowly at any time). Returns the takeover time in ms, the longest over those
    // partitions.
    private static long killAndTakeOver(
            ConversationLoad load, ServeInstance killed, ServeInstance survivor, long calmLongestWait)
            throws InterruptedException {
        Set<Integer> partitions = numbers(killed.assignment());
        killed.kill();
        long killedAt = System.currentTimeMillis();
        assertThat(load.await(() -> numbers(survivor.assignment()).size() == PARTITIONS, WAIT))
                .as("the survivor gets every partition; %s", survivor.log())
                .isTrue();
        long reassigned = System.currentTimeMillis() - killedAt;
        assertThat(load.await(() -> load.firstServedAfter(partitions, killedAt).size() == partitions.size(), WAIT))
                .as("partitions %s served again; %s", partitions, survivor.log())
                .isTrue();
        long takeover = load.firstServedAfter(partitions, killedAt).values().stream()
                .mapToLong(at -> at - killedAt)
                .max()
                .orElseThrow();
        assertThat(Duration.ofMillis(reassigned))
                .as("%s reassigned after SIGKILL; the survivor's log: %s", partitions, survivor.log())
                .isLessThanOrEqualTo(TAKEOVER_LIMIT);
        assertThat(Duration.ofMillis(takeover))
                .as(
                        "takeover of %s after SIGKILL (reassigned after %d ms; %d ms the"
                                + " longest wait with nothing happening)",
                        partitions, reassigned, calmLongestWait)
                .isLessThanOrEqualTo(TAKEOVER_LIMIT.plusMillis(calmLongestWait));
        System.err.printf(
                "KafkaTakeoverTest: %s reassigned %d ms after SIGKILL, answered %d ms after (calm longest"
                        + " wait %d ms)%n",
                partitions, reassigned, takeover, calmLongestWait);
        return takeover;
    }

    // The killed instance comes back under the same identity: it gets a share of the work again, and the
    // answers on the partitions the survivor keeps do not pause meanwhile, from its start until it
    // answered on each of its partitions. Returns that pause and the one with nothing happening, in ms.
    private static long[] rejoinWithoutPausingTheSurvivor(
            ConversationLoad load, ServeInstance back, ServeInstance survivor, long calmFrom, long calmTo)
            throws InterruptedException {
        long restartedAt = System.currentTimeMillis();
        int survivorAssignments = survivor.assignments().size() - 1;
        // A JVM of its own starts slowly on a busy machine (over 60 s at a load average of 36), hence twice the wait.
        assertThat(load.await(
                        () -> !back.assignment().isEmpty()
                                && numbers(survivor.assignment()).size() < PARTITIONS,
                        WAIT.multipliedBy(2)))
                .as(
                        "the restarted instance gets partitions; %s; the restarted one's log: %s; the survivor's: %s",
                        ServeInstance.assignments(List.of(back, survivor)), tail(back.log()), tail(survivor.log()))
                .isTrue();
        long assignedAt = System.currentTimeMillis();
        Set<Integer> its = numbers(back.assignment());
        assertThat(load.await(() -> load.firstServedAfter(its, assignedAt).size() == its.size(), WAIT))
                .as("the restarted instance answers on %s", its)
                .isTrue();
        long settledAt = System.currentTimeMillis();
        Set<Integer> kept = numbers(survivor.assignment());
        survivor.assignments()
                .subList(survivorAssignments, survivor.assignments().size())
                .forEach(s -> kept.retainAll(numbers(s)));
        assertThat(kept).as("the survivor keeps part of its work").isNotEmpty();
        long pause = load.longestGap(kept, restartedAt, settledAt);
        long calmPause = load.longestGap(kept, calmFrom, calmTo);
        assertThat(Duration.ofMillis(pause))
                .as(
                        "longest pause of the answers on the survivor's partitions %s while"
                                + " the other rejoined (%d ms with nothing happening); slowest request: %s; the survivor's log: %s; the"
                                + " restarted one's: %s",
                        kept, calmPause, load.slowest(kept, restartedAt, settledAt), survivor.log(), back.log())
                .isLessThanOrEqualTo(PAUSE_LIMIT.plusMillis(calmPause));
        return new long[] {pause, calmPause};
    }

    // SIGTERM finishes the turns in flight (as long as this machine takes for them), then leaves the group,
    // so the survivor owns every partition within half the 6 s session of the process's end: without the
    // leave it would wait for the session to run out. Returns the time from SIGTERM to that moment.
    private static Duration terminateAndHandOver(
            ConversationLoad load, ServeInstance stopped, ServeInstance survivor, Channels channels)
            throws InterruptedException {
        long terminatedAt = System.nanoTime();
        assertThat(stopped.terminate(WAIT)).as(stopped.log()).isZero();
        long endedAt = System.nanoTime();
        assertThat(load.await(() -> numbers(survivor.assignment()).size() == PARTITIONS, Duration.ofSeconds(20)))
                .as(survivor.log())
                .isTrue();
        long now = System.nanoTime();
        assertThat(stopped.log()).contains("handing over [" + channels.agents());
        assertThat(Duration.ofNanos(now - endedAt))
                .as(
                        "handover after the SIGTERM'd process ended (%d ms after"
                                + " SIGTERM); the stopped one's log: %s; the survivor's: %s",
                        Duration.ofNanos(now - terminatedAt).toMillis(), tail(stopped.log()), tail(survivor.log()))
                .isLessThan(Duration.ofSeconds(3));
        return Duration.ofNanos(now - terminatedAt);
    }

    // Two different messages of one conversation reach the two instances at once (one on a partition of
    // each), and the same message (same envelope id) reaches both: the version check makes one turn win
    // and the other redo on top of it, so both turns count once and the conversation does not fork.
    private static void bothInstancesOnOneConversationAtOnce(
            ConversationLoad load, ServeInstance a, ServeInstance b, String database) throws Exception {
        int onA = numbers(a.assignment()).iterator().next();
        int onB = numbers(b.assignment()).iterator().next();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String both = "both-" + i;
            Thread first = new Thread(() -> load.send(both, both + "-x", 0, onA));
            first.start();
            load.send(both, both + "-y", 1, onB);
            first.join();
            String same = "same-" + i;
            Thread again = new Thread(() -> load.send(same, same + "-m0", 0, onA));
            again.start();
            load.send(same, same + "-m0", 0, onB);
            again.join();
            ids.addAll(List.of(both + "-x", both + "-y", same + "-m0"));
        }
        assertThat(load.await(
                        () -> ids.stream().allMatch(id -> load.firstReply(id).isPresent()), WAIT))
                .as("answers to the concurrent messages")
                .isTrue();
        // The same message on both partitions: the second copy gets the stored reply, the same words.
        assertThat(load.await(
                        () -> load.replies().stream()
                                        .filter(r -> r.connection().startsWith("same-"))
                                        .count()
                                == 10,
                        WAIT))
                .isTrue();
        try (Connection db = DriverManager.getConnection(database)) {
            for (int i = 0; i < 5; i++) {
                assertThat(turns(db, "both-" + i)).as("both-" + i).isEqualTo(2);
                assertThat(processed(db, "both-" + i)).as("both-" + i).isEqualTo(2);
                assertThat(turns(db, "same-" + i)).as("same-" + i).isEqualTo(1);
                assertThat(processed(db, "same-" + i)).as("same-" + i).isEqualTo(1);
                String same = "same-" + i;
                assertThat(load.replies().stream()
                                .filter(r -> r.connection().equals(same))
                                .map(ConversationLoad.Reply::text)
                                .distinct())
                        .as(same)
                        .hasSize(1);
            }
        }
    }

    // Every message answered; a repeat (a reply sent again after the kill, as the README says) has the
    // same words; per conversation, the first answers come in the order the messages were sent.
    private static void checkReplies(ConversationLoad load) {
        Map<String, Set<String>> texts = new HashMap<>();
        Map<String, List<String>> order = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        int repeats = 0;
        // In the order the instances created them: replies may be spread over the human_stream topic's partitions.
        List<ConversationLoad.Reply> replies = new ArrayList<>(load.replies());
        replies.sort(java.util.Comparator.comparingLong(ConversationLoad.Reply::createdAt));
        for (ConversationLoad.Reply reply : replies) {
            texts.computeIfAbsent(reply.messageId(), id -> new HashSet<>()).add(reply.text());
            if (seen.add(reply.messageId())) {
                order.computeIfAbsent(reply.connection(), c -> new ArrayList<>())
                        .add(reply.messageId());
            } else {
                repeats++;
            }
        }
        assertThat(texts.entrySet())
                .as("one set of words per message (repeats: %d)", repeats)
                .allSatisfy(
                        entry -> assertThat(entry.getValue()).as(entry.getKey()).hasSize(1));
        load.customers().forEach((connection, finished) -> {
            assertThat(finished).as(connection + " finished").isTrue();
            List<String> expected = new ArrayList<>();
            for (int step = 0; step < ConversationLoad.STEPS; step++) {
                expected.add(connection + "-m" + step);
            }
            assertThat(order.get(connection))
                    .as(connection + " answered in order")
                    .isEqualTo(expected);
        });
    }

    private static void checkDatabase(ConversationLoad load, String database) throws SQLException {
        try (Connection db = DriverManager.getConnection(database)) {
            for (String connection : load.customers().keySet()) {
                assertThat(turns(db, connection)).as(connection + " turns").isEqualTo(ConversationLoad.STEPS);
                assertThat(processed(db, connection))
                        .as(connection + " processed")
                        .isEqualTo(ConversationLoad.STEPS);
                assertThat(count(db, "SELECT COUNT(*) FROM tickets WHERE conversation_id = ?", connection))
                        .as(connection + " tickets")
                        .isEqualTo(1);
                assertThat(count(
                                db,
                                "SELECT COUNT(*) FROM conversations WHERE conversation_id = ? AND state = 'TICKET_CREATED'",
                                connection))
                        .as(connection + " state")
                        .isEqualTo(1);
            }
            for (String probe : load.probeConnections()) {
                assertThat(turns(db, probe)).as(probe + " turns").isEqualTo(1);
            }
        }
    }

    private static int turns(Connection db, String conversation) throws SQLException {
        return count(db, "SELECT COALESCE(MAX(turns), 0) FROM conversations WHERE conversation_id = ?", conversation);
    }

    private static int processed(Connection db, String conversation) throws SQLException {
        return count(db, "SELECT COUNT(*) FROM processed_messages WHERE conversation_id = ?", conversation);
    }

    private static int count(Connection db, String sql, String value) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setString(1, value);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    // Until each instance has logged an assignment and together they cover every partition.
    private static void awaitSplit(List<ServeInstance> instances, Channels channels) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < end) {
            Set<String> all = new TreeSet<>();
            boolean everyOne = true;
            for (ServeInstance instance : instances) {
                everyOne &= !instance.assignment().isEmpty();
                all.addAll(instance.assignment());
            }
            if (everyOne && all.size() == PARTITIONS) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the instances did not share the " + channels.agents() + " partitions: "
                + ServeInstance.assignments(instances) + "; logs: "
                + instances.stream().map(ServeInstance::log).toList());
    }

    private static String tail(String log) {
        return log.length() <= 4_000 ? log : "…" + log.substring(log.length() - 4_000);
    }

    private static Set<Integer> numbers(Set<String> partitions) {
        Set<Integer> numbers = new TreeSet<>();
        partitions.forEach(p -> numbers.add(Integer.parseInt(p.substring(p.lastIndexOf('-') + 1))));
        return numbers;
    }
}
