package dev.escalation.runner;

import dev.escalation.runner.internal.CommandFailure;
import dev.escalation.runner.internal.ExitCodes;
import dev.escalation.runner.internal.RunnerCommand;
import dev.escalation.runner.internal.Terminal;
import dev.escalation.runner.internal.Wiring;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * The command line of the escalation agent: {@code chat}, {@code replay} and {@code tickets}.
 *
 * <p>{@link #run} has no global state of its own, so tests call it in-process with their own streams
 * and environment; it is as thread-safe as the streams it is given (logging levels are process-wide).
 * Example:
 * <pre>{@code
 * int status = Main.run(new String[] {"replay", "-"}, in, out, err, Map.of("ESCALATION_TICKET_DATABASE_PATH", "t.db"));
 * }</pre>
 */
public final class Main {

    private static final Logger log = LoggerFactory.getLogger(Main.class);

    private Main() {}

    /** Runs the command line on the process's standard streams and environment, then exits with its status. */
    public static void main(String[] args) {
        // UTF-8 whatever the locale says: replies hold non-ASCII text and replay output is UTF-8 JSON.
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        int status = run(args, System.in, out, err, System.getenv(), System.console() != null);
        out.flush();
        err.flush();
        System.exit(status);
    }

    /**
     * Runs the command line with the given streams and environment, as if not at a terminal (no
     * prompts), and returns the exit status: 0 ok, 1 not found or failure, 2 bad usage, configuration or
     * input.
     */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err, Map<String, String> env) {
        return run(args, in, out, err, env, false);
    }

    /** Like {@link #run(String[], InputStream, PrintStream, PrintStream, Map)}; {@code interactive} turns prompts on. */
    public static int run(
            String[] args,
            InputStream in,
            PrintStream out,
            PrintStream err,
            Map<String, String> env,
            boolean interactive) {
        Wiring wiring = new Wiring(new Terminal(in, out, err, interactive), env, Clock.systemUTC());
        CommandLine commandLine = new CommandLine(new RunnerCommand(), new RunnerCommand.Factory(wiring))
                .setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true))
                .setErr(new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true))
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler((failure, line, parseResult) -> report(failure, line));
        // Every command runs the flow ESCALATION_FLOW names: a bad file stops any of them (exit 2) before
        // a conversation starts or a database opens.
        commandLine.setExecutionStrategy(parseResult -> {
            boolean help = parseResult.asCommandLineList().stream()
                    .anyMatch(line -> line.isUsageHelpRequested() || line.isVersionHelpRequested());
            if (!help && parseResult.hasSubcommand()) {
                try {
                    wiring.flow();
                } catch (CommandFailure failure) {
                    return report(failure, commandLine);
                }
            }
            return new CommandLine.RunLast().execute(parseResult);
        });
        try {
            return commandLine.execute(args);
        } finally {
            commandLine.getOut().flush();
            commandLine.getErr().flush();
            out.flush();
            err.flush();
        }
    }

    private static int report(Exception failure, CommandLine line) {
        PrintWriter err = line.getErr();
        if (failure instanceof CommandFailure commandFailure) {
            err.println("error: " + commandFailure.getMessage());
            if (commandFailure.getCause() != null) {
                log.debug("cause", commandFailure.getCause());
            }
            err.flush();
            return commandFailure.exitCode();
        }
        // A failure nobody anticipated: say what it was; the stack trace is for whoever turns logging up.
        log.debug("unexpected failure", failure);
        err.println("error: unexpected failure: " + failure + " (ESCALATION_LOG_LEVEL=debug shows where)");
        err.flush();
        return ExitCodes.FAILURE;
    }
}
