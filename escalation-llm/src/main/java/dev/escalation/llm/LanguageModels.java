package dev.escalation.llm;

import dev.escalation.core.LanguageModel;
import dev.escalation.core.OfflineLanguageModel;
import java.util.Map;
import java.util.Objects;

/**
 * Creates the {@link LanguageModel} a configuration describes.
 *
 * <p>Thread-safe. Example:
 * {@code LanguageModel model = LanguageModels.create(LanguageModelConfig.fromEnvironment(System.getenv()));}
 */
public final class LanguageModels {
    private LanguageModels() {}

    /** The built-in {@link OfflineLanguageModel} for {@code offline}, else an {@link OpenAiCompatibleModel}. */
    public static LanguageModel create(LanguageModelConfig config) {
        Objects.requireNonNull(config, "config");
        if (config.provider() == LanguageModelConfig.Provider.OFFLINE) {
            return new OfflineLanguageModel();
        }
        return new OpenAiCompatibleModel(config);
    }

    /**
     * Same as {@code create(LanguageModelConfig.fromEnvironment(env))}.
     *
     * @throws InvalidLanguageModelConfigException naming the setting to fix
     */
    public static LanguageModel fromEnvironment(Map<String, String> env) {
        return create(LanguageModelConfig.fromEnvironment(env));
    }
}
