package dev.escalation.runner.eggai;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Customers of a Triage-like producer on the agents topic: each request goes, without a key, to a
 * partition chosen at random (as the EggAI SDK's producer spreads them), so one conversation moves
 * between partitions and instances. {@code concurrency} customers wait for an answer at once, each
 * sending its next message only after reading the answer to the last (opening, details, "yes": three
 * turns to a ticket), new customers taking the place of finished ones while starting is on. Probes,
 * one-message conversations sent to every partition at a fixed interval, show how long each partition
 * keeps a customer waiting. Every reply is read where {@code serve} sends it by default, as the
 * {@code agent_message_stream_end} (which carries the whole reply) on the human_stream topic, and is
 * recorded with the time its instance created it.
 *
 * <p>Thread-safe; one driver thread of its own. Example:
 * {@code try (ConversationLoad load = new ConversationLoad(bootstrap, channels, 3, 12, Duration.ofMillis(250), 1))
 * {...}}.
 */
public final class ConversationLoad implements AutoCloseable {

    static final String FIRST = "I've been trying to resolve this for weeks and I'm frustrated!";
    static final String SECOND = "My premium was taken twice this month and nobody has refunded the duplicate payment.";
    static final String YES = "Yes, please create the ticket.";
    /** How many messages a customer sends: the opening, the details and the confirmation. */
    public static final int STEPS = 3;

    /** One request sent: which conversation, which of its messages, where and when (epoch ms). */
    public record Sent(String messageId, String connection, int step, int partition, long sentAt) {}

    /** One reply read: to which message, its words, and when its instance created it (epoch ms). */
    public record Reply(String messageId, String connection, String text, long createdAt) {}

    private final Channels channels;
    private final int partitions;
    private final int concurrency;
    private final Duration probeEvery;
    private final Random random;
    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, Sent> sent = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Reply> replies = new ConcurrentLinkedQueue<>();
    private final Map<String, Reply> firstReplies = new ConcurrentHashMap<>();
    // The customers' current step, by connection; only the driver thread changes it.
    private final Map<String, Integer> customers = new ConcurrentHashMap<>();
    private final Set<String> finished = ConcurrentHashMap.newKeySet();
    private final AtomicInteger started = new AtomicInteger();
    private final AtomicInteger probes = new AtomicInteger();
    private final String prefix;
    private volatile boolean starting;
    private volatile boolean probing;
    private volatile boolean running = true;
    private volatile RuntimeException failure;
    private Thread driver;

    /**
     * A load on {@code channels}' agents topic of {@code partitions} partitions; nothing is sent before
     * {@link #start}.
     */
    public ConversationLoad(
            String bootstrap, Channels channels, int partitions, int concurrency, Duration probeEvery, long seed) {
        this.channels = channels;
        this.partitions = partitions;
        this.concurrency = concurrency;
        this.probeEvery = probeEvery;
        this.random = new Random(seed);
        this.prefix = "s" + Long.toHexString(seed) + "-";
        Properties producerProps = new Properties();
        producerProps.put("bootstrap.servers", bootstrap);
        producerProps.put("linger.ms", "0");
        this.producer = new KafkaProducer<>(producerProps, new StringSerializer(), new ByteArraySerializer());
        Properties consumerProps = new Properties();
        consumerProps.put("bootstrap.servers", bootstrap);
        this.consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> stream = new ArrayList<>();
        List<org.apache.kafka.common.PartitionInfo> found = consumer.partitionsFor(channels.humanStream());
        if (found == null || found.isEmpty()) {
            consumer.close();
            producer.close();
            throw new IllegalStateException("the topic " + channels.humanStream() + " does not exist: start the serve"
                    + " instances, which create their topics, before the load, on the same channels");
        }
        found.forEach(p -> stream.add(new TopicPartition(p.topic(), p.partition())));
        consumer.assign(stream);
        consumer.seekToBeginning(stream);
    }

    /** Starts reading replies; customers and probes begin with {@link #startCustomers} and {@link #startProbing}. */
    public synchronized void start() {
        if (driver == null) {
            driver = new Thread(this::drive, "conversation-load");
            driver.setDaemon(true);
            driver.start();
        }
    }

    /** Customers begin: {@code concurrency} of them wait for an answer at any time. */
    public void startCustomers() {
        starting = true;
    }

    /** Probes begin: one request to every partition at each interval. */
    public void startProbing() {
        probing = true;
    }

    /** No new customers from now on; those started carry on to their ticket. */
    public void stopStarting() {
        starting = false;
    }

    /** No more probes. */
    public void stopProbing() {
        probing = false;
    }

    /** Sends one request of a conversation to a partition of the caller's choice (step 0, 1 or 2). */
    public void send(String connection, String messageId, int step, int partition) {
        List<String> history = switch (step) {
            case 0 -> List.of(FIRST);
            case 1 -> List.of(FIRST, "…", SECOND);
            default -> List.of(FIRST, "…", SECOND, "…", YES);
        };
        byte[] request = Requests.request(
                step % 2 == 0 ? "escalation_request" : "ticketing_request", messageId, connection, null, history);
        sent.put(messageId, new Sent(messageId, connection, step, partition, System.currentTimeMillis()));
        try {
            producer.send(new ProducerRecord<>(channels.agents(), partition, null, request))
                    .get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending " + messageId, e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("unable to send " + messageId + ": " + e, e);
        }
    }

    private void drive() {
        long nextProbe = System.currentTimeMillis();
        try {
            while (running) {
                while (starting && customers.size() - finished.size() < concurrency) {
                    String connection = prefix + "c" + started.incrementAndGet();
                    customers.put(connection, 0);
                    send(connection, connection + "-m0", 0, random.nextInt(partitions));
                }
                if (!probing) {
                    nextProbe = System.currentTimeMillis();
                } else if (System.currentTimeMillis() >= nextProbe) {
                    for (int partition = 0; partition < partitions; partition++) {
                        String probe = prefix + "p" + probes.incrementAndGet();
                        send(probe, probe, 0, partition);
                    }
                    nextProbe += probeEvery.toMillis();
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(20))) {
                    read(record);
                }
            }
        } catch (RuntimeException e) {
            failure = e;
        }
    }

    private void read(ConsumerRecord<String, byte[]> record) {
        JsonNode message;
        try {
            message = Requests.JSON.readTree(record.value());
        } catch (IOException e) {
            throw new IllegalStateException("a reply that is not JSON at offset " + record.offset(), e);
        }
        // The start and the chunks come first; only the end holds the whole reply.
        if (!message.path("type").asText().equals("agent_message_stream_end")) {
            return;
        }
        JsonNode data = message.path("data");
        Reply reply = new Reply(
                data.path("message_id").asText(),
                data.path("connection_id").asText(),
                data.path("message").asText(),
                record.timestamp());
        replies.add(reply);
        if (firstReplies.putIfAbsent(reply.messageId(), reply) != null) {
            return;
        }
        Integer step = customers.get(reply.connection());
        if (step == null || !reply.messageId().equals(reply.connection() + "-m" + step)) {
            return;
        }
        if (step + 1 >= STEPS) {
            finished.add(reply.connection());
            return;
        }
        customers.put(reply.connection(), step + 1);
        send(reply.connection(), reply.connection() + "-m" + (step + 1), step + 1, random.nextInt(partitions));
    }

    /** Throws what stopped the driver, if anything did. */
    public void requireHealthy() {
        if (failure != null) {
            throw new IllegalStateException("the load driver failed: " + failure, failure);
        }
    }

    /** Waits until {@code count} customer messages were answered; false if {@code wait} ran out first. */
    public boolean awaitAnswered(long count, Duration wait) throws InterruptedException {
        return await(() -> answeredCustomerMessages() >= count, wait);
    }

    /** Waits until every customer finished and every message sent was answered. */
    public boolean awaitIdle(Duration wait) throws InterruptedException {
        return await(
                () -> !starting
                        && finished.size() == customers.size()
                        && unanswered().isEmpty(),
                wait);
    }

    /** Waits until {@code condition} holds, checking every 50 ms; false if {@code wait} ran out first. */
    public boolean await(java.util.function.BooleanSupplier condition, Duration wait) throws InterruptedException {
        long end = System.nanoTime() + wait.toNanos();
        while (!condition.getAsBoolean()) {
            requireHealthy();
            if (System.nanoTime() - end >= 0) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    /** How many customer messages (not probes) were answered so far. */
    public long answeredCustomerMessages() {
        return firstReplies.keySet().stream()
                .filter(id -> sent.containsKey(id) && isCustomer(sent.get(id)))
                .count();
    }

    private boolean isCustomer(Sent request) {
        return customers.containsKey(request.connection());
    }

    /** The messages sent and not answered yet. */
    public List<Sent> unanswered() {
        return sent.values().stream()
                .filter(s -> !firstReplies.containsKey(s.messageId()))
                .toList();
    }

    /** Every request sent, by message id. */
    public Map<String, Sent> sent() {
        return Map.copyOf(sent);
    }

    /** Every reply read, in the order of the human_stream topic's partitions. */
    public List<Reply> replies() {
        return List.copyOf(replies);
    }

    /** The first reply to a message, if one came. */
    public Optional<Reply> firstReply(String messageId) {
        return Optional.ofNullable(firstReplies.get(messageId));
    }

    /** The conversations of the customers (not the probes) and whether each finished its three turns. */
    public Map<String, Boolean> customers() {
        Map<String, Boolean> all = new HashMap<>();
        customers.keySet().forEach(connection -> all.put(connection, finished.contains(connection)));
        return all;
    }

    /** The probes' conversations. */
    public List<String> probeConnections() {
        return sent.values().stream()
                .filter(s -> !isCustomer(s) && s.connection().startsWith(prefix + "p"))
                .map(Sent::connection)
                .toList();
    }

    /**
     * Per partition, when a reply to a request on it was first created after {@code after} (epoch ms);
     * absent for a partition with none yet.
     */
    public Map<Integer, Long> firstServedAfter(Collection<Integer> onPartitions, long after) {
        Map<Integer, Long> served = new HashMap<>();
        for (Reply reply : firstReplies.values()) {
            Sent request = sent.get(reply.messageId());
            if (request != null && onPartitions.contains(request.partition()) && reply.createdAt() > after) {
                served.merge(request.partition(), reply.createdAt(), Math::min);
            }
        }
        return served;
    }

    /**
     * The longest a request on these partitions sent in [{@code from}, {@code to}] waited for its first
     * reply, in ms; one still unanswered counts until now.
     */
    public long longestWait(Collection<Integer> onPartitions, long from, long to) {
        long now = System.currentTimeMillis();
        long longest = 0;
        for (Sent request : sent.values()) {
            if (onPartitions.contains(request.partition()) && request.sentAt() >= from && request.sentAt() <= to) {
                long answered =
                        firstReply(request.messageId()).map(Reply::createdAt).orElse(now);
                longest = Math.max(longest, answered - request.sentAt());
            }
        }
        return longest;
    }

    /**
     * The longest time in [{@code from}, {@code to}] (epoch ms) during which no reply was created for a
     * request on these partitions: how long their answers paused.
     */
    public long longestGap(Collection<Integer> onPartitions, long from, long to) {
        List<Long> times = new ArrayList<>();
        for (Reply reply : firstReplies.values()) {
            Sent request = sent.get(reply.messageId());
            if (request != null
                    && onPartitions.contains(request.partition())
                    && reply.createdAt() >= from
                    && reply.createdAt() <= to) {
                times.add(reply.createdAt());
            }
        }
        times.add(from);
        times.add(to);
        times.sort(null);
        long longest = 0;
        for (int i = 1; i < times.size(); i++) {
            longest = Math.max(longest, times.get(i) - times.get(i - 1));
        }
        return longest;
    }

    /** The request on these partitions sent in [{@code from}, {@code to}] that waited longest, for messages. */
    public String slowest(Collection<Integer> onPartitions, long from, long to) {
        long now = System.currentTimeMillis();
        return sent.values().stream()
                .filter(r -> onPartitions.contains(r.partition()) && r.sentAt() >= from && r.sentAt() <= to)
                .max(java.util.Comparator.comparingLong(
                        r -> firstReply(r.messageId()).map(Reply::createdAt).orElse(now) - r.sentAt()))
                .map(r -> r + " sent " + (r.sentAt() - from) + " ms into the window, answered at "
                        + firstReply(r.messageId())
                                .map(reply -> (reply.createdAt() - from) + " ms")
                                .orElse("never"))
                .orElse("none");
    }

    @Override
    public void close() {
        running = false;
        if (driver != null) {
            try {
                driver.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        producer.close(Duration.ofSeconds(5));
        consumer.close();
    }
}
