package dev.escalation.runner.eggai;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.escalation.core.EscalationEngine;
import dev.escalation.core.OfflineLanguageModel;
import dev.escalation.store.EscalationDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A broker that goes away while the service runs, on a real in-process broker stopped and started
 * again on the same port: the loss and the return are said in the log, and a message sent after the
 * return is answered.
 */
class KafkaBrokerLossTest {

    private static final Duration WAIT = Duration.ofSeconds(40);
    private static final String FIRST = "I've been trying to resolve this for weeks and I'm frustrated!";

    @TempDir
    Path dir;

    private KafkaClusterTestKit cluster;
    private EscalationDatabase database;
    private EscalationService service;
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger transportLog = (Logger) LoggerFactory.getLogger(KafkaTransport.class);

    @AfterEach
    void stop() throws Exception {
        transportLog.detachAppender(logs);
        if (service != null) {
            service.stop(Duration.ofSeconds(10));
        }
        if (database != null) {
            database.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private void send(String topic, String key, byte[] value) throws Exception {
        Properties props = new Properties();
        props.put("bootstrap.servers", cluster.bootstrapServers());
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    private List<JsonNode> read(String topic, int count) throws Exception {
        Properties props = new Properties();
        props.put("bootstrap.servers", cluster.bootstrapServers());
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<JsonNode> records = new ArrayList<>();
            long end = System.nanoTime() + WAIT.toNanos();
            while (records.size() < count && System.nanoTime() < end) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    records.add(Requests.JSON.readTree(record.value()));
                }
            }
            assertThat(records).as("records on " + topic).hasSizeGreaterThanOrEqualTo(count);
            return records;
        }
    }

    private void awaitLog(String text) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < end) {
            synchronized (logs.list) {
                if (logs.list.stream()
                        .anyMatch(event -> event.getFormattedMessage().contains(text))) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no '" + text + "' in the log: " + logs.list);
    }

    @Test
    void aBrokerLostMidRunIsSaidInTheLogAndItsReturnTooAndTheNextMessageIsAnswered() throws Exception {
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
        logs.start();
        transportLog.addAppender(logs);
        database = EscalationDatabase.openSqlite(dir.resolve("tickets.db"));
        Channels channels = Channels.DEFAULT;
        KafkaTransport transport = KafkaTransport.connect(
                cluster.bootstrapServers(), "escalation_agent_group", channels, "earliest", () -> true);
        service = EscalationService.builder()
                .engine(EscalationEngine.builder()
                        .languageModel(new OfflineLanguageModel())
                        .conversationStore(database.conversationStore())
                        .ticketStore(database.ticketStore())
                        .build())
                .transport(transport)
                .channels(channels)
                .replyForm(ReplyForm.BOTH)
                .workers(2)
                .build();
        service.start();
        send(channels.agents(), "conn-1", Requests.request("escalation_request", "e1", "conn-1", null, List.of(FIRST)));
        read(channels.human(), 1);

        var broker = cluster.brokers().values().iterator().next();
        broker.shutdown();
        broker.awaitShutdown();
        awaitLog("lost the Kafka broker at " + cluster.bootstrapServers());
        broker.startup();
        cluster.waitForReadyBrokers();
        awaitLog("answers again");
        send(
                channels.agents(),
                "conn-1",
                Requests.request(
                        "escalation_request",
                        "e2",
                        "conn-1",
                        null,
                        List.of(
                                FIRST,
                                "…",
                                "My premium was taken twice this month and nobody refunded the duplicate payment.")));
        List<JsonNode> human = read(channels.human(), 2);

        assertThat(human)
                .extracting(reply -> reply.path("data").path("message_id").asText())
                .containsExactly("e1", "e2");
        assertThat(database.conversationStore().load("conn-1").orElseThrow().turns())
                .isEqualTo(2);
    }
}
