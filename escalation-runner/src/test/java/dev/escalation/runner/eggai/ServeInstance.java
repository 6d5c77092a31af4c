package dev.escalation.runner.eggai;

import dev.escalation.runner.TransportConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code serve} instance on Kafka in a JVM of its own, its log in a file: started, killed with
 * SIGKILL, stopped with SIGTERM, and its partitions read from its {@code consuming [...]} log lines.
 *
 * <p>Not thread-safe. Example:
 * {@code ServeInstance a = ServeInstance.start("a", log, Map.of("ESCALATION_KAFKA_BOOTSTRAP_SERVERS", b)); a.kill();}.
 */
public final class ServeInstance implements AutoCloseable {

    private static final Pattern CONSUMING = Pattern.compile("consuming \\[([^\\]]*)\\] from");

    private final String name;
    private final Path log;
    private final Process process;

    private ServeInstance(String name, Path log, Process process) {
        this.name = name;
        this.log = log;
        this.process = process;
    }

    /**
     * Starts {@code serve} with the test's class path, the offline model, metrics on a free port and
     * {@code env} (which names the broker, the namespace, the database, the group settings).
     */
    public static ServeInstance start(String name, Path log, Map<String, String> env) {
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        // C1 only and the serial collector: a quicker start on a small machine.
                        "-XX:TieredStopAtLevel=1",
                        "-XX:+UseSerialGC",
                        "-Xmx256m",
                        "-Xss512k",
                        "-cp",
                        System.getProperty("java.class.path"),
                        "dev.escalation.runner.Main",
                        "serve")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // Only the test's settings name the topics: none inherited from the shell that runs the build.
        builder.environment()
                .keySet()
                .removeIf(key -> key.startsWith("ESCALATION_")
                        || key.startsWith("CHANNEL_")
                        || key.equals("DEPLOYMENT_NAMESPACE")
                        || key.equals("EGGAI_NAMESPACE"));
        builder.environment().put("ESCALATION_TRANSPORT", "kafka");
        builder.environment().put("ESCALATION_LANGUAGE_MODEL", "offline");
        builder.environment().put("ESCALATION_PROMETHEUS_METRICS_PORT", "0");
        builder.environment().put("ESCALATION_KAFKA_AUTO_OFFSET_RESET", "earliest");
        builder.environment().putAll(env);
        try {
            return new ServeInstance(name, log, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("unable to start instance " + name, e);
        }
    }

    /**
     * The topics a {@code serve} started with {@code env} uses, by the runner's own rule (the EggAI SDK's
     * names: {@code eggai.NS-agents}, {@code eggai.NS-human_stream}, … for the deployment namespace NS).
     */
    public static Channels channels(Map<String, String> env) {
        return TransportConfig.fromEnvironment(env::get, false).channels();
    }

    /** The name given at start. */
    public String name() {
        return name;
    }

    /** SIGKILL, and waits until the process is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM; returns the exit status, or -1 if it did not end within {@code wait}. */
    public int terminate(Duration wait) throws InterruptedException {
        process.destroy();
        return process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
    }

    /** The log so far. */
    public String log() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every assignment logged so far, oldest first, each as its partition names ({@code topic-n}). */
    public List<Set<String>> assignments() {
        List<Set<String>> all = new ArrayList<>();
        Matcher matcher = CONSUMING.matcher(log());
        while (matcher.find()) {
            Set<String> partitions = new TreeSet<>();
            for (String part : matcher.group(1).split(",")) {
                if (!part.isBlank()) {
                    partitions.add(part.strip());
                }
            }
            all.add(partitions);
        }
        return all;
    }

    /** The latest logged assignment, empty before the first. */
    public Set<String> assignment() {
        List<Set<String>> all = assignments();
        return all.isEmpty() ? Set.of() : all.get(all.size() - 1);
    }

    /** Whether the process still runs. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** The partitions of several instances by name, for assertion messages. */
    public static Map<String, Set<String>> assignments(List<ServeInstance> instances) {
        Map<String, Set<String>> all = new LinkedHashMap<>();
        instances.forEach(instance -> all.put(instance.name(), instance.assignment()));
        return all;
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
