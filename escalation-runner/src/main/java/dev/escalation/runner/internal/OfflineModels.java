package dev.escalation.runner.internal;

import dev.escalation.core.OfflineLanguageModel;
import dev.escalation.llm.Demonstration;
import dev.escalation.llm.LanguageModelConfig;
import dev.escalation.runner.internal.eval.OptimizedArtifact;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The offline model this run uses (for {@code offline}, and as the fallback) and the few-shot
 * demonstrations that come with it: the built-in rules with the classifiers of the optimized artifact
 * ({@value OptimizedArtifact#PATH_SETTING}, default {@code ./optimized_escalation.json}) when that file
 * exists; else with the classifiers shipped in the jar ({@link OptimizedArtifact#shipped()}), trained on
 * the shipped train split; else the rules alone. Which one is logged. Read on first use.
 *
 * <p>Thread-safe. Example: {@code new OfflineModels(env).model()}.
 */
final class OfflineModels {
    private static final Logger log = LoggerFactory.getLogger(OfflineModels.class);

    /** The model, where it came from, and the demonstrations it brings. */
    private record Loaded(OfflineLanguageModel model, String source, List<Demonstration> demonstrations) {}

    private final EnvironmentVariables env;
    private final Lazy<Loaded> loaded = new Lazy<>(this::load);

    OfflineModels(EnvironmentVariables env) {
        this.env = Objects.requireNonNull(env, "env");
    }

    /**
     * The offline model.
     *
     * @throws CommandFailure with exit status 2 naming the file when it exists but cannot be used
     */
    OfflineLanguageModel model() {
        return loaded.get().model();
    }

    /** Where {@link #model()} came from, for reports. */
    String source() {
        return loaded.get().source();
    }

    /**
     * {@code llm} with the optimized artifact's few-shot demonstrations, when it is a real model and the
     * artifact has some (logged with their number); else {@code llm} as it is.
     */
    LanguageModelConfig withDemonstrations(LanguageModelConfig llm) {
        List<Demonstration> demonstrations = loaded.get().demonstrations();
        if (llm.provider() == LanguageModelConfig.Provider.OFFLINE || demonstrations.isEmpty()) {
            return llm;
        }
        log.info("language model {}: {} few-shot demonstrations from {}", llm.spec(), demonstrations.size(), source());
        return llm.toBuilder().demonstrations(demonstrations).build();
    }

    /** Where the optimized artifact is read and written. */
    Path optimizedPath() {
        String value = env.get(OptimizedArtifact.PATH_SETTING, null);
        if (value == null) {
            return OptimizedArtifact.DEFAULT_PATH;
        }
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw CommandFailure.usage(
                    OptimizedArtifact.PATH_SETTING + " must be a file path, but was '" + value + "': " + e.getReason());
        }
    }

    private Loaded load() {
        Path path = optimizedPath();
        OptimizedArtifact artifact;
        String source;
        if (Files.exists(path)) {
            try {
                artifact = OptimizedArtifact.read(path);
            } catch (OptimizedArtifact.InvalidArtifactException e) {
                throw CommandFailure.usage(e.getMessage() + " (set by " + OptimizedArtifact.PATH_SETTING
                        + "; recompile it with make compile-escalation-optimizer or remove it)");
            }
            source = path.toString();
        } else {
            artifact = OptimizedArtifact.shipped().orElse(null);
            source = artifact == null ? "none (built-in rules)" : "shipped in the runner";
        }
        if (artifact == null) {
            return new Loaded(new OfflineLanguageModel(), source, List.of());
        }
        log.info(
                "offline model: built-in rules with the trained classifiers {} ({}; dev score {})",
                Files.exists(path) ? "of " + path : "shipped in the runner (" + path + " does not exist)",
                artifact.trainedOn(),
                artifact.devScore());
        return new Loaded(new OfflineLanguageModel(artifact.training()), source, artifact.demonstrations());
    }
}
