package dev.escalation.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsoleConfigTest {

    private static final String TOKEN = "0123456789abcdef-secret";

    @Test
    void withNothingSetTheConsoleListensOnLoopbackPort8484WithoutAToken() {
        ConsoleConfig config = ConsoleConfig.fromEnvironment(Map.of());

        assertThat(config.bind().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(8484);
        assertThat(config.token()).isEmpty();
    }

    @Test
    void aNonLoopbackAddressWithoutATokenIsRefusedNamingTheTokenVariable() {
        assertThatThrownBy(() -> ConsoleConfig.fromEnvironment(Map.of(ConsoleConfig.BIND, "0.0.0.0")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("ESCALATION_CONSOLE_TOKEN")
                .hasMessageContaining("0.0.0.0");
    }

    @Test
    void aNonLoopbackAddressWithATokenIsAccepted() {
        ConsoleConfig config =
                ConsoleConfig.fromEnvironment(Map.of(ConsoleConfig.BIND, "0.0.0.0", ConsoleConfig.TOKEN, TOKEN));

        assertThat(config.bind().isAnyLocalAddress()).isTrue();
        assertThat(config.token()).contains(TOKEN);
    }

    @Test
    void aTokenTooShortToResistGuessingIsRefused() {
        assertThatThrownBy(() -> ConsoleConfig.fromEnvironment(Map.of(ConsoleConfig.TOKEN, "short")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("ESCALATION_CONSOLE_TOKEN must be at least 16 characters, but had 5");
    }

    @Test
    void aPortThatIsNotANumberIsRefusedNamingTheVariableAndValue() {
        assertThatThrownBy(() -> ConsoleConfig.fromEnvironment(Map.of(ConsoleConfig.PORT, "http")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("ESCALATION_CONSOLE_PORT must be a port number from 0 to 65535, but was 'http'");
    }

    @Test
    void anAddressThatIsNoAddressIsRefusedNamingTheVariable() {
        assertThatThrownBy(() -> ConsoleConfig.fromEnvironment(Map.of(ConsoleConfig.BIND, "300.1.1.1")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("ESCALATION_CONSOLE_BIND");
    }
}
