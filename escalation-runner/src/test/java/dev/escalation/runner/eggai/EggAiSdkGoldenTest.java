package dev.escalation.runner.eggai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.escalation.core.EscalationEngine;
import dev.escalation.core.OfflineLanguageModel;
import dev.escalation.core.Ticket;
import dev.escalation.runner.TransportConfig;
import dev.escalation.store.EscalationDatabase;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The requests the real EggAI SDK 0.3.4 published for the demo's Triage agent (recorded raw, see
 * {@code src/test/resources/eggai-golden/README.md}), replayed byte for byte, without a key, onto a
 * real in-process broker, to the service configured as {@code serve} is with no settings at all.
 */
@Timeout(120)
class EggAiSdkGoldenTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static KafkaClusterTestKit cluster;
    private static String bootstrap;

    @TempDir
    Path dir;

    /** One raw Kafka record as recorded. */
    private record Golden(String topic, int partition, String key, Map<String, String> headers, String value) {}

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

    private static List<Golden> golden(String form) throws IOException {
        List<Golden> records = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                Objects.requireNonNull(
                        EggAiSdkGoldenTest.class.getResourceAsStream("/eggai-golden/" + form + ".jsonl"), form),
                StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                JsonNode node = Requests.JSON.readTree(line);
                Map<String, String> headers = new java.util.LinkedHashMap<>();
                node.get("headers")
                        .forEach(pair ->
                                headers.put(pair.get(0).asText(), pair.get(1).asText()));
                records.add(new Golden(
                        node.get("topic").asText(),
                        node.get("partition").asInt(),
                        node.get("key").isNull() ? null : node.get("key").asText(),
                        headers,
                        node.get("value").asText()));
            }
        }
        return records;
    }

    private static void publish(List<Golden> records) throws Exception {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (Golden golden : records) {
                ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(
                        golden.topic(),
                        golden.partition(),
                        golden.key() == null ? null : golden.key().getBytes(StandardCharsets.UTF_8),
                        golden.value().getBytes(StandardCharsets.UTF_8));
                golden.headers()
                        .forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
                producer.send(record).get();
            }
        }
    }

    /** Everything on {@code topic} from its start, read until {@code done} says so or the wait ends. */
    private static List<ConsumerRecord<byte[], byte[]>> readUntil(
            String topic, java.util.function.Predicate<List<ConsumerRecord<byte[], byte[]>>> done) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            long end = System.nanoTime() + WAIT.toNanos();
            while (!done.test(records) && System.nanoTime() < end) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    private static long recordsOn(String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .collect(Collectors.toMap(p -> p, p -> org.apache.kafka.clients.admin.OffsetSpec.latest()));
            return admin.listOffsets(partitions).all().get().values().stream()
                    .mapToLong(o -> o.offset())
                    .sum();
        }
    }

    private static JsonNode json(ConsumerRecord<byte[], byte[]> record) {
        try {
            return Requests.JSON.readTree(record.value());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long ends(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream()
                .filter(r -> json(r).path("type").asText().equals("agent_message_stream_end"))
                .count();
    }

    private static EscalationService serveDefaults(EscalationDatabase database) throws InterruptedException {
        TransportConfig settings = TransportConfig.fromEnvironment(name -> null, false);
        KafkaTransport transport = KafkaTransport.connect(
                bootstrap, TransportConfig.GROUP, settings.channels(), settings.autoOffsetReset(), () -> true);
        EscalationService service = EscalationService.builder()
                .engine(EscalationEngine.builder()
                        .languageModel(new OfflineLanguageModel())
                        .conversationStore(database.conversationStore())
                        .ticketStore(database.ticketStore())
                        .build())
                .transport(transport)
                .channels(settings.channels())
                .replyForm(settings.replyForm())
                .workers(2)
                .build();
        service.start();
        // As an orchestrator would: nothing is sent before readiness, which with auto.offset.reset=latest
        // (serve's default) is what keeps the first requests from being skipped.
        long end = System.nanoTime() + WAIT.toNanos();
        while (service.notReady().isPresent() && System.nanoTime() < end) {
            Thread.sleep(50);
        }
        assertThat(service.notReady()).isEmpty();
        return service;
    }

    @Test
    void bothTriageFormsFromTheRealSdkGetOneStreamedReplyPerTurnOnTheSdksTopicsAndACleanTicket() throws Exception {
        List<Golden> requests = new ArrayList<>(golden("escalation_request"));
        requests.addAll(golden("ticketing_request"));
        assertThat(requests).extracting(Golden::topic).containsOnly("eggai.agents");
        assertThat(requests).extracting(Golden::key).containsOnlyNulls();

        try (EscalationDatabase database = EscalationDatabase.openSqlite(dir.resolve("tickets.db"))) {
            EscalationService service = serveDefaults(database);
            try {
                publish(requests);
                List<ConsumerRecord<byte[], byte[]>> stream = readUntil("eggai.human_stream", r -> ends(r) >= 6);

                assertThat(stream).extracting(ConsumerRecord::key).containsOnlyNulls();
                List<String> ids = requests.stream()
                        .map(g -> {
                            try {
                                return Requests.JSON
                                        .readTree(g.value())
                                        .get("id")
                                        .asText();
                            } catch (IOException e) {
                                throw new IllegalStateException(e);
                            }
                        })
                        .toList();
                for (String id : ids) {
                    List<JsonNode> reply = stream.stream()
                            .map(EggAiSdkGoldenTest::json)
                            .filter(m ->
                                    m.path("data").path("message_id").asText().equals(id))
                            .toList();
                    assertThat(reply)
                            .as("the reply to %s", id)
                            .extracting(m -> m.path("type").asText())
                            .startsWith("agent_message_stream_start")
                            .endsWith("agent_message_stream_end")
                            .containsOnlyOnce("agent_message_stream_start", "agent_message_stream_end");
                    assertThat(reply.stream()
                                    .filter(m -> m.path("type").asText().equals("agent_message_stream_chunk"))
                                    .map(m ->
                                            m.path("data").path("message_chunk").asText())
                                    .collect(Collectors.joining()))
                            .isEqualTo(reply.get(reply.size() - 1)
                                    .path("data")
                                    .path("message")
                                    .asText());
                    assertThat(reply)
                            .allSatisfy(
                                    m -> assertThat(m.path("source").asText()).isEqualTo("Escalation"));
                }
                assertThat(recordsOn("eggai.human"))
                        .as("no agent_message besides the stream")
                        .isZero();

                for (String connection : List.of("golden-escalation_request", "golden-ticketing_request")) {
                    List<Ticket> tickets = database.ticketStore().listForCustomer(connection);
                    assertThat(tickets).as(connection).hasSize(1);
                    assertThat(tickets.get(0).description())
                            .contains("taken twice every month since March")
                            .contains("Policy A12345")
                            .doesNotContain("EscalationAgent")
                            .doesNotContain("TargetAgent")
                            .doesNotContain("Escalation:")
                            .doesNotContain("User:");
                }
            } finally {
                assertThat(service.stop(Duration.ofSeconds(10))).isTrue();
            }

            // The SDK's confirmation delivered again (Kafka redelivers what a crash left uncommitted): nothing
            // new is created and the same reply is sent again.
            EscalationService again = serveDefaults(database);
            try {
                Golden confirmation = requests.get(2);
                publish(List.of(confirmation));
                List<ConsumerRecord<byte[], byte[]>> stream = readUntil("eggai.human_stream", r -> ends(r) >= 7);
                List<String> confirmations = stream.stream()
                        .map(EggAiSdkGoldenTest::json)
                        .filter(m -> m.path("type").asText().equals("agent_message_stream_end"))
                        .filter(m ->
                                m.path("data").path("connection_id").asText().equals("golden-escalation_request"))
                        .map(m -> m.path("data").path("message").asText())
                        .toList();
                assertThat(confirmations).hasSize(4);
                assertThat(confirmations.get(3)).isEqualTo(confirmations.get(2)).containsPattern("TK-[A-Z2-9]{8}");
                assertThat(database.ticketStore().listForCustomer("golden-escalation_request"))
                        .hasSize(1);
            } finally {
                assertThat(again.stop(Duration.ofSeconds(10))).isTrue();
            }
        }
    }
}
