package dev.escalation.runner.internal;

import dev.escalation.core.EscalationEngine;
import dev.escalation.core.FlowDefinition;
import dev.escalation.core.LanguageModel;
import dev.escalation.core.OfflineLanguageModel;
import dev.escalation.llm.InvalidLanguageModelConfigException;
import dev.escalation.llm.LanguageModelConfig;
import dev.escalation.llm.LanguageModels;
import dev.escalation.llm.OpenAiCompatibleModel;
import dev.escalation.runner.DatabaseConfig;
import dev.escalation.runner.MetricsConfig;
import dev.escalation.runner.TracingConfig;
import dev.escalation.store.EscalationDatabase;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens an agent for the commands that talk to customers ({@code chat}, {@code replay}, {@code serve},
 * {@code console}): the database, the language model checked once, metrics, traces, and the engine on
 * them. Everything it needs is given to it by {@link Wiring}; nothing is read or opened until
 * {@link #open} is called.
 *
 * <p>Thread-safe. Example: {@code try (AgentFactory.Agent agent = agents.open(true)) { agent.engine().handle(m); }}.
 */
final class AgentFactory {

    private static final Logger log = LoggerFactory.getLogger(AgentFactory.class);

    private final Supplier<MetricsConfig> metricsConfig;
    private final Supplier<TracingConfig> tracingConfig;
    private final Supplier<LanguageModelConfig> languageModel;
    private final Supplier<DatabaseConfig> databaseConfig;
    private final Supplier<FlowDefinition> flow;
    private final OfflineModels offlineModels;
    private final DatabaseOpener databases;
    private final Clock clock;

    AgentFactory(
            Supplier<MetricsConfig> metricsConfig,
            Supplier<TracingConfig> tracingConfig,
            Supplier<LanguageModelConfig> languageModel,
            Supplier<DatabaseConfig> databaseConfig,
            Supplier<FlowDefinition> flow,
            OfflineModels offlineModels,
            DatabaseOpener databases,
            Clock clock) {
        this.metricsConfig = Objects.requireNonNull(metricsConfig, "metricsConfig");
        this.tracingConfig = Objects.requireNonNull(tracingConfig, "tracingConfig");
        this.languageModel = Objects.requireNonNull(languageModel, "languageModel");
        this.databaseConfig = Objects.requireNonNull(databaseConfig, "databaseConfig");
        this.flow = Objects.requireNonNull(flow, "flow");
        this.offlineModels = Objects.requireNonNull(offlineModels, "offlineModels");
        this.databases = Objects.requireNonNull(databases, "databases");
        this.clock = Objects.requireNonNull(clock, "clock");
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
    Agent open(boolean serveMetricsByDefault) {
        MetricsConfig metricsSettings = metricsConfig.get();
        TracingConfig tracingSettings = tracingConfig.get();
        LanguageModelConfig llm = languageModel.get();
        RunnerMetrics metrics = RunnerMetrics.create(metricsSettings.prices());
        if (serveMetricsByDefault || metricsSettings.port().isPresent()) {
            metrics.serve(metricsSettings.portOrDefault());
        }
        ChosenModel chosen;
        EscalationDatabase database;
        try {
            chosen = chooseModel(llm, offlineModels.model());
        } catch (RuntimeException e) {
            metrics.close();
            throw e;
        }
        try {
            database = databases.open();
        } catch (RuntimeException e) {
            chosen.close();
            metrics.close();
            throw e;
        }
        RunnerTracing tracing = RunnerTracing.start(tracingSettings);
        try {
            EscalationEngine engine = EscalationEngine.builder()
                    .flow(flow.get())
                    .languageModel(chosen.model())
                    .offlineModel(offlineModels.model())
                    .conversationStore(database.conversationStore())
                    .ticketStore(database.ticketStore())
                    .clock(clock)
                    .listener(new CompositeListener(new LoggingListener(), metrics, tracing.listener()))
                    .turnTimeout(llm.timeout())
                    .offlineFallback(llm.offlineFallback())
                    .conversationTtl(databaseConfig.get().conversationTtl())
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
