package dev.escalation.runner;

import dev.escalation.llm.InvalidLanguageModelConfigException;
import dev.escalation.llm.LanguageModelConfig;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The runner's settings, read once from environment variables; the only place in the project that
 * reads them (the language model's variables through {@link LanguageModelConfig#fromEnvironment}).
 *
 * <p>Immutable and thread-safe. Example:
 * {@code RunnerConfig.fromEnvironment(Map.of("ESCALATION_TICKET_DATABASE_PATH", "/tmp/t.db")).ticketDatabasePath()}.
 *
 * @param ticketDatabasePath the SQLite file that holds tickets and conversations
 * @param languageModel the language model and how to reach it: {@code ESCALATION_LANGUAGE_MODEL} and the
 *     variables that go with it
 * @param logLevel the level for every {@code dev.escalation} logger, or empty to keep the runner's logging configuration's
 */
public record RunnerConfig(Path ticketDatabasePath, LanguageModelConfig languageModel, Optional<String> logLevel) {

    /** Where tickets and conversations are kept. */
    public static final String TICKET_DATABASE_PATH = "ESCALATION_TICKET_DATABASE_PATH";
    /** Which language model reads messages and words replies: {@code provider/model} or {@code offline}. */
    public static final String LANGUAGE_MODEL = LanguageModelConfig.MODEL_SETTING;
    /** The log level of the escalation loggers (logs always go to standard error). */
    public static final String LOG_LEVEL = "ESCALATION_LOG_LEVEL";

    /** The database file used when {@value #TICKET_DATABASE_PATH} is not set. */
    public static final Path DEFAULT_TICKET_DATABASE_PATH = Path.of("./tickets.db");

    private static final List<String> LOG_LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

    public RunnerConfig {
        Objects.requireNonNull(ticketDatabasePath, "ticketDatabasePath");
        Objects.requireNonNull(languageModel, "languageModel");
        Objects.requireNonNull(logLevel, "logLevel");
    }

    /**
     * The defaults: {@code ./tickets.db}, {@value LanguageModelConfig#DEFAULT_SPEC} on LM Studio's local
     * server (served by the built-in offline model when nothing answers there), the runner's own log levels.
     */
    public static RunnerConfig defaults() {
        return new RunnerConfig(
                DEFAULT_TICKET_DATABASE_PATH, LanguageModelConfig.fromEnvironment(Map.of()), Optional.empty());
    }

    /**
     * Reads the settings from {@code env}; a variable that is unset or blank takes its default.
     *
     * @throws InvalidConfigurationException naming the variable and its value if a value is not usable
     */
    public static RunnerConfig fromEnvironment(Map<String, String> env) {
        Objects.requireNonNull(env, "env");
        return new RunnerConfig(databasePath(env), languageModel(env), logLevel(env));
    }

    private static Path databasePath(Map<String, String> env) {
        Optional<String> value = value(env, TICKET_DATABASE_PATH);
        if (value.isEmpty()) {
            return DEFAULT_TICKET_DATABASE_PATH;
        }
        Path path;
        try {
            path = Path.of(value.get());
        } catch (InvalidPathException e) {
            throw new InvalidConfigurationException(
                    TICKET_DATABASE_PATH + " must be a file path, but was '" + value.get() + "': " + e.getReason());
        }
        // Caught here rather than by SQLite, whose message for a directory does not say which setting is wrong.
        if (Files.isDirectory(path)) {
            throw new InvalidConfigurationException(
                    TICKET_DATABASE_PATH + " must name a database file, but '" + value.get() + "' is a directory");
        }
        return path;
    }

    private static LanguageModelConfig languageModel(Map<String, String> env) {
        try {
            return LanguageModelConfig.fromEnvironment(env);
        } catch (InvalidLanguageModelConfigException e) {
            // The adapter's message already names the variable and the value (never a key).
            throw new InvalidConfigurationException(e.getMessage());
        }
    }

    private static Optional<String> logLevel(Map<String, String> env) {
        Optional<String> value = value(env, LOG_LEVEL);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        String level = value.get().strip().toUpperCase(Locale.ROOT);
        if (level.equals("WARNING")) {
            level = "WARN";
        }
        if (!LOG_LEVELS.contains(level)) {
            throw new InvalidConfigurationException(LOG_LEVEL + " must be one of trace, debug, info, warn, error, off,"
                    + " but was '" + value.get() + "'");
        }
        return Optional.of(level);
    }

    private static Optional<String> value(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }
}
