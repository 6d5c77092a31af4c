package dev.escalation.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.llm.LanguageModelConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunnerConfigTest {

    @TempDir
    Path dir;

    @Test
    void anEmptyEnvironmentGivesTheDefaultsWithGemmaOnLmStudio() {
        RunnerConfig config = RunnerConfig.fromEnvironment(Map.of());

        assertThat(config).isEqualTo(RunnerConfig.defaults());
        assertThat(config.ticketDatabasePath()).isEqualTo(Path.of("./tickets.db"));
        assertThat(config.languageModel().spec()).isEqualTo("lm_studio/gemma-3-12b-it");
        assertThat(config.languageModel().baseUrl()).isEqualTo("http://localhost:1234/v1");
        assertThat(config.languageModel().timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.languageModel().maxIterations()).isEqualTo(5);
        assertThat(config.languageModel().offlineFallback()).isTrue();
        assertThat(config.logLevel()).isEmpty();
    }

    @Test
    void blankValuesTakeTheDefaultsLikeUnsetOnes() {
        RunnerConfig config = RunnerConfig.fromEnvironment(Map.of(
                "ESCALATION_TICKET_DATABASE_PATH", " ", "ESCALATION_LANGUAGE_MODEL", "", "ESCALATION_LOG_LEVEL", ""));

        assertThat(config).isEqualTo(RunnerConfig.defaults());
    }

    @Test
    void eachVariableIsRead() {
        RunnerConfig config = RunnerConfig.fromEnvironment(Map.of(
                "ESCALATION_TICKET_DATABASE_PATH", dir.resolve("x.db").toString(),
                "ESCALATION_LANGUAGE_MODEL", "Offline",
                "ESCALATION_LOG_LEVEL", "debug"));

        assertThat(config)
                .isEqualTo(new RunnerConfig(dir.resolve("x.db"), LanguageModelConfig.offline(), Optional.of("DEBUG")));
    }

    @Test
    void theLanguageModelSettingsAreReadWithTheirVariables() {
        RunnerConfig config = RunnerConfig.fromEnvironment(Map.of(
                "ESCALATION_LANGUAGE_MODEL", "openai_compatible/x",
                "ESCALATION_LANGUAGE_MODEL_API_BASE", "http://127.0.0.1:8000/v1",
                "ESCALATION_TIMEOUT_SECONDS", "12",
                "ESCALATION_MAX_ITERATIONS", "3",
                "ESCALATION_LLM_FALLBACK", "none"));

        LanguageModelConfig model = config.languageModel();
        assertThat(model.provider()).isEqualTo(LanguageModelConfig.Provider.OPENAI_COMPATIBLE);
        assertThat(model.model()).isEqualTo("x");
        assertThat(model.baseUrl()).isEqualTo("http://127.0.0.1:8000/v1");
        assertThat(model.timeout()).isEqualTo(Duration.ofSeconds(12));
        assertThat(model.maxIterations()).isEqualTo(3);
        assertThat(model.offlineFallback()).isFalse();
    }

    @Test
    void anUnknownProviderIsRefusedNamingTheVariableAndTheValue() {
        assertThatThrownBy(() -> RunnerConfig.fromEnvironment(Map.of("ESCALATION_LANGUAGE_MODEL", "acme/gpt")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("ESCALATION_LANGUAGE_MODEL")
                .hasMessageContaining("'acme/gpt'")
                .hasMessageContaining("lm_studio, openai, ollama, openai_compatible");
    }

    @Test
    void openAiWithoutAKeyIsRefusedNamingTheKeysVariable() {
        assertThatThrownBy(
                        () -> RunnerConfig.fromEnvironment(Map.of("ESCALATION_LANGUAGE_MODEL", "openai/gpt-4o-mini")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("OPENAI_API_KEY");
    }

    @Test
    void aBadTimeoutOrFallbackIsRefusedNamingTheVariable() {
        assertThatThrownBy(() -> RunnerConfig.fromEnvironment(Map.of("ESCALATION_TIMEOUT_SECONDS", "soon")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("ESCALATION_TIMEOUT_SECONDS")
                .hasMessageContaining("'soon'");
        assertThatThrownBy(() -> RunnerConfig.fromEnvironment(Map.of("ESCALATION_LLM_FALLBACK", "retry")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("ESCALATION_LLM_FALLBACK")
                .hasMessageContaining("'retry'");
    }

    @Test
    void aDirectoryIsRefusedAsTheDatabasePath() {
        assertThatThrownBy(
                        () -> RunnerConfig.fromEnvironment(Map.of("ESCALATION_TICKET_DATABASE_PATH", dir.toString())))
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
