package dev.escalation.runner.internal;

import dev.escalation.core.FlowDefinition;
import dev.escalation.llm.LanguageModelConfig;
import dev.escalation.runner.DatabaseConfig;
import dev.escalation.runner.InvalidConfigurationException;
import dev.escalation.runner.MetricsConfig;
import dev.escalation.runner.RunnerConfig;
import dev.escalation.runner.TracingConfig;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The runner's composition root: builds each command with the parts it needs, passed to its
 * constructor, from one run's streams, environment and clock. Settings are read on first use (so that
 * {@code --help} works whatever the environment says, and a command never fails on a setting it does not
 * use) and then kept for the run; the database, the model endpoint, metrics and traces are opened only by
 * the commands that use them. Tests build one with their own streams and environment map.
 *
 * <p>Not thread-safe to build; one run of one command uses it. Example:
 * {@code new CommandLine(new RunnerCommand(), new RunnerCommand.Factory(new Wiring(terminal, env, clock)))}.
 */
public final class Wiring {

    private final Terminal terminal;
    private final EnvironmentVariables env;
    private final Clock clock;
    private final Lazy<FlowDefinition> flow;
    private final Lazy<RunnerConfig> config;
    private final Lazy<DatabaseConfig> databaseConfig;
    private final Lazy<LanguageModelConfig> languageModel;
    private final OfflineModels offlineModels;
    private final DatabaseOpener databases;
    private final AgentFactory agents;

    /** The parts of one run on {@code terminal}, with the environment {@code env}, reading time on {@code clock}. */
    public Wiring(Terminal terminal, Map<String, String> env, Clock clock) {
        this.terminal = Objects.requireNonNull(terminal, "terminal");
        this.env = new EnvironmentVariables(env);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.flow = new Lazy<>(() -> FlowFiles.configured(this.env));
        this.config = new Lazy<>(() -> {
            RunnerConfig read = setting(RunnerConfig::fromEnvironment);
            Logging.apply(read.logLevel());
            return read;
        });
        this.databaseConfig = new Lazy<>(() -> setting(DatabaseConfig::fromEnvironment));
        this.offlineModels = new OfflineModels(this.env);
        this.languageModel =
                new Lazy<>(() -> offlineModels.withDemonstrations(config.get().languageModel()));
        this.databases = new DatabaseOpener(config, databaseConfig, clock);
        this.agents = new AgentFactory(
                new Lazy<>(() -> setting(MetricsConfig::fromEnvironment)),
                new Lazy<>(() -> setting(TracingConfig::fromEnvironment)),
                languageModel,
                databaseConfig,
                flow,
                offlineModels,
                databases,
                clock);
    }

    /**
     * The flow every command runs, read on first use: Main reads it before any command runs, so that a
     * bad file stops every command before a conversation starts or a database opens.
     *
     * @throws CommandFailure with exit status 2 naming ESCALATION_FLOW and the file (see {@link FlowFiles#configured})
     */
    public FlowDefinition flow() {
        return flow.get();
    }

    /**
     * A command of ours built with what it needs, or null when {@code type} is not one (picocli makes
     * those itself).
     */
    Object command(Class<?> type) {
        if (type == ChatCommand.class) {
            return new ChatCommand(terminal, env, agents);
        } else if (type == ReplayCommand.class) {
            return new ReplayCommand(terminal, agents);
        } else if (type == ServeCommand.class) {
            return new ServeCommand(terminal, env, clock, agents);
        } else if (type == ConsoleCommand.class) {
            return new ConsoleCommand(terminal.out(), env, clock, databaseConfig, agents);
        } else if (type == TicketsCommand.ListTickets.class) {
            return new TicketsCommand.ListTickets(terminal.out(), databases);
        } else if (type == TicketsCommand.ShowTicket.class) {
            return new TicketsCommand.ShowTicket(terminal.out(), databases);
        } else if (type == TicketsCommand.UpdateTicket.class) {
            return new TicketsCommand.UpdateTicket(terminal.out(), env, clock, databases);
        } else if (type == DiagramCommand.class) {
            return new DiagramCommand(terminal, flow);
        } else if (type == VerifyCommand.class) {
            return new VerifyCommand(terminal.out(), flow);
        } else if (type == EvalCommand.class) {
            return new EvalCommand(terminal, env, clock, flow, languageModel, offlineModels);
        } else if (type == OptimizeCommand.class) {
            return new OptimizeCommand(terminal.out(), clock, config, offlineModels);
        } else if (type == ImpactCommand.class) {
            return new ImpactCommand(
                    terminal.out(), env, clock, flow, databaseConfig, languageModel, offlineModels, databases);
        }
        return null;
    }

    /**
     * A settings record read from the environment.
     *
     * @throws CommandFailure with exit status 2 naming the variable if a value is not usable
     */
    private <T> T setting(Function<Map<String, String>, T> read) {
        try {
            return read.apply(env.values());
        } catch (InvalidConfigurationException e) {
            throw CommandFailure.usage(e.getMessage());
        }
    }
}
