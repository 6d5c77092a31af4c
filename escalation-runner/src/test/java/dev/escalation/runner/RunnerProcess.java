package dev.escalation.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the command line in-process the way a shell would, with its own standard input, captured
 * standard output and error, and an environment of its own (with the offline language model unless a
 * test says otherwise).
 *
 * <p>Not thread-safe; one per test. Example:
 * {@code RunnerProcess.on(dir).stdin("...").run("replay", "-").jsonLines()}.
 */
final class RunnerProcess {

    static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> env = new HashMap<>();
    private String stdin = "";

    private RunnerProcess(Path database) {
        env.put(RunnerConfig.TICKET_DATABASE_PATH, database.toString());
        env.put("USER", "ana");
        // The built-in model, so that what a test checks does not depend on a model server on this machine;
        // the tests of the language model settings change or remove it.
        env.put(RunnerConfig.LANGUAGE_MODEL, "offline");
        // Metrics on a free port, so that runs in parallel (and whatever holds 9094 here) do not collide.
        env.put(MetricsConfig.PORT, "0");
    }

    /** A runner whose database is {@code directory/tickets.db}. */
    static RunnerProcess on(Path directory) {
        return new RunnerProcess(directory.resolve("tickets.db"));
    }

    RunnerProcess env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** Unsets a variable, so the runner takes its default. */
    RunnerProcess without(String name) {
        env.remove(name);
        return this;
    }

    RunnerProcess stdin(String text) {
        this.stdin = text;
        return this;
    }

    /** The same lines as JSON lines, one per element, each serialised by Jackson. */
    RunnerProcess stdinJson(Object... lines) {
        StringBuilder text = new StringBuilder();
        for (Object line : lines) {
            text.append(line instanceof String s ? s : json(line)).append('\n');
        }
        return stdin(text.toString());
    }

    Map<String, String> environment() {
        return Map.copyOf(env);
    }

    Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(
                args,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                environment());
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * Like {@link #run}, but what is written to {@code System.err} meanwhile (where logback sends the
     * logs) is added to the result's standard error, as it would be in a process of its own.
     * {@code System.err} is process-wide: do not run two of these at once.
     */
    Result runWithLogs(String... args) {
        PrintStream original = System.err;
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        Result result;
        System.setErr(new PrintStream(logs, true, StandardCharsets.UTF_8));
        try {
            result = run(args);
        } finally {
            System.setErr(original);
        }
        return new Result(result.status(), result.out(), result.err() + logs.toString(StandardCharsets.UTF_8));
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What a run left behind.
     *
     * @param status the exit status
     * @param out standard output
     * @param err standard error
     */
    record Result(int status, String out, String err) {

        List<String> lines() {
            return out.lines().toList();
        }

        List<JsonNode> jsonLines() {
            return out.lines().map(RunnerProcess::parse).toList();
        }

        /** The last reply line, the one the conversation ended on. */
        JsonNode lastJson() {
            List<JsonNode> lines = jsonLines();
            return lines.get(lines.size() - 1);
        }
    }

    static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new AssertionError("not a JSON line: " + line, e);
        }
    }
}
