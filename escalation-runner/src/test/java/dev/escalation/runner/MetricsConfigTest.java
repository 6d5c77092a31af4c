package dev.escalation.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class MetricsConfigTest {

    @Test
    void unsetVariablesMeanThePortIsTheChatsDefaultAndThereAreNoPrices() {
        MetricsConfig config = MetricsConfig.fromEnvironment(Map.of("ESCALATION_PROMETHEUS_METRICS_PORT", " "));

        assertThat(config.port()).isEmpty();
        assertThat(config.portOrDefault()).isEqualTo(9094);
        assertThat(config.prices()).isEmpty();
    }

    @Test
    void thePriceTableGivesDollarsPerMillionInputAndOutputTokensByModel() {
        MetricsConfig config = MetricsConfig.fromEnvironment(Map.of(
                "ESCALATION_PROMETHEUS_METRICS_PORT",
                "9100",
                "ESCALATION_MODEL_PRICES",
                "openai/gpt-4o-mini=0.15:0.60, ollama/llama3.1:8b=0:0"));

        assertThat(config.port()).isEqualTo(OptionalInt.of(9100));
        assertThat(config.prices()).containsOnlyKeys("openai/gpt-4o-mini", "ollama/llama3.1:8b");
        assertThat(config.prices().get("openai/gpt-4o-mini").costUsd(1_000_000, 1_000_000))
                .isEqualTo(0.75);
    }

    @Test
    void aThirdPriceIsWhatPromptTokensTheServerHadCachedCostAndWithoutItTheyCostTheInputPrice() {
        MetricsConfig config = MetricsConfig.fromEnvironment(
                Map.of("ESCALATION_MODEL_PRICES", "openai/gpt-4o-mini=0.15:0.60:0.075, ollama/llama3.1:8b=1:2"));

        assertThat(config.prices().get("openai/gpt-4o-mini").costUsd(2_000_000, 0, 1_000_000))
                .isEqualTo(0.225);
        assertThat(config.prices().get("ollama/llama3.1:8b").costUsd(2_000_000, 0, 1_000_000))
                .isEqualTo(2.0);
        assertThatThrownBy(
                        () -> MetricsConfig.fromEnvironment(Map.of("ESCALATION_MODEL_PRICES", "openai/gpt-4o=1:2:3:4")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("1:2:3:4");
    }

    @Test
    void aPortThatIsNotANumberInRangeIsRejectedNamingTheVariable() {
        assertThatThrownBy(() -> MetricsConfig.fromEnvironment(Map.of("ESCALATION_PROMETHEUS_METRICS_PORT", "70000")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("ESCALATION_PROMETHEUS_METRICS_PORT")
                .hasMessageContaining("70000");
    }

    @Test
    void aNegativePriceIsRejectedNamingTheVariableAndTheModel() {
        assertThatThrownBy(() -> MetricsConfig.fromEnvironment(Map.of("ESCALATION_MODEL_PRICES", "openai/gpt-4o=-1:2")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("ESCALATION_MODEL_PRICES")
                .hasMessageContaining("openai/gpt-4o");
    }
}
