package dev.escalation.runner.eggai;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * How one instance takes part in the consumer group of the agents topic: the rebalance protocol, how
 * soon the broker gives up on an instance that stopped heart-beating, and an optional stable identity.
 *
 * <p>The default is the classic protocol with cooperative-sticky assignment and a 6 s session: an
 * instance killed without a word has its partitions served by the others about 6-8 s later (the
 * broker's {@code group.min.session.timeout.ms} is 6 s by default), and the survivors keep their own
 * partitions while a member joins or leaves (they learn of a rebalance from their next heartbeat, hence
 * one a second). The {@code consumer} protocol of KIP-848 takes its
 * session timeout and heartbeat from the broker ({@code group.consumer.session.timeout.ms}, at least
 * 45 s unless the broker's operator lowers {@code group.consumer.min.session.timeout.ms}), so those two
 * settings apply only to {@code classic}.
 *
 * <p>With an {@code instanceId} the instance is a static member: restarted with the same id before
 * its session ends, it gets its partitions back without a rebalance. Two live instances must never
 * share one id (the broker fences the older one).
 *
 * <p>Immutable and thread-safe. Example: {@code new GroupMembership(Protocol.CLASSIC, Duration.ofSeconds(6),
 * Duration.ofMillis(1000), Optional.of("escalation-0"))}.
 *
 * @param protocol the group rebalance protocol
 * @param sessionTimeout how long without a heartbeat before the broker hands the partitions to others
 *     (classic only)
 * @param heartbeatInterval how often the instance says it is alive (classic only; at most a third of
 *     the session timeout)
 * @param instanceId the static member id ({@code group.instance.id}), or empty for a dynamic member
 */
public record GroupMembership(
        Protocol protocol, Duration sessionTimeout, Duration heartbeatInterval, Optional<String> instanceId) {

    /** Classic, cooperative-sticky, a 6 s session, a heartbeat every second, no static identity. */
    public static final GroupMembership DEFAULT =
            new GroupMembership(Protocol.CLASSIC, Duration.ofSeconds(6), Duration.ofMillis(1000), Optional.empty());

    /** The consumer group rebalance protocols of kafka-clients 4.x. */
    public enum Protocol {
        /** The client-side protocol, here with incremental cooperative rebalancing (cooperative-sticky). */
        CLASSIC,
        /** KIP-848: the broker assigns partitions incrementally; its session timeout is a broker setting. */
        CONSUMER;

        /** The name Kafka's {@code group.protocol} takes: {@code classic} or {@code consumer}. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public GroupMembership {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(sessionTimeout, "sessionTimeout");
        Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
        Objects.requireNonNull(instanceId, "instanceId");
        if (sessionTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("sessionTimeout must be at least 1 ms, but was " + sessionTimeout);
        }
        if (heartbeatInterval.toMillis() < 1
                || heartbeatInterval.multipliedBy(3).compareTo(sessionTimeout) > 0) {
            throw new IllegalArgumentException("heartbeatInterval must be positive and at most a third of the session"
                    + " timeout " + sessionTimeout + ", but was " + heartbeatInterval);
        }
        instanceId.ifPresent(id -> {
            if (id.isBlank() || id.length() > 249) {
                throw new IllegalArgumentException("instanceId must be 1 to 249 characters, but was '" + id + "'");
            }
        });
    }

    /** The same membership with another static identity. */
    public GroupMembership withInstanceId(String id) {
        return new GroupMembership(protocol, sessionTimeout, heartbeatInterval, Optional.of(id));
    }
}
