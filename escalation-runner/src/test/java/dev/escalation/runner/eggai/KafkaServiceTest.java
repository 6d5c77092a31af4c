package dev.escalation.runner.eggai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.escalation.core.EscalationEngine;
import dev.escalation.core.OfflineLanguageModel;
import dev.escalation.store.EscalationDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The service on a real Kafka broker (KRaft, in-process), the real engine, the offline model and SQLite. */
@Timeout(120)
class KafkaServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String FIRST = "I've been trying to resolve this for weeks and I'm frustrated!";
    private static final String SECOND =
            "My premium was taken twice this month and nobody has refunded the duplicate payment.";
    private static KafkaClusterTestKit cluster;
    private static String bootstrap;

    @TempDir
    Path dir;

    @BeforeAll
    static void startBroker() throws Exception {
        cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                        .setCombined(true)
                        .setNumBrokerNodes(1)
                        .setNumControllerNodes(1)
                        .build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("num.partitions", "2")
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        bootstrap = cluster.bootstrapServers();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static EscalationEngine engine(EscalationDatabase database) {
        return EscalationEngine.builder()
                .languageModel(new OfflineLanguageModel())
                .conversationStore(database.conversationStore())
                .ticketStore(database.ticketStore())
                .build();
    }

    private static EscalationService service(EscalationDatabase database, Channels channels) {
        KafkaTransport transport =
                KafkaTransport.connect(bootstrap, "escalation_agent_group", channels, "earliest", () -> true);
        EscalationService service = EscalationService.builder()
                .engine(engine(database))
                .transport(transport)
                .channels(channels)
                .replyForm(ReplyForm.BOTH)
                .workers(2)
                .build();
        service.start();
        return service;
    }

    private static void send(String topic, String key, byte[] value) throws Exception {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    /** Reads a topic from its start until {@code count} records came. */
    private static List<ConsumerRecord<String, byte[]>> read(String topic, int count) {
        List<ConsumerRecord<String, byte[]>> records = read(topic, r -> r.size() >= count);
        assertThat(records).as("records on " + topic).hasSizeGreaterThanOrEqualTo(count);
        return records;
    }

    /** Reads a topic from its start until {@code done} says so or the wait ends. */
    private static List<ConsumerRecord<String, byte[]>> read(
            String topic, java.util.function.Predicate<List<ConsumerRecord<String, byte[]>>> done) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            long end = System.nanoTime() + WAIT.toNanos();
            while (partitions.isEmpty() && System.nanoTime() < end) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            while (!done.test(records) && System.nanoTime() < end) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    private static List<JsonNode> json(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream()
                .map(r -> {
                    try {
                        return Requests.JSON.readTree(r.value());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }

    private static String ns() {
        return "t" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aConversationToATicketRedeliveryBadInputAndARestartOnARealBroker() throws Exception {
        Channels channels = Channels.forNamespace(ns());
        Path file = dir.resolve("tickets.db");
        byte[] confirm =
                Requests.request("escalation_request", "e3", "conn-1", null, List.of(FIRST, "…", SECOND, "…", "yes"));
        try (EscalationDatabase database = EscalationDatabase.openSqlite(file)) {
            EscalationService service = service(database, channels);
            send(channels.agents(), "conn-1", Requests.utf8("not json at all"));
            send(
                    channels.agents(),
                    "conn-1",
                    Requests.request("escalation_request", "e1", "conn-1", null, List.of(FIRST)));
            read(channels.human(), 1);
            assertThat(service.stop(Duration.ofSeconds(10))).isTrue();
        }

        // A restart between two messages of one conversation: state and offsets carry over.
        try (EscalationDatabase database = EscalationDatabase.openSqlite(file)) {
            EscalationService service = service(database, channels);
            send(
                    channels.agents(),
                    "conn-1",
                    Requests.flattened(
                            "ticketing_request", "e2", "conn-1", List.of(FIRST, "Could you tell me more?", SECOND)));
            send(channels.agents(), "conn-1", confirm);
            send(channels.agents(), "conn-1", confirm);

            List<JsonNode> human = json(read(channels.human(), 4));
            List<ConsumerRecord<String, byte[]>> dead = read(channels.deadLetter(), 1);
            List<JsonNode> stream = json(read(channels.humanStream(), 12));
            assertThat(service.stop(Duration.ofSeconds(10))).isTrue();

            assertThat(human)
                    .extracting(h -> h.path("data").path("message_id").asText())
                    .containsExactly("e1", "e2", "e3", "e3");
            String ticketId = database.ticketStore()
                    .listForCustomer("conn-1")
                    .get(0)
                    .ticketId()
                    .value();
            assertThat(database.ticketStore().listForCustomer("conn-1")).hasSize(1);
            assertThat(human.get(2).path("data").path("message").asText())
                    .contains(ticketId)
                    .isEqualTo(human.get(3).path("data").path("message").asText());
            assertThat(new String(dead.get(0).value(), java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo("not json at all");
            assertThat(stream)
                    .extracting(s -> s.path("type").asText())
                    .contains("agent_message_stream_start", "agent_message_stream_chunk", "agent_message_stream_end");
        }
    }

    /** The runner's {@code serve} command in a JVM of its own, as {@code make start-escalation} starts it. */
    private int metricsPort = 0;

    private Process serve(String bootstrapServers, String namespace, Path stderr) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        "dev.escalation.runner.Main",
                        "serve")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(stderr.toFile());
        builder.environment().put("ESCALATION_TRANSPORT", "kafka");
        builder.environment().put("ESCALATION_KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
        builder.environment().put("DEPLOYMENT_NAMESPACE", namespace);
        builder.environment().put("ESCALATION_KAFKA_AUTO_OFFSET_RESET", "earliest");
        builder.environment()
                .put("ESCALATION_TICKET_DATABASE_PATH", dir.resolve("serve.db").toString());
        builder.environment().put("ESCALATION_LANGUAGE_MODEL", "offline");
        builder.environment().put("ESCALATION_PROMETHEUS_METRICS_PORT", Integer.toString(metricsPort));
        return builder.start();
    }

    private static void awaitLog(Path stderr, String text) throws Exception {
        long end = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < end) {
            if (java.nio.file.Files.exists(stderr)
                    && java.nio.file.Files.readString(stderr).contains(text)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no '" + text + "' in the log: " + java.nio.file.Files.readString(stderr));
    }

    @Test
    void theServeCommandAnswersOnKafkaServesMetricsAndExitsZeroOnSigterm() throws Exception {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            metricsPort = socket.getLocalPort();
        }
        String namespace = ns();
        // The EggAI SDK's names under the demo's deployment namespace: eggai.NS-agents and so on.
        Channels channels = Channels.eggai("eggai", namespace, Channels.DEFAULT);
        Path stderr = dir.resolve("serve.log");
        Process process = serve(bootstrap, namespace, stderr);
        try {
            awaitReady(process, metricsPort, stderr);
            assertThat(probe(metricsPort, "/livez")).isEqualTo(200);
            send(channels.agents(), null, Requests.request("escalation_request", "e1", "conn-1", null, List.of(FIRST)));

            List<JsonNode> human = json(read(
                            channels.humanStream(),
                            r -> json(r).stream()
                                    .anyMatch(m -> m.path("type").asText().equals("agent_message_stream_end"))))
                    .stream()
                    .filter(m -> m.path("type").asText().equals("agent_message_stream_end"))
                    .toList();
            // The count follows the reply's publication by a moment.
            dev.escalation.runner.Scrape scrape = dev.escalation.runner.Scrape.of(metricsPort);
            for (int i = 0; i < 50 && scrape.sum("escalation_channel_messages_total") < 1; i++) {
                Thread.sleep(100);
                scrape = dev.escalation.runner.Scrape.of(metricsPort);
            }
            process.destroy();

            assertThat(process.waitFor(40, java.util.concurrent.TimeUnit.SECONDS))
                    .isTrue();
            assertThat(process.exitValue())
                    .as(java.nio.file.Files.readString(stderr))
                    .isZero();
            assertThat(human.get(0).path("data").path("message_id").asText()).isEqualTo("e1");
            assertThat(java.nio.file.Files.readString(stderr))
                    .contains("stopping: finishing the turns in flight")
                    .contains("consumes " + channels.agents() + "; produces replies on " + channels.humanStream()
                            + " (reply form stream)");
            assertThat(scrape.sum(
                            "escalation_channel_messages_total",
                            java.util.Map.of("channel", channels.agents(), "outcome", "handled")))
                    .isEqualTo(1);
            assertThat(scrape.sum("escalation_tickets_created_total")).isZero();
        } finally {
            process.destroyForcibly();
        }
    }

    private static int probe(int port, String path) throws Exception {
        java.net.HttpURLConnection connection = (java.net.HttpURLConnection)
                java.net.URI.create("http://localhost:" + port + path).toURL().openConnection();
        try {
            return connection.getResponseCode();
        } finally {
            connection.disconnect();
        }
    }

    /**
     * Asks /readyz until it says 200: the serve process's consumer owns its partitions. A JVM of its own
     * starts slowly on a busy machine, hence twice the usual wait.
     */
    private static void awaitReady(Process process, int port, Path stderr) throws Exception {
        long end = System.nanoTime() + WAIT.multipliedBy(2).toNanos();
        int status = -1;
        while (System.nanoTime() < end && process.isAlive()) {
            try {
                status = probe(port, "/readyz");
            } catch (java.io.IOException notListeningYet) {
                status = -1;
            }
            if (status == 200) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("/readyz never answered 200 (last " + status + ", serve "
                + (process.isAlive() ? "still running" : "exited with " + process.exitValue()) + "); its log: "
                + (java.nio.file.Files.exists(stderr) ? java.nio.file.Files.readString(stderr) : "none"));
    }

    @Test
    void aBrokerThatIsDownAtStartIsRetriedAndSaidInTheLogAndSigtermStillExitsZero() throws Exception {
        Path stderr = dir.resolve("down.log");
        Process process = serve("localhost:1", ns(), stderr);
        try {
            awaitLog(stderr, "cannot be reached");
            process.destroy();

            assertThat(process.waitFor(40, java.util.concurrent.TimeUnit.SECONDS))
                    .isTrue();
            assertThat(process.exitValue())
                    .as(java.nio.file.Files.readString(stderr))
                    .isZero();
            assertThat(java.nio.file.Files.readString(stderr))
                    .contains("the Kafka broker at localhost:1 cannot be reached");
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void twoConnectionsInterleavedEachGetTheirTicket() throws Exception {
        Channels channels = Channels.forNamespace(ns());
        try (EscalationDatabase database = EscalationDatabase.openSqlite(dir.resolve("two.db"))) {
            EscalationService service = service(database, channels);
            List<List<String>> histories =
                    List.of(List.of(FIRST), List.of(FIRST, "…", SECOND), List.of(FIRST, "…", SECOND, "…", "yes"));
            for (int i = 0; i < histories.size(); i++) {
                for (String connection : List.of("conn-a", "conn-b")) {
                    send(
                            channels.agents(),
                            connection,
                            Requests.request(
                                    i % 2 == 0 ? "escalation_request" : "ticketing_request",
                                    connection + "-" + i,
                                    connection,
                                    null,
                                    histories.get(i)));
                }
            }

            List<JsonNode> human = json(read(channels.human(), 6));
            assertThat(service.stop(Duration.ofSeconds(10))).isTrue();

            for (String connection : List.of("conn-a", "conn-b")) {
                assertThat(human.stream()
                                .filter(h -> h.path("data")
                                        .path("connection_id")
                                        .asText()
                                        .equals(connection))
                                .map(h -> h.path("data").path("message_id").asText())
                                .toList())
                        .containsExactly(connection + "-0", connection + "-1", connection + "-2");
                assertThat(database.ticketStore().listForCustomer(connection)).hasSize(1);
            }
        }
    }

    /**
     * Polls one transport on a thread of its own, as the service's consumer thread does, keeping what it
     * takes: a rebalance callback that waits for turns in flight then blocks only that thread.
     */
    private static final class Poller implements AutoCloseable {
        private final KafkaTransport transport;
        private final List<InboundMessage> taken = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final java.util.concurrent.atomic.AtomicLong polls = new java.util.concurrent.atomic.AtomicLong();
        private final Thread thread;
        private volatile boolean running = true;
        private volatile RuntimeException failure;

        Poller(String name, KafkaTransport transport) {
            this.transport = transport;
            this.thread = new Thread(
                    () -> {
                        try {
                            while (running) {
                                taken.addAll(transport.poll(Duration.ofMillis(100)));
                                polls.incrementAndGet();
                            }
                        } catch (RuntimeException e) {
                            failure = e;
                        }
                    },
                    "poller-" + name);
            thread.setDaemon(true);
            thread.start();
        }

        /** The messages taken so far whose value is {@code value}. */
        List<InboundMessage> taken(String value) {
            return taken.stream()
                    .filter(m -> new String(m.value(), java.nio.charset.StandardCharsets.UTF_8).equals(value))
                    .toList();
        }

        /** The partitions of the messages taken so far that are among {@code values}. */
        java.util.Set<Integer> partitionsOf(List<String> values) {
            return taken.stream()
                    .filter(m -> values.contains(new String(m.value(), java.nio.charset.StandardCharsets.UTF_8)))
                    .map(InboundMessage::partition)
                    .collect(java.util.stream.Collectors.toSet());
        }

        void acknowledgeAll() {
            taken.forEach(transport::acknowledge);
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join(WAIT.toMillis());
            if (failure != null) {
                throw new AssertionError("polling failed", failure);
            }
        }
    }

    private static void await(java.util.function.BooleanSupplier done, String what, Poller... pollers)
            throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (!done.getAsBoolean()) {
            for (Poller poller : pollers) {
                if (poller.failure != null) {
                    throw new AssertionError("polling failed while waiting for " + what, poller.failure);
                }
            }
            assertThat(System.nanoTime()).as(what).isLessThan(end);
            Thread.sleep(10);
        }
    }

    // One message on each partition of the agents topic, all named for the round.
    private static List<String> onEveryPartition(Channels channels, String round) throws Exception {
        List<String> values = new ArrayList<>();
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            for (int partition = 0; partition < KafkaTransport.PARTITIONS; partition++) {
                String value = round + "-" + partition;
                producer.send(new ProducerRecord<>(channels.agents(), partition, null, Requests.utf8(value)))
                        .get();
                values.add(value);
            }
        }
        return values;
    }

    // Each of the values was taken exactly once, by one of the pollers: none lost, none delivered twice.
    private static void takenOnceEach(List<String> values, Poller... pollers) throws InterruptedException {
        await(
                () -> values.stream()
                        .allMatch(v -> java.util.Arrays.stream(pollers)
                                        .mapToLong(p -> p.taken(v).size())
                                        .sum()
                                >= 1),
                "every message of " + values + " taken",
                pollers);
        for (String value : values) {
            assertThat(java.util.Arrays.stream(pollers)
                            .mapToLong(p -> p.taken(value).size())
                            .sum())
                    .as(value)
                    .isEqualTo(1);
        }
    }

    private static final Optional<String> REBALANCING = Optional.of("the consumer group is rebalancing");

    /**
     * Issue 15's readiness under issue 20's cooperative rebalancing: ready while the consumer owns its
     * partitions; "rebalancing" only while one of them is being taken away (which lasts, deterministically,
     * as long as a turn taken from it is not acknowledged), whereas a member that keeps its partitions stays
     * ready through the same rebalance; ready again once the new assignment is in place.
     */
    @Test
    void theTransportIsReadyWhileItOwnsItsPartitionsAndSaysRebalancingOnlyWhileOneIsTakenAway() throws Exception {
        Channels channels = Channels.forNamespace(ns());
        String group = "readiness-" + ns();
        KafkaTransport first = KafkaTransport.connect(bootstrap, group, channels, "earliest", () -> true);
        assertThat(first.notReady()).contains("the consumer has not joined its group yet");
        KafkaTransport second = null;
        try (Poller a = new Poller("first", first)) {
            await(() -> first.notReady().isEmpty(), "the first consumer's assignment", a);
            List<String> round1 = onEveryPartition(channels, "r1");
            takenOnceEach(round1, a);

            // A second member joins: the first, owning all three partitions with a turn in flight on each, must
            // give one up and cannot before that turn is acknowledged.
            second = KafkaTransport.connect(bootstrap, group, channels, "earliest", () -> true);
            KafkaTransport joined = second;
            try (Poller b = new Poller("second", second)) {
                await(() -> first.notReady().equals(REBALANCING), "the first consumer handing a partition over", a, b);
                long polled = b.polls.get();
                await(() -> b.polls.get() >= polled + 3, "the second consumer polling meanwhile", a, b);
                assertThat(first.notReady()).as("while its turn is in flight").isEqualTo(REBALANCING);
                a.acknowledgeAll();
                await(
                        () -> first.notReady().isEmpty() && joined.notReady().isEmpty(),
                        "two consumers' assignment",
                        a,
                        b);
                // Acknowledged turns are committed on the way out: the new owner does not take them again.
                List<String> round2 = onEveryPartition(channels, "r2");
                takenOnceEach(round2, a, b);
                takenOnceEach(round1, a, b);
                assertThat(a.partitionsOf(round2)).hasSize(2);
                assertThat(b.partitionsOf(round2)).hasSize(1);
                thirdJoins(channels, group, a, b);
            }
        } finally {
            if (second != null) {
                second.close();
            }
            first.close();
        }
        assertThat(first.notReady()).contains("the consumer is closed");
    }

    // With turns in flight on every partition (two on the first's, one on the second's), a third member
    // joins: the first gives one up and says rebalancing until its turns are acknowledged, while the
    // second, keeping its partition, says ready at that very moment of the rebalance.
    private static void thirdJoins(Channels channels, String group, Poller a, Poller b) throws Exception {
        KafkaTransport third = KafkaTransport.connect(bootstrap, group, channels, "earliest", () -> true);
        try (Poller c = new Poller("third", third)) {
            await(
                    () -> a.transport.notReady().equals(REBALANCING),
                    "the first consumer handing a partition over",
                    a,
                    b,
                    c);
            assertThat(b.transport.notReady())
                    .as("the second, whose partition stays")
                    .isEmpty();
            long polled = b.polls.get();
            await(() -> b.polls.get() >= polled + 3, "the second consumer polling meanwhile", a, b, c);
            assertThat(a.transport.notReady()).isEqualTo(REBALANCING);
            assertThat(b.transport.notReady()).isEmpty();
            a.acknowledgeAll();
            b.acknowledgeAll();
            await(
                    () -> java.util.stream.Stream.of(a, b, c)
                            .allMatch(p -> p.transport.notReady().isEmpty()),
                    "three consumers' assignment",
                    a,
                    b,
                    c);
            List<String> round3 = onEveryPartition(channels, "r3");
            takenOnceEach(round3, a, b, c);
            for (Poller poller : List.of(a, b, c)) {
                assertThat(poller.partitionsOf(round3))
                        .as(poller.thread.getName())
                        .hasSize(1);
            }
        } finally {
            third.close();
        }
    }
}
