package dev.escalation.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunnerConfigTest {

  @TempDir
  Path dir;

  @Test
  void anEmptyEnvironmentGivesTheDefaults() {
    RunnerConfig config = RunnerConfig.fromEnvironment(Map.of());

    assertThat(config).isEqualTo(RunnerConfig.defaults());
    assertThat(config.ticketDatabasePath()).isEqualTo(Path.of("./tickets.db"));
    assertThat(config.languageModel()).isEqualTo("offline");
    assertThat(config.logLevel()).isEmpty();
  }

  @Test
  void blankValuesTakeTheDefaultsLikeUnsetOnes() {
    RunnerConfig config = RunnerConfig.fromEnvironment(Map.of("ESCALATION_TICKET_DATABASE_PATH", " ",
        "ESCALATION_LANGUAGE_MODEL", "", "ESCALATION_LOG_LEVEL", ""));

    assertThat(config).isEqualTo(RunnerConfig.defaults());
  }

  @Test
  void eachVariableIsRead() {
    RunnerConfig config = RunnerConfig.fromEnvironment(Map.of(
        "ESCALATION_TICKET_DATABASE_PATH", dir.resolve("x.db").toString(),
        "ESCALATION_LANGUAGE_MODEL", "Offline",
        "ESCALATION_LOG_LEVEL", "debug"));

    assertThat(config).isEqualTo(new RunnerConfig(dir.resolve("x.db"), "offline", Optional.of("DEBUG")));
  }

  @Test
  void anyLanguageModelButOfflineIsRefusedNamingTheVariableAndTheValue() {
    assertThatThrownBy(() -> RunnerConfig.fromEnvironment(Map.of("ESCALATION_LANGUAGE_MODEL", "openai")))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("ESCALATION_LANGUAGE_MODEL")
        .hasMessageContaining("'openai'")
        .hasMessageContaining("only the offline model is available in this build");
  }

  @Test
  void aDirectoryIsRefusedAsTheDatabasePath() {
    assertThatThrownBy(() -> RunnerConfig.fromEnvironment(Map.of("ESCALATION_TICKET_DATABASE_PATH", dir.toString())))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("ESCALATION_TICKET_DATABASE_PATH")
        .hasMessageContaining(dir.toString())
        .hasMessageContaining("is a directory");
  }

  @Test
  void aPathWithANulCharacterIsRefused() {
    assertThatThrownBy(() -> RunnerConfig.fromEnvironment(Map.of("ESCALATION_TICKET_DATABASE_PATH", "a\0b")))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("ESCALATION_TICKET_DATABASE_PATH");
  }

  @Test
  void anUnknownLogLevelIsRefusedNamingTheAllowedOnes() {
    assertThatThrownBy(() -> RunnerConfig.fromEnvironment(Map.of("ESCALATION_LOG_LEVEL", "verbose")))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("ESCALATION_LOG_LEVEL")
        .hasMessageContaining("'verbose'")
        .hasMessageContaining("debug");
  }
}
