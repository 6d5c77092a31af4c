package dev.escalation.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.runner.eggai.GroupMembership;
import dev.escalation.runner.eggai.GroupMembership.Protocol;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConsumerGroupConfigTest {

    private static GroupMembership read(Map<String, String> env) {
        return ConsumerGroupConfig.fromEnvironment(env::get);
    }

    @Test
    void unsetVariablesGiveTheClassicProtocolWithASixSecondSessionAndNoStaticIdentity() {
        GroupMembership membership = read(Map.of());

        assertThat(membership).isEqualTo(GroupMembership.DEFAULT);
        assertThat(membership.protocol()).isEqualTo(Protocol.CLASSIC);
        assertThat(membership.sessionTimeout()).isEqualTo(Duration.ofSeconds(6));
        assertThat(membership.heartbeatInterval()).isEqualTo(Duration.ofMillis(1000));
        assertThat(membership.instanceId()).isEmpty();
    }

    @Test
    void everySettingCanBeOverridden() {
        GroupMembership membership = read(Map.of(
                ConsumerGroupConfig.PROTOCOL,
                "Classic",
                ConsumerGroupConfig.SESSION_TIMEOUT_MS,
                "10000",
                ConsumerGroupConfig.HEARTBEAT_INTERVAL_MS,
                "3000",
                ConsumerGroupConfig.INSTANCE_ID,
                " escalation-7f9c "));

        assertThat(membership)
                .isEqualTo(new GroupMembership(
                        Protocol.CLASSIC,
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(3),
                        Optional.of("escalation-7f9c")));
    }

    @Test
    void theConsumerProtocolLeavesTheSessionToTheBrokerAndRefusesClientSessionSettings() {
        assertThat(read(Map.of(ConsumerGroupConfig.PROTOCOL, "consumer")).protocol())
                .isEqualTo(Protocol.CONSUMER);
        assertThatThrownBy(() -> read(Map.of(
                        ConsumerGroupConfig.PROTOCOL, "consumer", ConsumerGroupConfig.SESSION_TIMEOUT_MS, "6000")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining(
                        "ESCALATION_KAFKA_SESSION_TIMEOUT_MS", "group.consumer.session.timeout.ms", "'6000'");
    }

    @Test
    void unusableValuesNameTheVariableAndTheValue() {
        assertThatThrownBy(() -> read(Map.of(ConsumerGroupConfig.PROTOCOL, "eager")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("ESCALATION_KAFKA_GROUP_PROTOCOL", "'eager'");
        assertThatThrownBy(() -> read(Map.of(ConsumerGroupConfig.SESSION_TIMEOUT_MS, "6s")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("ESCALATION_KAFKA_SESSION_TIMEOUT_MS", "'6s'");
        assertThatThrownBy(() -> read(Map.of(ConsumerGroupConfig.HEARTBEAT_INTERVAL_MS, "0")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("ESCALATION_KAFKA_HEARTBEAT_INTERVAL_MS", "'0'");
        assertThatThrownBy(() -> read(Map.of(ConsumerGroupConfig.HEARTBEAT_INTERVAL_MS, "2500")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("at most a third", "'2500'");
    }

    @Test
    void theRecordRefusesAHeartbeatLongerThanAThirdOfTheSession() {
        assertThatThrownBy(() -> new GroupMembership(
                        Protocol.CLASSIC, Duration.ofSeconds(6), Duration.ofSeconds(3), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PT3S");
    }
}
