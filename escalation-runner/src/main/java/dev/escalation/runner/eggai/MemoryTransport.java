package dev.escalation.runner.eggai;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * In-process channels: for embedding the service in a JVM and for tests. Messages sent to the agents
 * channel are queued (a bounded queue: {@link #send} blocks when it is full); messages published to any
 * channel are kept and can be read with {@link #messages} or awaited with {@link #await}.
 *
 * <p>Thread-safe. Example: {@code transport.send("agents", "conn-1", bytes); transport.await("human", 1,
 * Duration.ofSeconds(5));}
 */
public final class MemoryTransport implements Transport {

    /**
     * One message of a channel.
     *
     * @param channel the channel
     * @param key the key, or null
     * @param value the bytes
     * @param headers the headers
     */
    public record Message(String channel, String key, byte[] value, Map<String, String> headers) {
        public Message {
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(value, "value");
            headers = Map.copyOf(headers);
        }

        /** The value as UTF-8 text. */
        public String text() {
            return new String(value, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private final String agents;
    private final Inbox inbox;
    private final Map<String, List<Message>> published = new HashMap<>();
    private final List<Long> acknowledged = new ArrayList<>();
    private long nextOffset;

    /**
     * @param agents the channel the service consumes
     * @param capacity how many unconsumed messages may wait before {@link #send} blocks
     */
    public MemoryTransport(String agents, int capacity) {
        this.agents = Objects.requireNonNull(agents, "agents");
        this.inbox = new Inbox(capacity);
    }

    /** Sends a message as another agent would; blocks while the agents channel's queue is full. */
    public void send(String channel, String key, byte[] value) {
        publish(channel, key, value, Map.of());
    }

    @Override
    public void publish(String channel, String key, byte[] value, Map<String, String> headers) {
        Message message = new Message(channel, key, value.clone(), headers);
        if (channel.equals(agents)) {
            long offset;
            synchronized (this) {
                offset = nextOffset++;
            }
            try {
                inbox.put(new InboundMessage(channel, 0, offset, key, message.value()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UnableToReachTransportException("interrupted while sending to " + channel, e);
            }
        }
        synchronized (this) {
            published.computeIfAbsent(channel, c -> new ArrayList<>()).add(message);
            notifyAll();
        }
    }

    @Override
    public List<InboundMessage> poll(Duration timeout) {
        return inbox.poll(timeout);
    }

    @Override
    public synchronized void acknowledge(InboundMessage message) {
        acknowledged.add(message.offset());
        notifyAll();
    }

    /** The offsets acknowledged so far, in the order acknowledged. */
    public synchronized List<Long> acknowledged() {
        return List.copyOf(acknowledged);
    }

    /** Everything published to {@code channel} so far, in order. */
    public synchronized List<Message> messages(String channel) {
        return List.copyOf(published.getOrDefault(channel, List.of()));
    }

    /**
     * Waits until {@code channel} holds at least {@code count} messages and returns them all.
     *
     * @throws IllegalStateException if they did not come in time
     */
    public synchronized List<Message> await(String channel, int count, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        try {
            while (published.getOrDefault(channel, List.of()).size() < count) {
                long left = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime());
                if (left <= 0) {
                    throw new IllegalStateException(
                            "expected " + count + " messages on " + channel + " within " + timeout + ", but got "
                                    + published.getOrDefault(channel, List.of()).size());
                }
                wait(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + channel, e);
        }
        return messages(channel);
    }

    /**
     * Waits until {@code count} messages were acknowledged.
     *
     * @throws IllegalStateException if they were not in time
     */
    public synchronized void awaitAcknowledged(int count, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        try {
            while (acknowledged.size() < count) {
                long left = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime());
                if (left <= 0) {
                    throw new IllegalStateException("expected " + count + " acknowledged messages within " + timeout
                            + ", but got " + acknowledged.size());
                }
                wait(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for acknowledgements", e);
        }
    }

    @Override
    public void close() {}
}
