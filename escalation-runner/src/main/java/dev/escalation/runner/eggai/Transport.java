package dev.escalation.runner.eggai;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the service reads requests and writes replies: in-process channels ({@link MemoryTransport})
 * or Kafka.
 *
 * <p>{@link #poll} and {@link #close} are called by one thread (the service's consumer thread);
 * {@link #publish} and {@link #acknowledge} may be called from any thread.
 */
public interface Transport extends AutoCloseable {

    /**
     * The next messages of the agents channel, waiting up to {@code timeout}; empty when none came.
     * Messages not acknowledged when the service stops are delivered again on the next start.
     *
     * @throws UnableToReachTransportException when the transport failed (the service retries with backoff)
     */
    List<InboundMessage> poll(Duration timeout);

    /**
     * Sends one message and returns once the transport took it.
     *
     * @throws UnableToReachTransportException when it could not be sent
     */
    void publish(String channel, String key, byte[] value, Map<String, String> headers);

    /**
     * Sends one message without a key, as the EggAI SDK does, keeping the messages of one
     * {@code orderKey} in the order they are sent (on Kafka: on one partition chosen from it); returns
     * once the transport took it. By default {@link #publish} with a null key.
     *
     * @throws UnableToReachTransportException when it could not be sent
     */
    default void publishUnkeyed(String channel, String orderKey, byte[] value, Map<String, String> headers) {
        publish(channel, null, value, headers);
    }

    /**
     * Why the transport cannot take messages now (on Kafka: the consumer owns no partitions yet, or
     * is rebalancing, or lost the broker); empty when it can. Called from any thread.
     */
    default Optional<String> notReady() {
        return Optional.empty();
    }

    /**
     * Says that a message was handled durably (its turn is stored and its reply sent), so it is not
     * delivered again; a transport commits its position once every earlier message of the partition was
     * acknowledged too.
     */
    void acknowledge(InboundMessage message);

    /** Commits what was acknowledged and releases the transport. */
    @Override
    void close();
}
