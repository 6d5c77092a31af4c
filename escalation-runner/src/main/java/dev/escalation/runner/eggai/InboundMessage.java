package dev.escalation.runner.eggai;

import java.util.Objects;

/**
 * One message taken from the agents channel, with where it came from so that it can be acknowledged.
 *
 * <p>Immutable in its fields (the value array must not be changed). Example: {@code message.value()}.
 *
 * @param channel the channel it was read from
 * @param partition the partition (0 for transports without partitions)
 * @param offset its position in the partition
 * @param key the record key, or null
 * @param value the raw bytes
 */
public record InboundMessage(String channel, int partition, long offset, String key, byte[] value) {
    public InboundMessage {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(value, "value");
    }
}
