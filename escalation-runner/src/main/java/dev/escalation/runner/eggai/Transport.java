package dev.escalation.runner.eggai;

import java.time.Duration;
import java.util.List;
import java.util.Map;

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
   * Says that a message was handled durably (its turn is stored and its reply sent), so it is not
   * delivered again; a transport commits its position once every earlier message of the partition was
   * acknowledged too.
   */
  void acknowledge(InboundMessage message);

  /** Commits what was acknowledged and releases the transport. */
  @Override
  void close();
}
