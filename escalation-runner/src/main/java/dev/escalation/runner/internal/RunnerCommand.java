package dev.escalation.runner.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The top-level command: only dispatches to {@code chat}, {@code replay}, {@code serve}, {@code console},
 * {@code tickets}, {@code diagram}, {@code verify}, {@code eval}, {@code optimize} and {@code impact}.
 *
 * <p>Not thread-safe; picocli runs it once. Example: {@code java -jar escalation-runner.jar --help}.
 */
@Command(
        name = "escalation-runner",
        mixinStandardHelpOptions = true,
        scope = ScopeType.INHERIT,
        versionProvider = RunnerCommand.Version.class,
        description = "The escalation agent: a support conversation run as a state machine (REASON -> DETAILS ->"
                + " CONFIRMATION -> TICKET_CREATED or CANCELLED) that creates a ticket only after an explicit yes.",
        subcommands = {
            ChatCommand.class,
            ReplayCommand.class,
            TicketsCommand.class,
            DiagramCommand.class,
            VerifyCommand.class,
            ServeCommand.class,
            EvalCommand.class,
            OptimizeCommand.class,
            ConsoleCommand.class,
            ImpactCommand.class
        },
        footerHeading = "%nEnvironment:%n",
        footer = {
            "  ESCALATION_TICKET_DATABASE_PATH  SQLite file of tickets and conversations",
            "                                   (default ./tickets.db)",
            "  ESCALATION_DATABASE_URL          jdbc:postgresql://host:port/db shared by several",
            "                                   instances (instead of the SQLite file)",
            "  ESCALATION_DATABASE_USER, ESCALATION_DATABASE_PASSWORD  its credentials, if not in the URL",
            "  ESCALATION_CONVERSATION_TTL      an idle conversation expires after it (default 24h;",
            "                                   e.g. 30m, 2d, PT24H)",
            "  ESCALATION_LANGUAGE_MODEL        provider/model (lm_studio, openai, ollama,",
            "                                   openai_compatible) or offline",
            "                                   (default lm_studio/gemma-3-12b-it)",
            "  ESCALATION_LANGUAGE_MODEL_API_BASE  the server's base URL, e.g. http://localhost:1234/v1",
            "  LM_STUDIO_API_KEY, OPENAI_API_KEY, OLLAMA_API_KEY, ESCALATION_LANGUAGE_MODEL_API_KEY",
            "                                   the provider's API key",
            "  ESCALATION_TIMEOUT_SECONDS       a turn's time limit (default 30)",
            "  ESCALATION_MAX_ITERATIONS        model calls per tool loop (default 5)",
            "  ESCALATION_LLM_FALLBACK          offline (default) or none: who answers when the",
            "                                   model server fails or cannot be reached",
            "  ESCALATION_LLM_NATIVE_TOOLS      true or false: offer native tool calls",
            "  ESCALATION_LLM_PLAIN_ANSWERS     true (default) or false: a bare yes/no to the summary or",
            "                                   status question with a ticket id needs no model call",
            "  ESCALATION_LOG_LEVEL             e.g. debug; logs go to standard error",
            "  ESCALATION_TRANSPORT             console (default; chat), memory or kafka (serve)",
            "  ESCALATION_KAFKA_BOOTSTRAP_SERVERS  the brokers for serve (default localhost:19092)",
            "  ESCALATION_DEPLOYMENT_NAMESPACE  prefixes the topics with NS- (or DEPLOYMENT_NAMESPACE)",
            "  ESCALATION_MAX_MESSAGE_BYTES     longest accepted request (default 65536)",
            "  ESCALATION_OPTIMIZED_PATH        the optimized artifact: written by optimize, loaded",
            "                                   at start when present (default ./optimized_escalation.json)",
            "  ESCALATION_MLFLOW_TRACKING_URI   eval: log the run to this MLflow server",
            "  ESCALATION_MLFLOW_EXPERIMENT     eval: its experiment (default escalation-eval)",
            "  ESCALATION_CONSOLE_PORT          console: its port (default 8484)",
            "  ESCALATION_CONSOLE_BIND          console: its address (default 127.0.0.1)",
            "  ESCALATION_CONSOLE_TOKEN         console: the secret every request must present;",
            "                                   required on any address but loopback",
            "",
            "Exit status: 0 ok, 1 not found or failure, 2 bad usage, configuration or input."
        })
public final class RunnerCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(
                spec.commandLine(),
                "Missing subcommand: chat, replay, serve, console, tickets, diagram, verify, eval, optimize"
                        + " or impact");
    }

    /**
     * Creates our commands through the run's {@link Wiring}, each with the parts it needs; everything
     * else as picocli would.
     *
     * <p>Thread-safe if its wiring is not shared. Example: {@code new CommandLine(new RunnerCommand(), new Factory(w))}.
     */
    public static final class Factory implements CommandLine.IFactory {
        private final Wiring wiring;
        private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

        /** A factory building our commands with {@code wiring}. */
        public Factory(Wiring wiring) {
            this.wiring = java.util.Objects.requireNonNull(wiring, "wiring");
        }

        @Override
        public <K> K create(Class<K> type) throws Exception {
            Object made = wiring.command(type);
            return made == null ? fallback.create(type) : type.cast(made);
        }
    }

    /**
     * The project version, from a resource Maven filters at build time.
     *
     * <p>Stateless and thread-safe. Example: {@code new Version().getVersion()}.
     */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            Properties properties = new Properties();
            try (InputStream in =
                    RunnerCommand.class.getResourceAsStream("/dev/escalation/runner/version.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new String[] {
                "escalation-runner " + properties.getProperty("version", "unknown"),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
            };
        }
    }
}
