package dev.escalation.runner.eggai;

import java.nio.charset.StandardCharsets;
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
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
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
 * waits for each send.
 *
 * <p>{@link #poll} and {@link #close} run on the service's consumer thread; {@link #publish} and
 * {@link #acknowledge} on any. Example:
 * {@code KafkaTransport.connect("localhost:19092", "escalation_agent_group", channels, "latest", () -> true)}.
 */
public final class KafkaTransport implements Transport {

  private static final Logger log = LoggerFactory.getLogger(KafkaTransport.class);
  private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);
  // How long without any connection to the cluster before the broker counts as gone, and how often
  // that is said again while it lasts.
  static final Duration LOST_AFTER = Duration.ofSeconds(3);
  static final Duration STILL_LOST_EVERY = Duration.ofSeconds(60);
  /** How many partitions the topics it creates get: as many as the EggAI SDK gives the topics it creates. */
  static final int PARTITIONS = 3;

  private final String bootstrapServers;
  private final KafkaConsumer<String, byte[]> consumer;
  private final KafkaProducer<String, byte[]> producer;
  private final ConcurrentLinkedQueue<InboundMessage> acknowledged = new ConcurrentLinkedQueue<>();
  // Per partition, the offsets taken and not yet committed: true once acknowledged.
  private final Map<TopicPartition, TreeMap<Long, Boolean>> inFlight = new HashMap<>();
  // The consumer's open connections, read on the consumer thread after each poll: the client
  // reconnects by itself and only logs (quietened in serve), so this is how a lost broker is noticed.
  private org.apache.kafka.common.Metric connections;
  private long disconnectedSince = -1;
  private long lastSaid = -1;
  // Why the consumer cannot take messages now; null once it owns its partitions. Written on the
  // consumer thread (rebalance callbacks, broker watch), read by readiness probes on any thread.
  private volatile String notReady = "the consumer has not joined its group yet";
  private volatile boolean brokerLost;

  private KafkaTransport(String bootstrapServers, String group, Channels channels, String autoOffsetReset) {
    this.bootstrapServers = bootstrapServers;
    Properties consumerProps = new Properties();
    consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, autoOffsetReset);
    consumerProps.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "100");
    consumerProps.put(ConsumerConfig.CLIENT_ID_CONFIG, "escalation-agent-consumer");
    this.consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(), new ByteArrayDeserializer());
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
    consumer.subscribe(List.of(channels.agents()), new ConsumerRebalanceListener() {
      @Override
      public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        notReady = "the consumer group is rebalancing";
        commitAcknowledged();
        partitions.forEach(inFlight::remove);
      }

      @Override
      public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        log.info("consuming {} from {}", partitions, bootstrapServers);
        // Ready only once each partition's position is fixed: with auto.offset.reset=latest a message
        // sent after the probe said ready but before the reset would otherwise be skipped.
        try {
          partitions.forEach(consumer::position);
          notReady = null;
        } catch (KafkaException e) {
          notReady = "the positions of " + partitions + " are unknown: " + e.getMessage();
        }
      }

    });
  }

  /**
   * Waits until the broker answers (retrying with backoff, each failure logged, while
   * {@code keepTrying} says so), creates the topics that are missing, and subscribes.
   *
   * @param autoOffsetReset where a new consumer group starts: {@code latest} or {@code earliest}
   * @throws UnableToReachTransportException if {@code keepTrying} turned false before the broker answered
   */
  public static KafkaTransport connect(String bootstrapServers, String group, Channels channels,
      String autoOffsetReset, BooleanSupplier keepTrying) {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(channels, "channels");
    Duration backoff = Duration.ofMillis(500);
    for (int attempt = 1; ; attempt++) {
      try {
        ensureTopics(bootstrapServers, channels);
        if (attempt > 1) {
          log.info("the Kafka broker at {} answers now", bootstrapServers);
        }
        return new KafkaTransport(bootstrapServers, group, channels, autoOffsetReset);
      } catch (UnableToReachTransportException e) {
        if (!keepTrying.getAsBoolean()) {
          throw e;
        }
        log.warn("the Kafka broker at {} cannot be reached (attempt {}: {}); retrying in {} ms", bootstrapServers,
            attempt, e.getMessage(), backoff.toMillis());
        try {
          Thread.sleep(backoff.toMillis());
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw new UnableToReachTransportException("interrupted while waiting for " + bootstrapServers, interrupted);
        }
        backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30)
            : backoff.multipliedBy(2);
        if (!keepTrying.getAsBoolean()) {
          throw e;
        }
      }
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
      for (String topic : List.of(channels.agents(), channels.human(), channels.humanStream(),
          channels.deadLetter())) {
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
      throw new UnableToReachTransportException("the Kafka broker at " + bootstrapServers + " did not answer: "
          + cause, cause);
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
        batch.add(new InboundMessage(record.topic(), record.partition(), record.offset(), record.key(),
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
        log.info("the Kafka broker at {} answers again after {} s; consuming resumes", bootstrapServers,
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
      log.warn("lost the Kafka broker at {}: no connection for {} s; the client reconnects with backoff, replies"
          + " and offset commits wait, and nothing is lost meanwhile", bootstrapServers,
          TimeUnit.NANOSECONDS.toSeconds(now - disconnectedSince));
      lastSaid = now;
    } else if (lastSaid >= 0 && now - lastSaid >= STILL_LOST_EVERY.toNanos()) {
      log.warn("the Kafka broker at {} is still unreachable ({} s so far)", bootstrapServers,
          TimeUnit.NANOSECONDS.toSeconds(now - disconnectedSince));
      lastSaid = now;
    }
  }

  private double openConnections() {
    if (connections == null) {
      for (var entry : consumer.metrics().entrySet()) {
        if (entry.getKey().name().equals("connection-count") && entry.getKey().group().equals("consumer-metrics")) {
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
      throw new UnableToReachTransportException("sending to " + channel + " on " + bootstrapServers + " failed: "
          + cause, cause);
    }
  }

  @Override
  public void publishUnkeyed(String channel, String orderKey, byte[] value, Map<String, String> headers) {
    Objects.requireNonNull(orderKey, "orderKey");
    int partitions;
    try {
      partitions = producer.partitionsFor(channel).size();
    } catch (KafkaException e) {
      throw new UnableToReachTransportException("the partitions of " + channel + " on " + bootstrapServers
          + " are unknown: " + e, e);
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

  // Commits, per partition, the offset after the longest run of acknowledged messages from the start.
  private void commitAcknowledged() {
    for (InboundMessage message; (message = acknowledged.poll()) != null; ) {
      TreeMap<Long, Boolean> offsets = inFlight.get(new TopicPartition(message.channel(), message.partition()));
      if (offsets != null && offsets.containsKey(message.offset())) {
        offsets.put(message.offset(), true);
      }
    }
    Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
    inFlight.forEach((partition, offsets) -> {
      Long next = null;
      while (!offsets.isEmpty() && offsets.firstEntry().getValue()) {
        next = offsets.pollFirstEntry().getKey() + 1;
      }
      if (next != null) {
        commit.put(partition, new OffsetAndMetadata(next));
      }
    });
    if (!commit.isEmpty()) {
      consumer.commitSync(commit);
      log.debug("committed {}", commit);
    }
  }

  @Override
  public void close() {
    notReady = "the consumer is closed";
    try {
      commitAcknowledged();
    } catch (KafkaException e) {
      log.warn("the last offsets could not be committed; those messages will be delivered again: {}", e.toString());
    } finally {
      consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(5)));
      producer.close(Duration.ofSeconds(5));
      // Again, since leaving the group revokes the partitions, which says "rebalancing".
      notReady = "the consumer is closed";
    }
  }
}
