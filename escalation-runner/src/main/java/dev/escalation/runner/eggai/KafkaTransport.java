package dev.escalation.runner.eggai;

import dev.escalation.core.retry.Retrier;
import dev.escalation.core.retry.RetryPolicy;
import dev.escalation.core.retry.Sleeper;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka transport, on the official client: consumes the agents topic in a consumer group with
 * offsets committed by hand, only up to messages that were acknowledged (their turn durable and their
 * reply sent) with every earlier message of the partition; publishes with an idempotent producer and
 * waits for each send. It takes part in the group as a {@link GroupMembership} says (by default
 * cooperative-sticky with a 6 s session): partitions taken away in a rebalance are handed over once the
 * turns in flight on them are acknowledged and committed, {@link #close} leaves the group at once, and
 * every assignment is logged as {@code consuming [topic-partition, ...] from <brokers>}.
 *
 * <p>{@link #poll} and {@link #close} run on the service's consumer thread; {@link #publish} and
 * {@link #acknowledge} on any. Example:
 * {@code KafkaTransport.connect("localhost:19092", "escalation_agent_group", channels, "latest", () -> true)}.
 */
public final class KafkaTransport implements Transport {

    private static final Logger log = LoggerFactory.getLogger(KafkaTransport.class);
    // Until the broker answers or the caller stops: 500 ms doubling up to 30 s, the policy of every
    // wait for the transport.
    private static final Retrier CONNECT_RETRIER = new Retrier(
            RetryPolicy.builder()
                    .initialBackoff(Duration.ofMillis(500))
                    .maxBackoff(Duration.ofSeconds(30))
                    .build(),
            Clock.systemUTC(),
            Sleeper.SYSTEM);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);
    // How long without any connection to the cluster before the broker counts as gone, and how often
    // that is said again while it lasts.
    static final Duration LOST_AFTER = Duration.ofSeconds(3);
    static final Duration STILL_LOST_EVERY = Duration.ofSeconds(60);
    /** How many partitions the topics it creates get: as many as the EggAI SDK gives the topics it creates. */
    static final int PARTITIONS = 3;
    // How long partitions taken away wait for their turns in flight before they are handed over anyway.
    static final Duration HANDOVER_GRACE = Duration.ofSeconds(10);

    private final String bootstrapServers;
    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaProducer<String, byte[]> producer;
    private final ConcurrentLinkedQueue<InboundMessage> acknowledged = new ConcurrentLinkedQueue<>();
    // Per partition, the offsets taken and not yet committed: true once acknowledged.
    private final Map<TopicPartition, TreeMap<Long, Boolean>> inFlight = new HashMap<>();
    // Per partition, the offset to commit that the broker has not taken yet.
    private final Map<TopicPartition, OffsetAndMetadata> uncommitted = new HashMap<>();
    // The consumer's open connections, read on the consumer thread after each poll: the client
    // reconnects by itself and only logs (quietened in serve), so this is how a lost broker is noticed.
    private org.apache.kafka.common.Metric connections;
    private long disconnectedSince = -1;
    private long lastSaid = -1;
    // Why the consumer cannot take messages now; null once it owns its partitions. Written on the
    // consumer thread (rebalance callbacks, broker watch), read by readiness probes on any thread.
    private volatile String notReady = "the consumer has not joined its group yet";
    private volatile boolean brokerLost;
    private boolean closing;

    private KafkaTransport(
            String bootstrapServers,
            String group,
            Channels channels,
            String autoOffsetReset,
            GroupMembership membership) {
        this.bootstrapServers = bootstrapServers;
        this.consumer = new KafkaConsumer<>(
                consumerProperties(bootstrapServers, group, autoOffsetReset, membership),
                new StringDeserializer(),
                new ByteArrayDeserializer());
        Properties producerProps = new Properties();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        producerProps.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        producerProps.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(SEND_TIMEOUT.toMillis()));
        producerProps.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        producerProps.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
        producerProps.put(ProducerConfig.CLIENT_ID_CONFIG, "escalation-agent-producer");
        this.producer = new KafkaProducer<>(producerProps, new StringSerializer(), new ByteArraySerializer());
        consumer.subscribe(List.of(channels.agents()), new Handover());
    }

    // The group settings of issue 20: cooperative rebalancing so that survivors keep their partitions
    // while a member joins or leaves, a short session so that a killed member's partitions are served
    // again within seconds, and an optional static identity so that a restart gets its work back.
    static Properties consumerProperties(
            String bootstrapServers, String group, String autoOffsetReset, GroupMembership membership) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, autoOffsetReset);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "100");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "escalation-agent-consumer");
        props.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, membership.protocol().wireName());
        if (membership.protocol() == GroupMembership.Protocol.CLASSIC) {
            props.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
            props.put(
                    ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG,
                    String.valueOf(membership.sessionTimeout().toMillis()));
            props.put(
                    ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG,
                    String.valueOf(membership.heartbeatInterval().toMillis()));
        }
        membership.instanceId().ifPresent(id -> props.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, id));
        return props;
    }

    /**
     * Runs on the consumer thread inside {@link KafkaConsumer#poll}. Partitions taken away are handed
     * over only after the turns in flight on them finished and their offsets were committed, so the
     * next owner neither redoes them nor answers them twice; partitions lost (the session ended while
     * this instance was cut off) cannot be committed any more, and their messages are delivered again
     * to the new owner, which finds their turns stored.
     */
    private final class Handover implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            notReady = "the consumer group is rebalancing";
            // On close the service has already waited for its turns; what is not acknowledged by then never will be.
            boolean finished = closing || awaitAcknowledged(partitions, HANDOVER_GRACE);
            commitAcknowledged();
            partitions.forEach(inFlight::remove);
            partitions.forEach(uncommitted::remove);
            log.info(
                    "handing over {}{}",
                    sorted(partitions),
                    finished
                            ? ""
                            : " (turns still running after " + HANDOVER_GRACE.toSeconds()
                                    + " s are delivered again to the next owner)");
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            notReady = "the consumer lost its partitions " + sorted(partitions);
            partitions.forEach(inFlight::remove);
            partitions.forEach(uncommitted::remove);
            log.warn(
                    "lost {} without handing them over: their uncommitted messages go to the next owner",
                    sorted(partitions));
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            log.info("consuming {} from {}", sorted(consumer.assignment()), bootstrapServers);
            // Ready only once each partition's position is fixed: with auto.offset.reset=latest a message
            // sent after the probe said ready but before the reset would otherwise be skipped.
            try {
                partitions.forEach(consumer::position);
                notReady = null;
            } catch (KafkaException e) {
                notReady = "the positions of " + partitions + " are unknown: " + e.getMessage();
            }
        }
    }

    private static List<String> sorted(Collection<TopicPartition> partitions) {
        return partitions.stream()
                .sorted(java.util.Comparator.comparing(TopicPartition::topic)
                        .thenComparingInt(TopicPartition::partition))
                .map(TopicPartition::toString)
                .toList();
    }

    // Waits until every message taken from these partitions was acknowledged, or the grace ran out.
    private boolean awaitAcknowledged(Collection<TopicPartition> partitions, Duration grace) {
        long end = System.nanoTime() + grace.toNanos();
        while (true) {
            markAcknowledged();
            boolean pending = partitions.stream()
                    .map(inFlight::get)
                    .anyMatch(offsets -> offsets != null && offsets.containsValue(false));
            if (!pending) {
                return true;
            }
            if (System.nanoTime() - end >= 0) {
                return false;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /**
     * Waits until the broker answers (retrying with backoff, each failure logged, while
     * {@code keepTrying} says so), creates the topics that are missing, and subscribes.
     *
     * @param autoOffsetReset where a new consumer group starts: {@code latest} or {@code earliest}
     * @throws UnableToReachTransportException if {@code keepTrying} turned false before the broker answered
     */
    public static KafkaTransport connect(
            String bootstrapServers,
            String group,
            Channels channels,
            String autoOffsetReset,
            BooleanSupplier keepTrying) {
        return connect(bootstrapServers, group, channels, autoOffsetReset, GroupMembership.DEFAULT, keepTrying);
    }

    /**
     * Like {@link #connect(String, String, Channels, String, BooleanSupplier)}, taking part in the group
     * as {@code membership} says.
     */
    public static KafkaTransport connect(
            String bootstrapServers,
            String group,
            Channels channels,
            String autoOffsetReset,
            GroupMembership membership,
            BooleanSupplier keepTrying) {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(membership, "membership");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(channels, "channels");
        AtomicReference<UnableToReachTransportException> last = new AtomicReference<>();
        try {
            return CONNECT_RETRIER.call(
                    null,
                    (attempt, timeLeft) -> {
                        // Checked again after each wait, so that stopping while waiting does not cost one more try.
                        if (attempt > 1 && !keepTrying.getAsBoolean()) {
                            throw last.get();
                        }
                        ensureTopics(bootstrapServers, channels);
                        if (attempt > 1) {
                            log.info("the Kafka broker at {} answers now", bootstrapServers);
                        }
                        return new KafkaTransport(bootstrapServers, group, channels, autoOffsetReset, membership);
                    },
                    (failed, attempt, backoff) -> {
                        if (!(failed instanceof UnableToReachTransportException e)
                                || e == last.get()
                                || !keepTrying.getAsBoolean()) {
                            return Optional.empty();
                        }
                        last.set(e);
                        log.warn(
                                "the Kafka broker at {} cannot be reached (attempt {}: {}); retrying in {} ms",
                                bootstrapServers,
                                attempt,
                                e.getMessage(),
                                backoff.toMillis());
                        return Optional.of(backoff);
                    });
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new UnableToReachTransportException("interrupted while waiting for " + bootstrapServers, interrupted);
        }
    }

    private static void ensureTopics(String bootstrapServers, Channels channels) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
        try (Admin admin = Admin.create(props)) {
            admin.describeCluster().clusterId().get(5, TimeUnit.SECONDS);
            var existing = admin.listTopics().names().get(5, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (String topic :
                    List.of(channels.agents(), channels.human(), channels.humanStream(), channels.deadLetter())) {
                if (!existing.contains(topic)) {
                    missing.add(new NewTopic(topic, Optional.of(PARTITIONS), Optional.empty()));
                }
            }
            if (!missing.isEmpty()) {
                try {
                    admin.createTopics(missing).all().get(10, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnableToReachTransportException("interrupted while reaching " + bootstrapServers, e);
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            throw new UnableToReachTransportException(
                    "the Kafka broker at " + bootstrapServers + " did not answer: " + cause, cause);
        }
    }

    @Override
    public List<InboundMessage> poll(Duration timeout) {
        try {
            commitAcknowledged();
            List<InboundMessage> batch = new ArrayList<>();
            for (ConsumerRecord<String, byte[]> record : consumer.poll(timeout)) {
                TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                inFlight.computeIfAbsent(partition, p -> new TreeMap<>()).put(record.offset(), false);
                batch.add(new InboundMessage(
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        record.key(),
                        record.value() == null ? new byte[0] : record.value()));
            }
            watchBroker(System.nanoTime());
            return batch;
        } catch (KafkaException e) {
            throw new UnableToReachTransportException("polling " + bootstrapServers + " failed: " + e, e);
        }
    }

    private void watchBroker(long now) {
        double open = openConnections();
        if (open > 0) {
            brokerLost = false;
            if (lastSaid >= 0) {
                log.info(
                        "the Kafka broker at {} answers again after {} s; consuming resumes",
                        bootstrapServers,
                        TimeUnit.NANOSECONDS.toSeconds(now - disconnectedSince));
            }
            disconnectedSince = -1;
            lastSaid = -1;
            return;
        }
        if (disconnectedSince < 0) {
            disconnectedSince = now;
        } else if (lastSaid < 0 && now - disconnectedSince >= LOST_AFTER.toNanos()) {
            brokerLost = true;
            log.warn(
                    "lost the Kafka broker at {}: no connection for {} s; the client reconnects with backoff, replies"
                            + " and offset commits wait, and nothing is lost meanwhile",
                    bootstrapServers,
                    TimeUnit.NANOSECONDS.toSeconds(now - disconnectedSince));
            lastSaid = now;
        } else if (lastSaid >= 0 && now - lastSaid >= STILL_LOST_EVERY.toNanos()) {
            log.warn(
                    "the Kafka broker at {} is still unreachable ({} s so far)",
                    bootstrapServers,
                    TimeUnit.NANOSECONDS.toSeconds(now - disconnectedSince));
            lastSaid = now;
        }
    }

    private double openConnections() {
        if (connections == null) {
            for (var entry : consumer.metrics().entrySet()) {
                if (entry.getKey().name().equals("connection-count")
                        && entry.getKey().group().equals("consumer-metrics")) {
                    connections = entry.getValue();
                }
            }
            if (connections == null) {
                return 1;
            }
        }
        return connections.metricValue() instanceof Number number ? number.doubleValue() : 1;
    }

    @Override
    public void publish(String channel, String key, byte[] value, Map<String, String> headers) {
        send(new ProducerRecord<>(channel, key, value), headers);
    }

    private void send(ProducerRecord<String, byte[]> record, Map<String, String> headers) {
        String channel = record.topic();
        headers.forEach((name, text) -> record.headers().add(name, text.getBytes(StandardCharsets.UTF_8)));
        try {
            producer.send(record).get(SEND_TIMEOUT.toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnableToReachTransportException("interrupted while sending to " + channel, e);
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            throw new UnableToReachTransportException(
                    "sending to " + channel + " on " + bootstrapServers + " failed: " + cause, cause);
        }
    }

    @Override
    public void publishUnkeyed(String channel, String orderKey, byte[] value, Map<String, String> headers) {
        Objects.requireNonNull(orderKey, "orderKey");
        int partitions;
        try {
            partitions = producer.partitionsFor(channel).size();
        } catch (KafkaException e) {
            throw new UnableToReachTransportException(
                    "the partitions of " + channel + " on " + bootstrapServers + " are unknown: " + e, e);
        }
        // The partitioner's own hash of the order key, so that one connection's replies stay in order
        // although they carry no key.
        int partition = Utils.toPositive(Utils.murmur2(orderKey.getBytes(StandardCharsets.UTF_8))) % partitions;
        send(new ProducerRecord<>(channel, partition, null, value), headers);
    }

    @Override
    public Optional<String> notReady() {
        if (brokerLost) {
            return Optional.of("lost the Kafka broker at " + bootstrapServers);
        }
        return Optional.ofNullable(notReady);
    }

    @Override
    public void acknowledge(InboundMessage message) {
        acknowledged.add(message);
    }

    private void markAcknowledged() {
        for (InboundMessage message; (message = acknowledged.poll()) != null; ) {
            TreeMap<Long, Boolean> offsets = inFlight.get(new TopicPartition(message.channel(), message.partition()));
            if (offsets != null && offsets.containsKey(message.offset())) {
                offsets.put(message.offset(), true);
            }
        }
    }

    // Commits, per partition, the offset after the longest run of acknowledged messages from the start.
    // A commit refused because the group is rebalancing is kept and tried again after the next poll (which
    // completes the rebalance); treating it as a failure would stop this instance's own partitions too.
    private void commitAcknowledged() {
        markAcknowledged();
        inFlight.forEach((partition, offsets) -> {
            Long next = null;
            while (!offsets.isEmpty() && offsets.firstEntry().getValue()) {
                next = offsets.pollFirstEntry().getKey() + 1;
            }
            if (next != null) {
                uncommitted.put(partition, new OffsetAndMetadata(next));
            }
        });
        if (uncommitted.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(uncommitted);
            log.debug("committed {}", uncommitted);
            uncommitted.clear();
        } catch (RebalanceInProgressException e) {
            log.debug("the group is rebalancing; committing {} after the next poll", uncommitted);
        }
    }

    @Override
    public void close() {
        notReady = "the consumer is closed";
        closing = true;
        try {
            commitAcknowledged();
        } catch (KafkaException e) {
            log.warn(
                    "the last offsets could not be committed; those messages will be delivered again: {}",
                    e.toString());
        } finally {
            // Leaving the group explicitly, also as a static member (which by default stays until its session
            // ends): a stopped instance's partitions go to the others at once.
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5))
                    .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
            producer.close(Duration.ofSeconds(5));
            // Again, since leaving the group revokes the partitions, which says "rebalancing".
            notReady = "the consumer is closed";
        }
    }
}
