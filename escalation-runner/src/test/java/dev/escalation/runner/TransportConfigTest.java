package dev.escalation.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.runner.eggai.Channels;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TransportConfigTest {

  private static TransportConfig read(Map<String, String> env) {
    return TransportConfig.fromEnvironment(env::get, true);
  }

  @Test
  void withoutTheVariableTheTransportIsTheConsoleAtATerminalAndMemoryOtherwise() {
    assertThat(TransportConfig.fromEnvironment(Map.<String, String>of()::get, true).transport()).isEqualTo("console");
    assertThat(TransportConfig.fromEnvironment(Map.<String, String>of()::get, false).transport()).isEqualTo("memory");
    assertThat(TransportConfig.fromEnvironment(Map.of("ESCALATION_TRANSPORT", "Kafka")::get, false).transport())
        .isEqualTo("kafka");
  }

  @Test
  void unsetVariablesTakeTheDefaults() {
    TransportConfig config = read(Map.of());

    assertThat(config.transport()).isEqualTo("console");
    assertThat(config.bootstrapServers()).isEqualTo("localhost:19092");
    assertThat(config.channels()).isEqualTo(Channels.DEFAULT);
    assertThat(config.maxMessageBytes()).isEqualTo(65_536);
    assertThat(config.autoOffsetReset()).isEqualTo("latest");
  }

  @Test
  void aNamespacePrefixesEveryTopicAndTheEscalationVariableWins() {
    assertThat(read(Map.of("DEPLOYMENT_NAMESPACE", "prod")).channels())
        .isEqualTo(new Channels("prod-agents", "prod-human", "prod-human_stream", "prod-escalation_dlq"));
    assertThat(read(Map.of("DEPLOYMENT_NAMESPACE", "prod", "ESCALATION_DEPLOYMENT_NAMESPACE", "dev")).channels()
        .agents()).isEqualTo("dev-agents");
  }

  @Test
  void unusableValuesNameTheVariable() {
    assertThatThrownBy(() -> read(Map.of("ESCALATION_TRANSPORT", "carrier-pigeon")))
        .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("ESCALATION_TRANSPORT");
    assertThatThrownBy(() -> read(Map.of("ESCALATION_MAX_MESSAGE_BYTES", "0")))
        .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("ESCALATION_MAX_MESSAGE_BYTES");
    assertThatThrownBy(() -> read(Map.of("DEPLOYMENT_NAMESPACE", "a b")))
        .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("DEPLOYMENT_NAMESPACE");
  }
}
