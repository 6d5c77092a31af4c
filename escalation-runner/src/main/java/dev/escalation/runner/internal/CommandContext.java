package dev.escalation.runner.internal;

import dev.escalation.core.EscalationEngine;
import dev.escalation.core.EscalationException;
import dev.escalation.core.FlowDefinition;
import dev.escalation.core.InvalidFlowException;
import dev.escalation.core.LanguageModel;
import dev.escalation.core.OfflineLanguageModel;
import dev.escalation.llm.Demonstration;
import dev.escalation.llm.InvalidLanguageModelConfigException;
import dev.escalation.llm.LanguageModelConfig;
import dev.escalation.llm.LanguageModels;
import dev.escalation.llm.OpenAiCompatibleModel;
import dev.escalation.runner.DatabaseConfig;
import dev.escalation.runner.InvalidConfigurationException;
import dev.escalation.runner.MetricsConfig;
import dev.escalation.runner.RunnerConfig;
import dev.escalation.runner.TracingConfig;
import dev.escalation.runner.internal.eval.OptimizedArtifact;
import dev.escalation.store.EscalationDatabase;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a command runs with: its standard streams, the environment, the clock, and a way to open the
 * database and the engine. Tests build one with their own streams and environment map.
 *
 * <p>Not thread-safe: one command of one run uses it. Example:
 * {@code try (CommandContext.Agent agent = context.openAgent(true)) { agent.engine().handle(message); }}.
 */
public final class CommandContext {

    private static final Logger log = LoggerFactory.getLogger(CommandContext.class);

    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;
    private final boolean interactive;
    private final Clock clock;
    private RunnerConfig config;
    private MetricsConfig metricsConfig;
    private TracingConfig tracingConfig;
    private DatabaseConfig databaseConfig;
    private OfflineLanguageModel offlineModel;
    private String offlineModelSource;
    private List<Demonstration> demonstrations = List.of();

    /**
     * @param interactive true when a person types at a terminal: the chat then prompts instead of
     *     echoing what it read
     */
    public CommandContext(
            InputStream in,
            PrintStream out,
            PrintStream err,
            Map<String, String> env,
            boolean interactive,
            Clock clock) {
        this.in = Objects.requireNonNull(in, "in");
        this.out = Objects.requireNonNull(out, "out");
        this.err = Objects.requireNonNull(err, "err");
        this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
        this.interactive = interactive;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    InputStream in() {
        return in;
    }

    PrintStream out() {
        return out;
    }

    PrintStream err() {
        return err;
    }

    boolean interactive() {
        return interactive;
    }

    Clock clock() {
        return clock;
    }

    /** An environment variable, or {@code fallback} when unset or blank. */
    /** The setting naming a flow file; unset, the standard flow runs. */
    static final String FLOW_SETTING = "ESCALATION_FLOW";

    private FlowDefinition flow;

    /**
     * The flow every command runs: the file {@code ESCALATION_FLOW} names, or the standard flow.
     *
     * @throws CommandFailure with exit status 2 naming ESCALATION_FLOW and the file (and the line and
     *     field when it is not a valid flow), before any conversation starts
     */
    public synchronized FlowDefinition flow() {
        if (flow == null) {
            String path = env(FLOW_SETTING, null);
            flow = path == null ? FlowDefinition.standard() : loadFlow(FLOW_SETTING, path);
        }
        return flow;
    }

    /**
     * The flow file at {@code path}, which {@code setting} named ({@code ESCALATION_FLOW}, {@code --flow}).
     *
     * @throws CommandFailure with exit status 2 naming the setting and the file (and the line and field
     *     when it is not a valid flow)
     */
    static FlowDefinition loadFlow(String setting, String path) {
        try {
            return FlowDefinition.load(java.nio.file.Path.of(path));
        } catch (java.io.UncheckedIOException | java.nio.file.InvalidPathException e) {
            throw CommandFailure.usage(setting + "=" + path + ": the flow file cannot be read ("
                    + (e.getCause() == null ? e.getMessage() : e.getCause()) + ")");
        } catch (InvalidFlowException e) {
            throw CommandFailure.usage(setting + "=" + path + ": not a valid flow: " + e.getMessage());
        }
    }

    String env(String name, String fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /**
     * The configuration, read on first use so that {@code --help} works whatever the environment says;
     * applies the log level at the same time.
     *
     * @throws CommandFailure with exit status 2 naming the variable if a value is not usable
     */
    RunnerConfig config() {
        if (config == null) {
            try {
                config = RunnerConfig.fromEnvironment(env);
            } catch (InvalidConfigurationException e) {
                throw CommandFailure.usage(e.getMessage());
            }
            Logging.apply(config.logLevel());
        }
        return config;
    }

    /**
     * The metrics settings, read on first use.
     *
     * @throws CommandFailure with exit status 2 naming the variable if a value is not usable
     */
    MetricsConfig metricsConfig() {
        if (metricsConfig == null) {
            try {
                metricsConfig = MetricsConfig.fromEnvironment(env);
            } catch (InvalidConfigurationException e) {
                throw CommandFailure.usage(e.getMessage());
            }
        }
        return metricsConfig;
    }

    /**
     * The tracing settings, read on first use.
     *
     * @throws CommandFailure with exit status 2 naming the variable if a value is not usable
     */
    TracingConfig tracingConfig() {
        if (tracingConfig == null) {
            try {
                tracingConfig = TracingConfig.fromEnvironment(env);
            } catch (InvalidConfigurationException e) {
                throw CommandFailure.usage(e.getMessage());
            }
        }
        return tracingConfig;
    }

    /**
     * The offline model this run uses (for {@code offline}, and as the fallback): the built-in rules
     * with the classifiers of the optimized artifact ({@value OptimizedArtifact#PATH_SETTING}, default
     * {@code ./optimized_escalation.json}) when that file exists; else with the classifiers shipped in
     * the jar ({@link OptimizedArtifact#shipped()}), trained on the shipped train split; else the rules
     * alone. Which one is logged.
     *
     * @throws CommandFailure with exit status 2 naming the file when it exists but cannot be used
     */
    OfflineLanguageModel offlineModel() {
        if (offlineModel == null) {
            Path path = optimizedPath();
            OptimizedArtifact artifact = null;
            if (Files.exists(path)) {
                try {
                    artifact = OptimizedArtifact.read(path);
                } catch (OptimizedArtifact.InvalidArtifactException e) {
                    throw CommandFailure.usage(e.getMessage() + " (set by " + OptimizedArtifact.PATH_SETTING
                            + "; recompile it with make compile-escalation-optimizer or remove it)");
                }
                offlineModelSource = path.toString();
            } else {
                artifact = OptimizedArtifact.shipped().orElse(null);
                offlineModelSource = artifact == null ? "none (built-in rules)" : "shipped in the runner";
            }
            if (artifact == null) {
                offlineModel = new OfflineLanguageModel();
            } else {
                offlineModel = new OfflineLanguageModel(artifact.training());
                demonstrations = artifact.demonstrations();
                log.info(
                        "offline model: built-in rules with the trained classifiers {} ({}; dev score {})",
                        Files.exists(path) ? "of " + path : "shipped in the runner (" + path + " does not exist)",
                        artifact.trainedOn(),
                        artifact.devScore());
            }
        }
        return offlineModel;
    }

    /**
     * The configured language model with the optimized artifact's few-shot demonstrations, when it is a
     * real model and the artifact has some (logged with their number); else the configuration as set.
     */
    LanguageModelConfig languageModel() {
        LanguageModelConfig llm = config().languageModel();
        offlineModel();
        if (llm.provider() == LanguageModelConfig.Provider.OFFLINE || demonstrations.isEmpty()) {
            return llm;
        }
        log.info(
                "language model {}: {} few-shot demonstrations from {}",
                llm.spec(),
                demonstrations.size(),
                offlineModelSource);
        return llm.toBuilder().demonstrations(demonstrations).build();
    }

    /** Where the optimized artifact is read and written. */
    Path optimizedPath() {
        String value = env(OptimizedArtifact.PATH_SETTING, null);
        if (value == null) {
            return OptimizedArtifact.DEFAULT_PATH;
        }
        try {
            return Path.of(value);
        } catch (java.nio.file.InvalidPathException e) {
            throw CommandFailure.usage(
                    OptimizedArtifact.PATH_SETTING + " must be a file path, but was '" + value + "': " + e.getReason());
        }
    }

    /** Where {@link #offlineModel()} came from, for reports. */
    String offlineModelSource() {
        offlineModel();
        return offlineModelSource;
    }

    /**
     * The shared-database and conversation-expiry settings, read on first use.
     *
     * @throws CommandFailure with exit status 2 naming the variable if a value is not usable
     */
    DatabaseConfig databaseConfig() {
        if (databaseConfig == null) {
            try {
                databaseConfig = DatabaseConfig.fromEnvironment(env);
            } catch (InvalidConfigurationException e) {
                throw CommandFailure.usage(e.getMessage());
            }
        }
        return databaseConfig;
    }

    /**
     * Opens the configured database: PostgreSQL when {@value DatabaseConfig#URL} is set, else the SQLite file.
     *
     * @throws CommandFailure with exit status 1 naming the file or URL if it cannot be opened
     */
    EscalationDatabase openDatabase() {
        RunnerConfig settings = config();
        DatabaseConfig shared = databaseConfig();
        if (shared.url().isPresent()) {
            try {
                EscalationDatabase.Builder builder =
                        EscalationDatabase.builder().jdbcUrl(shared.url().get()).clock(clock);
                shared.user().ifPresent(builder::user);
                shared.password().ifPresent(builder::password);
                return builder.build();
            } catch (EscalationException | IllegalArgumentException e) {
                throw CommandFailure.failed(
                        "unable to open the database " + shared.displayUrl().orElseThrow() + " (set by "
                                + DatabaseConfig.URL + "): " + e.getMessage(),
                        e);
            }
        }
        try {
            return EscalationDatabase.builder()
                    .sqliteFile(settings.ticketDatabasePath())
                    .clock(clock)
                    .build();
        } catch (EscalationException | IllegalArgumentException e) {
            throw CommandFailure.failed(
                    "unable to open the ticket database " + settings.ticketDatabasePath() + " (set by "
                            + RunnerConfig.TICKET_DATABASE_PATH + "): " + e.getMessage(),
                    e);
        }
    }

    /**
     * Opens the configured database read-only, without migrating it: nothing this run does can change it.
     *
     * @throws CommandFailure with exit status 2 naming the file or URL if it cannot be opened or is not migrated
     */
    EscalationDatabase openDatabaseReadOnly() {
        RunnerConfig settings = config();
        DatabaseConfig shared = databaseConfig();
        try {
            if (shared.url().isPresent()) {
                EscalationDatabase.Builder builder = EscalationDatabase.builder()
                        .jdbcUrl(shared.url().get())
                        .clock(clock)
                        .readOnly();
                shared.user().ifPresent(builder::user);
                shared.password().ifPresent(builder::password);
                return builder.build();
            }
            return EscalationDatabase.builder()
                    .sqliteFile(settings.ticketDatabasePath())
                    .clock(clock)
                    .readOnly()
                    .build();
        } catch (EscalationException | IllegalArgumentException e) {
            String where = shared.url().isPresent()
                    ? shared.displayUrl().orElseThrow() + " (set by " + DatabaseConfig.URL + ")"
                    : settings.ticketDatabasePath() + " (set by " + RunnerConfig.TICKET_DATABASE_PATH + ")";
            throw CommandFailure.usage("unable to open the database " + where + " read-only: " + e.getMessage());
        }
    }

    /**
     * Opens the database and builds an engine on it with the configured language model, checked once:
     * an endpoint that cannot be reached is replaced by the built-in offline model for this run when
     * {@code ESCALATION_LLM_FALLBACK} is {@code offline} (degraded mode, logged once), so a machine with
     * no model server still works at full speed.
     *
     * <p>Metrics are served on {@code /metrics} at {@value MetricsConfig#PORT} when it is set, or at
     * {@value MetricsConfig#DEFAULT_PORT} when {@code serveMetricsByDefault} (the chat).
     *
     * @throws CommandFailure with exit status 2 naming the setting when the server rejects the key or
     *     lacks the model, or the metrics port is in use; with exit status 1 when the database cannot be
     *     opened
     */
    Agent openAgent(boolean serveMetricsByDefault) {
        MetricsConfig metricsSettings = metricsConfig();
        TracingConfig tracingSettings = tracingConfig();
        LanguageModelConfig llm = languageModel();
        RunnerMetrics metrics = RunnerMetrics.create(metricsSettings.prices());
        if (serveMetricsByDefault || metricsSettings.port().isPresent()) {
            metrics.serve(metricsSettings.portOrDefault());
        }
        ChosenModel chosen;
        EscalationDatabase database;
        try {
            chosen = chooseModel(llm, offlineModel());
        } catch (RuntimeException e) {
            metrics.close();
            throw e;
        }
        try {
            database = openDatabase();
        } catch (RuntimeException e) {
            chosen.close();
            metrics.close();
            throw e;
        }
        RunnerTracing tracing = RunnerTracing.start(tracingSettings);
        try {
            EscalationEngine engine = EscalationEngine.builder()
                    .flow(flow())
                    .languageModel(chosen.model())
                    .offlineModel(offlineModel())
                    .conversationStore(database.conversationStore())
                    .ticketStore(database.ticketStore())
                    .clock(clock)
                    .listener(new CompositeListener(new LoggingListener(), metrics, tracing.listener()))
                    .turnTimeout(llm.timeout())
                    .offlineFallback(llm.offlineFallback())
                    .conversationTtl(databaseConfig().conversationTtl())
                    .build();
            return new Agent(database, engine, chosen.remote(), chosen.degradedNotice(), metrics, tracing);
        } catch (RuntimeException e) {
            database.close();
            chosen.close();
            metrics.close();
            tracing.close();
            throw e;
        }
    }

    /**
     * The model the run uses, the HTTP model to close at the end (if any), and what to tell a person in
     * the chat when the run is degraded from the start.
     */
    record ChosenModel(LanguageModel model, Optional<OpenAiCompatibleModel> remote, Optional<String> degradedNotice) {
        ChosenModel {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(remote, "remote");
            Objects.requireNonNull(degradedNotice, "degradedNotice");
        }

        void close() {
            remote.ifPresent(OpenAiCompatibleModel::close);
        }
    }

    static ChosenModel chooseModel(LanguageModelConfig llm, OfflineLanguageModel offline) {
        LanguageModel model = LanguageModels.create(llm);
        if (model instanceof OfflineLanguageModel) {
            return new ChosenModel(offline, Optional.empty(), Optional.empty());
        }
        if (!(model instanceof OpenAiCompatibleModel remote)) {
            return new ChosenModel(model, Optional.empty(), Optional.empty());
        }
        boolean available;
        try {
            available = remote.checkAvailable();
        } catch (InvalidLanguageModelConfigException e) {
            remote.close();
            throw CommandFailure.usage(e.getMessage());
        } catch (RuntimeException e) {
            remote.close();
            throw e;
        }
        if (available) {
            log.debug("language model {} at {}", llm.spec(), llm.baseUrl());
            return new ChosenModel(remote, Optional.of(remote), Optional.empty());
        }
        if (!llm.offlineFallback()) {
            log.warn(
                    "the language model endpoint {} ({}) cannot be reached and {}=none: turns fail until it can be"
                            + " reached",
                    llm.baseUrl(),
                    llm.spec(),
                    LanguageModelConfig.FALLBACK_SETTING);
            return new ChosenModel(remote, Optional.of(remote), Optional.empty());
        }
        log.warn(
                "the language model endpoint {} ({}) cannot be reached; degraded mode: turns are served by the"
                        + " built-in offline model for this run (start the server, or set {}=offline to use the offline model"
                        + " without this warning)",
                llm.baseUrl(),
                llm.spec(),
                LanguageModelConfig.MODEL_SETTING);
        remote.close();
        return new ChosenModel(
                offline,
                Optional.empty(),
                Optional.of("degraded mode: " + llm.baseUrl()
                        + " cannot be reached, so the built-in offline model answers"));
    }

    /**
     * An open database with an engine on it; closing it closes the HTTP model (if any), then the
     * database.
     *
     * <p>The engine is thread-safe; close once, after the last turn. Example: {@code agent.engine().handle(m)}.
     *
     * @param database the open database
     * @param engine the engine using its stores
     * @param remoteModel the HTTP language model the engine uses, if it uses one
     * @param degradedNotice what to tell a person when the run is served by the offline model from the
     *     start because the endpoint could not be reached; empty otherwise
     * @param metrics the engine's metrics, served while the agent is open if they were asked for
     * @param tracing the run's traces, flushed on close
     */
    record Agent(
            EscalationDatabase database,
            EscalationEngine engine,
            Optional<OpenAiCompatibleModel> remoteModel,
            Optional<String> degradedNotice,
            RunnerMetrics metrics,
            RunnerTracing tracing)
            implements AutoCloseable {

        Agent {
            Objects.requireNonNull(database, "database");
            Objects.requireNonNull(engine, "engine");
            Objects.requireNonNull(remoteModel, "remoteModel");
            Objects.requireNonNull(degradedNotice, "degradedNotice");
            Objects.requireNonNull(metrics, "metrics");
            Objects.requireNonNull(tracing, "tracing");
        }

        @Override
        public void close() {
            try {
                remoteModel.ifPresent(OpenAiCompatibleModel::close);
            } finally {
                try {
                    database.close();
                } finally {
                    try {
                        metrics.close();
                    } finally {
                        tracing.close();
                    }
                }
            }
        }
    }
}
