package dev.escalation.runner;

import dev.escalation.runner.eggai.GroupMembership;
import dev.escalation.runner.eggai.GroupMembership.Protocol;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * How a {@code serve} instance takes part in the consumer group, from the environment:
 * {@value #PROTOCOL} ({@code classic} or {@code consumer}), {@value #SESSION_TIMEOUT_MS},
 * {@value #HEARTBEAT_INTERVAL_MS} and {@value #INSTANCE_ID}. The defaults are those of
 * {@link GroupMembership#DEFAULT}.
 *
 * <p>Stateless. Example: {@code ConsumerGroupConfig.fromEnvironment(System::getenv).sessionTimeout()}.
 */
public final class ConsumerGroupConfig {

    /** The group rebalance protocol: {@code classic} (cooperative-sticky) or {@code consumer} (KIP-848). */
    public static final String PROTOCOL = "ESCALATION_KAFKA_GROUP_PROTOCOL";
    /** Milliseconds without a heartbeat before the broker gives the partitions to the others (classic). */
    public static final String SESSION_TIMEOUT_MS = "ESCALATION_KAFKA_SESSION_TIMEOUT_MS";
    /** Milliseconds between heartbeats (classic), at most a third of the session timeout. */
    public static final String HEARTBEAT_INTERVAL_MS = "ESCALATION_KAFKA_HEARTBEAT_INTERVAL_MS";
    /** The static member id ({@code group.instance.id}): stable across restarts, unique among live instances. */
    public static final String INSTANCE_ID = "ESCALATION_KAFKA_GROUP_INSTANCE_ID";

    private ConsumerGroupConfig() {}

    /**
     * Reads the settings; {@code env} answers null for an unset variable.
     *
     * @throws InvalidConfigurationException naming the variable and the value when one is not usable
     */
    public static GroupMembership fromEnvironment(UnaryOperator<String> env) {
        GroupMembership defaults = GroupMembership.DEFAULT;
        String protocolText =
                value(env, PROTOCOL, defaults.protocol().wireName()).toLowerCase(Locale.ROOT);
        Protocol protocol = switch (protocolText) {
            case "classic" -> Protocol.CLASSIC;
            case "consumer" -> Protocol.CONSUMER;
            default ->
                throw new InvalidConfigurationException(
                        PROTOCOL + " must be classic or consumer, but was '" + protocolText + "'");
        };
        String session = env.apply(SESSION_TIMEOUT_MS);
        String heartbeat = env.apply(HEARTBEAT_INTERVAL_MS);
        if (protocol == Protocol.CONSUMER) {
            for (String name : new String[] {SESSION_TIMEOUT_MS, HEARTBEAT_INTERVAL_MS}) {
                String set = env.apply(name);
                if (set != null && !set.isBlank()) {
                    throw new InvalidConfigurationException(
                            name + " applies to " + PROTOCOL + "=classic only; with consumer"
                                    + " the broker decides (group.consumer.session.timeout.ms, group.consumer.heartbeat.interval.ms),"
                                    + " but it was '" + set.strip() + "'");
                }
            }
        }
        Duration sessionTimeout = millis(SESSION_TIMEOUT_MS, session, defaults.sessionTimeout());
        Duration heartbeatInterval = millis(HEARTBEAT_INTERVAL_MS, heartbeat, defaults.heartbeatInterval());
        if (heartbeatInterval.multipliedBy(3).compareTo(sessionTimeout) > 0) {
            throw new InvalidConfigurationException(HEARTBEAT_INTERVAL_MS + " must be at most a third of "
                    + SESSION_TIMEOUT_MS + " (" + sessionTimeout.toMillis() + "), but was '"
                    + heartbeatInterval.toMillis()
                    + "'");
        }
        String id = value(env, INSTANCE_ID, "");
        if (id.length() > 249) {
            throw new InvalidConfigurationException(
                    INSTANCE_ID + " must be at most 249 characters, but was '" + id + "'");
        }
        return new GroupMembership(
                protocol, sessionTimeout, heartbeatInterval, id.isEmpty() ? Optional.empty() : Optional.of(id));
    }

    private static Duration millis(String name, String text, Duration fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        long value;
        try {
            value = Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            value = -1;
        }
        if (value < 1 || value > Integer.MAX_VALUE) {
            throw new InvalidConfigurationException(
                    name + " must be a positive number of milliseconds, but was '" + text.strip() + "'");
        }
        return Duration.ofMillis(value);
    }

    private static String value(UnaryOperator<String> env, String name, String fallback) {
        String value = env.apply(name);
        return value == null || value.isBlank() ? fallback : value.strip();
    }
}
