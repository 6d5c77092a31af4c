package dev.escalation.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.runner.eggai.Channels;
import dev.escalation.runner.eggai.ReplyForm;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TransportConfigTest {

    private static TransportConfig read(Map<String, String> env) {
        return TransportConfig.fromEnvironment(env::get, true);
    }

    @Test
    void withoutTheVariableTheTransportIsTheConsoleAtATerminalAndMemoryOtherwise() {
        assertThat(TransportConfig.fromEnvironment(Map.<String, String>of()::get, true)
                        .transport())
                .isEqualTo("console");
        assertThat(TransportConfig.fromEnvironment(Map.<String, String>of()::get, false)
                        .transport())
                .isEqualTo("memory");
        assertThat(TransportConfig.fromEnvironment(Map.of("ESCALATION_TRANSPORT", "Kafka")::get, false)
                        .transport())
                .isEqualTo("kafka");
    }

    @Test
    void unsetVariablesTakeTheDefaults() {
        TransportConfig config = read(Map.of());

        assertThat(config.transport()).isEqualTo("console");
        assertThat(config.bootstrapServers()).isEqualTo("localhost:19092");
        assertThat(config.channels())
                .isEqualTo(new Channels("eggai.agents", "eggai.human", "eggai.human_stream", "eggai.escalation_dlq"))
                .isEqualTo(Channels.SDK_DEFAULT);
        assertThat(config.maxMessageBytes()).isEqualTo(65_536);
        assertThat(config.autoOffsetReset()).isEqualTo("latest");
        assertThat(config.replyForm()).isEqualTo(ReplyForm.STREAM);
    }

    @Test
    void aDeploymentNamespacePrefixesEveryBaseNameAsTheDemoDoesAndTheEscalationVariableWins() {
        assertThat(read(Map.of("DEPLOYMENT_NAMESPACE", "prod")).channels())
                .isEqualTo(new Channels(
                        "eggai.prod-agents",
                        "eggai.prod-human",
                        "eggai.prod-human_stream",
                        "eggai.prod-escalation_dlq"));
        assertThat(read(Map.of("DEPLOYMENT_NAMESPACE", "prod", "CHANNEL_DEPLOYMENT_NAMESPACE", "stage"))
                        .channels()
                        .agents())
                .isEqualTo("eggai.stage-agents");
        assertThat(read(Map.of(
                                "DEPLOYMENT_NAMESPACE",
                                "prod",
                                "CHANNEL_DEPLOYMENT_NAMESPACE",
                                "stage",
                                "ESCALATION_DEPLOYMENT_NAMESPACE",
                                "dev"))
                        .channels()
                        .agents())
                .isEqualTo("eggai.dev-agents");
    }

    @Test
    void theSdkNamespaceAndTheDemosBaseNamesFollowTheirVariables() {
        TransportConfig config = read(Map.of(
                "EGGAI_NAMESPACE",
                "acme",
                "CHANNEL_AGENTS_BASE",
                "requests",
                "CHANNEL_HUMAN_BASE",
                "people",
                "CHANNEL_HUMAN_STREAM_BASE",
                "people_stream"));

        assertThat(config.channels())
                .isEqualTo(new Channels("acme.requests", "acme.people", "acme.people_stream", "acme.escalation_dlq"));
    }

    @Test
    void eachTopicSetWholeIsTakenAsItIs() {
        TransportConfig config = read(Map.of(
                "DEPLOYMENT_NAMESPACE",
                "prod",
                "ESCALATION_AGENTS_TOPIC",
                "agents",
                "ESCALATION_HUMAN_TOPIC",
                "human",
                "ESCALATION_HUMAN_STREAM_TOPIC",
                "human_stream",
                "ESCALATION_DEAD_LETTER_TOPIC",
                "dlq"));

        assertThat(config.channels()).isEqualTo(new Channels("agents", "human", "human_stream", "dlq"));
    }

    @Test
    void theReplyFormIsReadInAnyCase() {
        assertThat(read(Map.of("ESCALATION_REPLY_FORM", "Message")).replyForm()).isEqualTo(ReplyForm.MESSAGE);
        assertThat(read(Map.of("ESCALATION_REPLY_FORM", "both")).replyForm()).isEqualTo(ReplyForm.BOTH);
    }

    @Test
    void unusableValuesNameTheVariable() {
        assertThatThrownBy(() -> read(Map.of("ESCALATION_TRANSPORT", "carrier-pigeon")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("ESCALATION_TRANSPORT");
        assertThatThrownBy(() -> read(Map.of("ESCALATION_MAX_MESSAGE_BYTES", "0")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("ESCALATION_MAX_MESSAGE_BYTES");
        assertThatThrownBy(() -> read(Map.of("DEPLOYMENT_NAMESPACE", "a b")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("DEPLOYMENT_NAMESPACE")
                .hasMessageContaining("'a b'");
        assertThatThrownBy(() -> read(Map.of("ESCALATION_HUMAN_TOPIC", "human/stream")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("ESCALATION_HUMAN_TOPIC")
                .hasMessageContaining("'human/stream'");
        assertThatThrownBy(() -> read(Map.of("EGGAI_NAMESPACE", "my app")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("EGGAI_NAMESPACE");
        assertThatThrownBy(() -> read(Map.of("ESCALATION_REPLY_FORM", "carrier-pigeon")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("ESCALATION_REPLY_FORM")
                .hasMessageContaining("'carrier-pigeon'");
    }
}
