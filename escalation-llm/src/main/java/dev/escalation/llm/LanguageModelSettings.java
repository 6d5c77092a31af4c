package dev.escalation.llm;

import static dev.escalation.llm.LanguageModelConfig.API_BASE_SETTING;
import static dev.escalation.llm.LanguageModelConfig.DEFAULT_SPEC;
import static dev.escalation.llm.LanguageModelConfig.FALLBACK_SETTING;
import static dev.escalation.llm.LanguageModelConfig.MAX_ITERATIONS_SETTING;
import static dev.escalation.llm.LanguageModelConfig.MODEL_SETTING;
import static dev.escalation.llm.LanguageModelConfig.NATIVE_TOOLS_SETTING;
import static dev.escalation.llm.LanguageModelConfig.PLAIN_ANSWERS_SETTING;
import static dev.escalation.llm.LanguageModelConfig.TIMEOUT_SETTING;

import dev.escalation.llm.LanguageModelConfig.Provider;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Reads a {@link LanguageModelConfig} from {@code ESCALATION_*} variables (see
 * {@link LanguageModelConfig#fromSpec}); every error names the variable and the bad value, never a key.
 */
final class LanguageModelSettings {
    private LanguageModelSettings() {}

    static LanguageModelConfig read(@Nullable String spec, Map<String, String> env) {
        Objects.requireNonNull(env, "env");
        String value = spec == null || spec.isBlank() ? DEFAULT_SPEC : spec.strip();
        LanguageModelConfig.Builder builder = LanguageModelConfig.builder();
        if (value.equalsIgnoreCase("offline")) {
            builder.provider(Provider.OFFLINE);
        } else {
            endpoint(value, env, builder);
        }
        builder.maxIterations(positiveInt(env, MAX_ITERATIONS_SETTING, 5));
        String timeout = env.get(TIMEOUT_SETTING);
        if (timeout != null && !timeout.isBlank()) {
            builder.timeout(seconds(timeout));
        }
        String fallback = env.get(FALLBACK_SETTING);
        if (fallback != null && !fallback.isBlank()) {
            builder.offlineFallback(choice(fallback, FALLBACK_SETTING, "offline", "none"));
        }
        String tools = env.get(NATIVE_TOOLS_SETTING);
        if (tools != null && !tools.isBlank()) {
            builder.nativeTools(choice(tools, NATIVE_TOOLS_SETTING, "true", "false"));
        }
        String plain = env.get(PLAIN_ANSWERS_SETTING);
        if (plain != null && !plain.isBlank()) {
            builder.plainAnswers(choice(plain, PLAIN_ANSWERS_SETTING, "true", "false"));
        }
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new InvalidLanguageModelConfigException(Objects.requireNonNullElse(e.getMessage(), e.toString()), e);
        }
    }

    private static void endpoint(String value, Map<String, String> env, LanguageModelConfig.Builder builder) {
        int slash = value.indexOf('/');
        Provider provider = slash < 0 ? null : Provider.parse(value.substring(0, slash));
        if (provider == null || provider == Provider.OFFLINE) {
            throw new InvalidLanguageModelConfigException(MODEL_SETTING + " must be offline or provider/model with "
                    + "provider one of lm_studio, openai, ollama, openai_compatible (for example " + DEFAULT_SPEC
                    + "), but was '" + value + "'");
        }
        String model = value.substring(slash + 1).strip();
        if (model.isEmpty()) {
            throw new InvalidLanguageModelConfigException(MODEL_SETTING + " must name a model after '" + provider.id()
                    + "/' (for example " + DEFAULT_SPEC + "), but was '" + value + "'");
        }
        builder.provider(provider).model(model);
        String base = env.get(API_BASE_SETTING);
        if (base != null && !base.isBlank()) {
            builder.baseUrl(base.strip(), API_BASE_SETTING);
        } else if (provider.defaultBaseUrl() == null) {
            throw new InvalidLanguageModelConfigException(API_BASE_SETTING + " must be set for provider "
                    + provider.id() + " (for example http://localhost:8000/v1), but it was not set");
        }
        String keySetting = Objects.requireNonNull(provider.apiKeySetting());
        String key = env.get(keySetting);
        if (key != null && !key.isBlank()) {
            builder.apiKey(key.strip());
        } else if (provider == Provider.OPENAI) {
            throw new InvalidLanguageModelConfigException(
                    "OPENAI_API_KEY must be set for " + MODEL_SETTING + "=" + value + ", but it was not set");
        }
    }

    private static Duration seconds(String raw) {
        double seconds;
        try {
            seconds = Double.parseDouble(raw.strip());
        } catch (NumberFormatException e) {
            seconds = -1;
        }
        if (!(seconds > 0) || seconds > 86_400) {
            throw new InvalidLanguageModelConfigException(
                    TIMEOUT_SETTING + " must be a positive number of seconds up to 86400, but was '" + raw + "'");
        }
        return Duration.ofMillis(Math.round(seconds * 1000));
    }

    /** True for {@code yes}, false for {@code no}, ignoring case and blanks around. */
    private static boolean choice(String raw, String name, String yes, String no) {
        String value = raw.strip().toLowerCase(Locale.ROOT);
        if (value.equals(yes)) {
            return true;
        }
        if (value.equals(no)) {
            return false;
        }
        throw new InvalidLanguageModelConfigException(
                name + " must be " + yes + " or " + no + ", but was '" + raw + "'");
    }

    private static int positiveInt(Map<String, String> env, String name, int fallback) {
        String raw = env.get(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.strip());
            if (value >= 1 && value <= 100) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidLanguageModelConfigException(
                name + " must be a whole number from 1 to 100, but was '" + raw + "'");
    }
}
