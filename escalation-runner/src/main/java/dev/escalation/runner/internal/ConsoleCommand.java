package dev.escalation.runner.internal;

import dev.escalation.runner.ConsoleConfig;
import dev.escalation.runner.DatabaseConfig;
import dev.escalation.runner.InvalidConfigurationException;
import dev.escalation.runner.internal.console.ConsoleBackend;
import dev.escalation.runner.internal.console.ConsoleServer;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import picocli.CommandLine.Command;

/**
 * {@code console}: the web console on the configured store, flow and model, until SIGINT or SIGTERM.
 *
 * <p>Not thread-safe; picocli runs it once. Example:
 * {@code ESCALATION_CONSOLE_PORT=8484 java -jar escalation-runner.jar console}.
 */
@Command(
        name = "console",
        description = "Serves the web console: chat with the agent and watch its state, work the tickets, read"
                + " the conversations, see the flow's traffic. Listens on " + ConsoleConfig.DEFAULT_BIND + ":"
                + ConsoleConfig.DEFAULT_PORT + " unless " + ConsoleConfig.BIND + " and " + ConsoleConfig.PORT + " say"
                + " otherwise; any other address than loopback needs " + ConsoleConfig.TOKEN + ".")
final class ConsoleCommand implements Callable<Integer> {

    private final PrintStream out;
    private final EnvironmentVariables env;
    private final Clock clock;
    private final Supplier<DatabaseConfig> databaseConfig;
    private final AgentFactory agents;

    ConsoleCommand(
            PrintStream out,
            EnvironmentVariables env,
            Clock clock,
            Supplier<DatabaseConfig> databaseConfig,
            AgentFactory agents) {
        this.out = out;
        this.env = env;
        this.clock = clock;
        this.databaseConfig = databaseConfig;
        this.agents = agents;
    }

    @Override
    public Integer call() {
        ConsoleConfig settings;
        try {
            settings = ConsoleConfig.fromEnvironment(env());
        } catch (InvalidConfigurationException e) {
            throw CommandFailure.usage(e.getMessage());
        }
        CountDownLatch stop = new CountDownLatch(1);
        ServeCommand.Signals.onTermination(stop::countDown);
        try (AgentFactory.Agent agent = agents.open(false)) {
            ConsoleBackend backend = new ConsoleBackend(
                    agent.engine(),
                    agent.database().conversationStore(),
                    agent.database().ticketStore(),
                    databaseConfig.get().conversationTtl(),
                    env.get("USER", null),
                    clock);
            ConsoleServer server;
            try {
                server = ConsoleServer.start(settings, backend);
            } catch (UncheckedIOException e) {
                throw CommandFailure.usage(e.getMessage() + " (set " + ConsoleConfig.PORT + " to a free port)");
            }
            try (server) {
                out.println("escalation console at " + server.uri()
                        + (server.tokenRequired() ? "?token=... (" + ConsoleConfig.TOKEN + ")" : "")
                        + " (Ctrl-C stops it)");
                out.flush();
                stop.await();
            }
            return ExitCodes.OK;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCodes.OK;
        }
    }

    private java.util.Map<String, String> env() {
        java.util.Map<String, String> values = new java.util.HashMap<>();
        for (String name : new String[] {ConsoleConfig.BIND, ConsoleConfig.PORT, ConsoleConfig.TOKEN}) {
            String value = env.get(name, null);
            if (value != null) {
                values.put(name, value);
            }
        }
        return values;
    }
}
