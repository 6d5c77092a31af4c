package dev.escalation.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.core.LanguageModel;
import dev.escalation.core.OfflineLanguageModel;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class LanguageModelConfigTest {

    @Test
    void defaultsToGemmaOnLmStudioWithItsDefaultKey() {
        LanguageModelConfig config = LanguageModelConfig.fromEnvironment(Map.of());

        assertThat(config.provider()).isEqualTo(LanguageModelConfig.Provider.LM_STUDIO);
        assertThat(config.model()).isEqualTo("gemma-3-12b-it");
        assertThat(config.baseUrl()).isEqualTo("http://localhost:1234/v1");
        assertThat(config.apiKey()).isEqualTo("lm-studio");
        assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.maxIterations()).isEqualTo(5);
        assertThat(config.nativeTools()).isFalse();
        assertThat(config.offlineFallback()).isTrue();
        assertThat(config.spec()).isEqualTo("lm_studio/gemma-3-12b-it");
    }

    @Test
    void readsEachProvidersBaseUrlAndKey() {
        assertThat(LanguageModelConfig.fromSpec("openai/gpt-4o-mini", Map.of("OPENAI_API_KEY", "sk-abc123456")))
                .satisfies(c -> {
                    assertThat(c.baseUrl()).isEqualTo("https://api.openai.com/v1");
                    assertThat(c.apiKey()).isEqualTo("sk-abc123456");
                    assertThat(c.nativeTools()).isTrue();
                });
        assertThat(LanguageModelConfig.fromSpec("ollama/llama3.1:8b", Map.of())).satisfies(c -> {
            assertThat(c.baseUrl()).isEqualTo("http://localhost:11434/v1");
            assertThat(c.model()).isEqualTo("llama3.1:8b");
            assertThat(c.apiKey()).isNull();
        });
        assertThat(LanguageModelConfig.fromSpec("lm_studio/qwen2.5-7b", Map.of("LM_STUDIO_API_KEY", "secret-lms"))
                        .apiKey())
                .isEqualTo("secret-lms");
        assertThat(LanguageModelConfig.fromSpec(
                        "openai_compatible/meta-llama/Llama-3.1-8B",
                        Map.of("ESCALATION_LANGUAGE_MODEL_API_BASE", "http://127.0.0.1:8000/v1/")))
                .satisfies(c -> {
                    assertThat(c.model()).isEqualTo("meta-llama/Llama-3.1-8B");
                    assertThat(c.baseUrl()).isEqualTo("http://127.0.0.1:8000/v1");
                });
    }

    @Test
    void letsTheApiBaseOverrideTheProvidersDefault() {
        LanguageModelConfig config = LanguageModelConfig.fromSpec(
                "lm_studio/gemma-3-12b-it", Map.of("ESCALATION_LANGUAGE_MODEL_API_BASE", "http://10.0.0.5:1234/v1"));

        assertThat(config.baseUrl()).isEqualTo("http://10.0.0.5:1234/v1");
    }

    @Test
    void rejectsAnUnknownProviderNamingTheSettingAndTheValue() {
        assertThatThrownBy(() -> LanguageModelConfig.fromSpec("anthropic/claude", Map.of()))
                .isInstanceOf(InvalidLanguageModelConfigException.class)
                .hasMessageContaining("ESCALATION_LANGUAGE_MODEL")
                .hasMessageContaining("'anthropic/claude'");
        assertThatThrownBy(() -> LanguageModelConfig.fromSpec("gpt-4o-mini", Map.of()))
                .isInstanceOf(InvalidLanguageModelConfigException.class)
                .hasMessageContaining("ESCALATION_LANGUAGE_MODEL");
        assertThatThrownBy(() -> LanguageModelConfig.fromSpec("openai/", Map.of("OPENAI_API_KEY", "sk-x")))
                .isInstanceOf(InvalidLanguageModelConfigException.class)
                .hasMessageContaining("must name a model");
    }

    @Test
    void requiresAnOpenAiKeyNamingOpenAiApiKey() {
        assertThatThrownBy(() -> LanguageModelConfig.fromSpec("openai/gpt-4o-mini", Map.of()))
                .isInstanceOf(InvalidLanguageModelConfigException.class)
                .hasMessageContaining("OPENAI_API_KEY");
    }

    @Test
    void requiresABaseUrlForOpenAiCompatibleServers() {
        assertThatThrownBy(() -> LanguageModelConfig.fromSpec("openai_compatible/x", Map.of()))
                .isInstanceOf(InvalidLanguageModelConfigException.class)
                .hasMessageContaining("ESCALATION_LANGUAGE_MODEL_API_BASE");
        assertThatThrownBy(() -> LanguageModelConfig.fromSpec(
                        "openai_compatible/x", Map.of("ESCALATION_LANGUAGE_MODEL_API_BASE", "localhost:8000")))
                .isInstanceOf(InvalidLanguageModelConfigException.class)
                .hasMessageContaining("ESCALATION_LANGUAGE_MODEL_API_BASE")
                .hasMessageContaining("http(s) URL");
    }

    @Test
    void readsTheTurnTimeoutIterationsFallbackAndToolSettings() {
        LanguageModelConfig config = LanguageModelConfig.fromSpec(
                "ollama/qwen2.5",
                Map.of(
                        "ESCALATION_TIMEOUT_SECONDS",
                        "12.5",
                        "ESCALATION_MAX_ITERATIONS",
                        "3",
                        "ESCALATION_LLM_FALLBACK",
                        "none",
                        "ESCALATION_LLM_NATIVE_TOOLS",
                        "true",
                        "ESCALATION_LLM_PLAIN_ANSWERS",
                        "false"));

        assertThat(config.timeout()).isEqualTo(Duration.ofMillis(12_500));
        assertThat(config.maxIterations()).isEqualTo(3);
        assertThat(config.offlineFallback()).isFalse();
        assertThat(config.nativeTools()).isTrue();
        assertThat(config.plainAnswers()).isFalse();
        assertThat(LanguageModelConfig.fromSpec("ollama/qwen2.5", Map.of()).plainAnswers())
                .as("on by default")
                .isTrue();
        assertThat(config.toBuilder().build()).isEqualTo(config);
    }

    @Test
    void rejectsBadNumbersNamingTheSetting() {
        assertThatThrownBy(() -> LanguageModelConfig.fromSpec(null, Map.of("ESCALATION_TIMEOUT_SECONDS", "soon")))
                .isInstanceOf(InvalidLanguageModelConfigException.class)
                .hasMessageContaining("ESCALATION_TIMEOUT_SECONDS");
        assertThatThrownBy(() -> LanguageModelConfig.fromSpec(null, Map.of("ESCALATION_MAX_ITERATIONS", "0")))
                .isInstanceOf(InvalidLanguageModelConfigException.class)
                .hasMessageContaining("ESCALATION_MAX_ITERATIONS");
        assertThatThrownBy(() -> LanguageModelConfig.fromSpec(null, Map.of("ESCALATION_LLM_FALLBACK", "maybe")))
                .isInstanceOf(InvalidLanguageModelConfigException.class)
                .hasMessageContaining("ESCALATION_LLM_FALLBACK");
        assertThatThrownBy(() -> LanguageModelConfig.fromSpec(null, Map.of("ESCALATION_LLM_PLAIN_ANSWERS", "often")))
                .isInstanceOf(InvalidLanguageModelConfigException.class)
                .hasMessageContaining("ESCALATION_LLM_PLAIN_ANSWERS");
    }

    @Test
    void neverShowsTheApiKey() {
        String key = "sk-proj-abcdefghijklmnopqrstuvwxyz0123456789";
        LanguageModelConfig config = LanguageModelConfig.fromSpec("openai/gpt-4o-mini", Map.of("OPENAI_API_KEY", key));

        assertThat(config.toString())
                .doesNotContain(key)
                .contains("apiKey=(set)")
                .contains("openai/gpt-4o-mini");
        assertThat(new OpenAiCompatibleModel(config).toString()).doesNotContain(key);
    }

    @Test
    void createsTheOfflineModelForOfflineAndTheHttpModelOtherwise() {
        LanguageModel offline = LanguageModels.fromEnvironment(Map.of("ESCALATION_LANGUAGE_MODEL", "offline"));
        LanguageModel remote = LanguageModels.create(LanguageModelConfig.fromSpec("ollama/llama3.1", Map.of()));

        assertThat(offline).isInstanceOf(OfflineLanguageModel.class);
        assertThat(remote).isInstanceOf(OpenAiCompatibleModel.class);
        assertThat(remote.name()).isEqualTo("ollama/llama3.1");
        assertThatThrownBy(() -> new OpenAiCompatibleModel(LanguageModelConfig.offline()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void buildsWithDefaultsNamedAfterEachProperty() {
        LanguageModelConfig config = LanguageModelConfig.builder()
                .provider(LanguageModelConfig.Provider.OPENAI)
                .model("gpt-4o-mini")
                .apiKey("sk-zzzzzz")
                .maxRetries(0)
                .maxIterations(2)
                .temperature(0.1)
                .replyTemperature(0.7)
                .nativeTools(false)
                .build();

        assertThat(config.maxRetries()).isZero();
        assertThat(config.maxIterations()).isEqualTo(2);
        assertThat(config.temperature()).isEqualTo(0.1);
        assertThat(config.replyTemperature()).isEqualTo(0.7);
        assertThat(config.nativeTools()).isFalse();
        assertThat(config.apiKeySetting()).isEqualTo("OPENAI_API_KEY");
        assertThat(config.toBuilder().model("gpt-4o").build().model()).isEqualTo("gpt-4o");
        assertThatThrownBy(() -> LanguageModelConfig.builder()
                        .provider(LanguageModelConfig.Provider.OPENAI)
                        .model("gpt-4o-mini")
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("OPENAI_API_KEY");
    }

    @Test
    void configurationsWithTheSameSettingsAreEqualAndAnyDifferentSettingMakesThemDiffer() {
        Map<String, String> env = Map.of("ESCALATION_LANGUAGE_MODEL", "openai/gpt-4o-mini", "OPENAI_API_KEY", "sk-a");

        LanguageModelConfig config = LanguageModelConfig.fromEnvironment(env);

        assertThat(config)
                .isEqualTo(LanguageModelConfig.fromEnvironment(env))
                .hasSameHashCodeAs(LanguageModelConfig.fromEnvironment(env))
                .isEqualTo(config.toBuilder().build());
        assertThat(config)
                .isNotEqualTo(config.toBuilder().apiKey("sk-b").build())
                .isNotEqualTo(config.toBuilder().timeout(Duration.ofSeconds(31)).build())
                .isNotEqualTo(config.toBuilder().offlineFallback(false).build())
                .isNotEqualTo(LanguageModelConfig.offline());
    }

    @Test
    void groupsTheSettingsByConcernInRecordsTheBuilderFills() {
        LanguageModelConfig config = LanguageModelConfig.builder()
                .provider(LanguageModelConfig.Provider.OLLAMA)
                .model("llama3.1")
                .timeouts(new LanguageModelConfig.Timeouts(
                        Duration.ofSeconds(12), Duration.ofSeconds(2), Duration.ofSeconds(9)))
                .retries(new LanguageModelConfig.Retries(1, Duration.ofMillis(100), Duration.ofSeconds(1)))
                .sampling(new LanguageModelConfig.Sampling(0.2, 0.5, 300))
                .build();

        assertThat(config.endpoint())
                .isEqualTo(new LanguageModelConfig.Endpoint(
                        "llama3.1", "http://localhost:11434/v1", null, "OLLAMA_API_KEY"));
        assertThat(config.timeouts().turn()).isEqualTo(config.timeout()).isEqualTo(Duration.ofSeconds(12));
        assertThat(config.readTimeout()).isEqualTo(Duration.ofSeconds(9));
        assertThat(config.retries().maxRetries()).isEqualTo(1);
        assertThat(config.maxReplyTokens()).isEqualTo(300);
        assertThat(config.toolCalling()).isEqualTo(new LanguageModelConfig.ToolCalling(5, false));
        assertThat(LanguageModelConfig.offline().endpoint()).isNull();
        assertThat(LanguageModelConfig.offline().model()).isNull();
    }

    @Test
    void eachRecordRejectsABadValueNamingIt() {
        assertThatThrownBy(() ->
                        new LanguageModelConfig.Timeouts(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("timeout must be positive, but was PT0S");
        assertThatThrownBy(() -> new LanguageModelConfig.Retries(2, Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessage("maxBackoff must be at least initialBackoff (PT2S), but was PT1S");
        assertThatThrownBy(() -> new LanguageModelConfig.Sampling(2.5, 0.4, 400))
                .hasMessage("temperature must be from 0 to 2, but was 2.5");
        assertThatThrownBy(() -> new LanguageModelConfig.ToolCalling(0, true))
                .hasMessage("maxIterations must be at least 1, but was 0");
        assertThatThrownBy(() -> new LanguageModelConfig.Endpoint("m", "ftp://host/v1", null, "KEY"))
                .hasMessageContaining("baseUrl must be an http(s) URL")
                .hasMessageContaining("'ftp://host/v1'");
        assertThatThrownBy(() -> new LanguageModelConfig.Endpoint(" ", "http://host/v1", null, "KEY"))
                .hasMessage("model must not be blank, but was ' '");
        assertThatThrownBy(() -> new LanguageModelConfig.Endpoint("m", "http://host/v1", "bad\nkey", "KEY"))
                .hasMessage("KEY must be printable ASCII without line breaks");
    }

    // A configuration made from its parts directly, with the offline defaults for the rest.
    private static LanguageModelConfig withParts(
            LanguageModelConfig.Provider provider, LanguageModelConfig.@Nullable Endpoint endpoint) {
        LanguageModelConfig offline = LanguageModelConfig.offline();
        return new LanguageModelConfig(
                provider,
                endpoint,
                offline.timeouts(),
                offline.retries(),
                offline.sampling(),
                offline.toolCalling(),
                true,
                true,
                java.util.List.of());
    }

    @Test
    void refusesPartsThatDoNotFitTheProvider() {
        LanguageModelConfig.Endpoint endpoint =
                new LanguageModelConfig.Endpoint("m", "http://host/v1", null, "OPENAI_API_KEY");

        assertThatThrownBy(() -> withParts(LanguageModelConfig.Provider.OFFLINE, endpoint))
                .hasMessageContaining("endpoint must be null for provider offline");
        assertThatThrownBy(() -> withParts(LanguageModelConfig.Provider.OPENAI, endpoint))
                .hasMessage("OPENAI_API_KEY must be set for provider openai, but it was not set");
        assertThatThrownBy(() -> withParts(LanguageModelConfig.Provider.OLLAMA, null))
                .hasMessage("endpoint must be set for provider ollama, but was null");
    }

    @Test
    void theEndpointNeverShowsItsKey() {
        LanguageModelConfig.Endpoint endpoint =
                new LanguageModelConfig.Endpoint("m", "http://host/v1/", "sk-secret-value", "KEY");

        assertThat(endpoint.toString()).doesNotContain("sk-secret-value").contains("(set)");
        assertThat(endpoint.baseUrl()).isEqualTo("http://host/v1");
    }
}
