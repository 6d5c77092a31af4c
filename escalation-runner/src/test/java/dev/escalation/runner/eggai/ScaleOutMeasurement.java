package dev.escalation.runner.eggai;

import dev.escalation.store.PostgresServer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * {@code make bench-scale}: 1, 2 and 3 {@code serve} instances (JVMs of their own) on one in-process
 * Kafka broker and one embedded PostgreSQL server on this machine, driven by many concurrent customers
 * with the offline model; for each count the customer turns per second and the p50/p99 time from a
 * request to its reply over a measurement window, and with two or more instances the takeover time
 * after one is killed with SIGKILL. Then the same takeover under the KIP-848 {@code consumer} protocol
 * with the broker's default session, for the comparison. Writes the figures as the "Several instances"
 * section of docs/benchmarks.md (replacing an earlier one). Not a test: run by {@code make bench-scale}.
 *
 * <p>Arguments: the work directory, the Markdown file to update. System properties:
 * {@code scale.customers} (48), {@code scale.warmupSeconds} (10), {@code scale.measureSeconds} (30),
 * {@code scale.instances} ("1,2,3"), {@code scale.kip848} (true).
 */
public final class ScaleOutMeasurement {

    private static final int PARTITIONS = 3;
    private static final String SECTION = "## Several instances (make bench-scale)";

    private ScaleOutMeasurement() {}

    /** One instance count's figures. */
    record Figures(
            String setup,
            int instances,
            int customers,
            double turnsPerSecond,
            long p50Millis,
            long p99Millis,
            long takeoverMillis,
            String load) {}

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args.length > 0 ? args[0] : "target/bench-scale");
        Path report = Path.of(args.length > 1 ? args[1] : "docs/benchmarks.md");
        Files.createDirectories(work);
        int customers = Integer.getInteger("scale.customers", 48);
        Duration warmup = Duration.ofSeconds(Integer.getInteger("scale.warmupSeconds", 10));
        Duration measure = Duration.ofSeconds(Integer.getInteger("scale.measureSeconds", 30));
        Instant started = Instant.now();
        List<Figures> all = new ArrayList<>();
        KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                        .setCombined(true)
                        .setNumBrokerNodes(1)
                        .setNumControllerNodes(1)
                        .build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("num.partitions", String.valueOf(PARTITIONS))
                .build();
        try {
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            for (String count : System.getProperty("scale.instances", "1,2,3").split(",")) {
                int n = Integer.parseInt(count.strip());
                all.add(run(
                        "classic, cooperative-sticky, 6 s session",
                        n,
                        customers,
                        warmup,
                        measure,
                        cluster,
                        work,
                        Map.of()));
            }
            if (Boolean.parseBoolean(System.getProperty("scale.kip848", "true"))) {
                try {
                    all.add(run(
                            "consumer (KIP-848), broker defaults",
                            2,
                            customers,
                            Duration.ofSeconds(5),
                            Duration.ZERO,
                            cluster,
                            work,
                            Map.of("ESCALATION_KAFKA_GROUP_PROTOCOL", "consumer")));
                } catch (RuntimeException e) {
                    System.err.println("the KIP-848 takeover could not be measured: " + e);
                }
            }
        } finally {
            cluster.close();
        }
        String section = section(all, started, customers, warmup, measure);
        System.out.println(section);
        update(report, section);
        System.exit(0);
    }

    private static Figures run(
            String setup,
            int n,
            int customers,
            Duration warmup,
            Duration measure,
            KafkaClusterTestKit cluster,
            Path work,
            Map<String, String> extra)
            throws Exception {
        String namespace = "bench" + UUID.randomUUID().toString().substring(0, 6);
        Channels channels = ServeInstance.channels(Map.of("ESCALATION_DEPLOYMENT_NAMESPACE", namespace));
        String database = PostgresServer.newDatabase();
        List<ServeInstance> instances = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                Map<String, String> env = new HashMap<>(Map.of(
                        "ESCALATION_KAFKA_BOOTSTRAP_SERVERS",
                        cluster.bootstrapServers(),
                        "ESCALATION_DEPLOYMENT_NAMESPACE",
                        namespace,
                        "ESCALATION_DATABASE_URL",
                        database,
                        "ESCALATION_KAFKA_GROUP_INSTANCE_ID",
                        namespace + "-" + i,
                        "ESCALATION_LOG_LEVEL",
                        "info"));
                env.putAll(extra);
                instances.add(
                        ServeInstance.start(namespace + "-" + i, work.resolve(namespace + "-" + i + ".log"), env));
            }
            awaitSplit(instances);
            try (ConversationLoad load = new ConversationLoad(
                    cluster.bootstrapServers(), channels, PARTITIONS, customers, Duration.ofMillis(100), n)) {
                load.start();
                load.startCustomers();
                Thread.sleep(warmup.toMillis());
                String loadBefore = loadAverage();
                long from = System.currentTimeMillis();
                Thread.sleep(measure.toMillis());
                long to = System.currentTimeMillis();
                String load1 = loadBefore + " → " + loadAverage();
                double turns = 0;
                List<Long> latencies = new ArrayList<>();
                for (ConversationLoad.Sent sent : load.sent().values()) {
                    var reply = load.firstReply(sent.messageId());
                    if (reply.isPresent()
                            && reply.get().createdAt() >= from
                            && reply.get().createdAt() < to) {
                        turns++;
                    }
                    if (sent.sentAt() >= from && sent.sentAt() < to) {
                        latencies.add(
                                reply.map(r -> r.createdAt() - sent.sentAt()).orElse(to - sent.sentAt()));
                    }
                }
                latencies.sort(null);
                long takeover = -1;
                if (n >= 2) {
                    load.startProbing();
                    Thread.sleep(1_000);
                    ServeInstance victim = instances.get(0);
                    Set<Integer> partitions = numbers(victim.assignment());
                    victim.kill();
                    long killedAt = System.currentTimeMillis();
                    load.await(
                            () -> load.firstServedAfter(partitions, killedAt).size() == partitions.size(),
                            Duration.ofSeconds(120));
                    takeover = load.firstServedAfter(partitions, killedAt).values().stream()
                            .mapToLong(at -> at - killedAt)
                            .max()
                            .orElse(-1);
                    load.stopProbing();
                }
                load.stopStarting();
                double seconds = (to - from) / 1000.0;
                return new Figures(
                        setup,
                        n,
                        customers,
                        measure.isZero() ? -1 : turns / seconds,
                        percentile(latencies, 50),
                        percentile(latencies, 99),
                        takeover,
                        load1);
            }
        } finally {
            for (ServeInstance instance : instances) {
                if (instance.isAlive()) {
                    instance.terminate(Duration.ofSeconds(40));
                }
            }
        }
    }

    private static long percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return -1;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static void awaitSplit(List<ServeInstance> instances) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < end) {
            Set<String> all = new TreeSet<>();
            boolean everyOne = true;
            for (ServeInstance instance : instances) {
                everyOne &= !instance.assignment().isEmpty();
                all.addAll(instance.assignment());
            }
            if (everyOne && all.size() == PARTITIONS) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(
                "the instances did not share the partitions: " + ServeInstance.assignments(instances));
    }

    private static Set<Integer> numbers(Set<String> partitions) {
        Set<Integer> numbers = new TreeSet<>();
        partitions.forEach(p -> numbers.add(Integer.parseInt(p.substring(p.lastIndexOf('-') + 1))));
        return numbers;
    }

    private static String loadAverage() {
        return String.format(
                Locale.ROOT,
                "%.1f",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static String section(
            List<Figures> all, Instant started, int customers, Duration warmup, Duration measure) {
        StringBuilder text = new StringBuilder();
        text.append(SECTION).append("\n\n");
        text.append("Measured by `make bench-scale` on ")
                .append(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
                        .withZone(ZoneOffset.UTC)
                        .format(started))
                .append(" on this machine (")
                .append(Runtime.getRuntime().availableProcessors())
                .append(
                        " cores): one in-process Kafka broker (3 partitions on the agents topic), one embedded PostgreSQL"
                                + " server, and 1, 2 or 3 `serve` instances in JVMs of their own (C1 only, serial GC, 256 MiB heap),"
                                + " all on the same cores; ")
                .append(customers)
                .append(" customers wait for an answer at any time, each request on a random partition"
                        + " without a key, three messages to a ticket, the offline model. Turns/s and the time from a"
                        + " request to its reply (p50/p99) over ")
                .append(measure.toSeconds())
                .append(" s after a ")
                .append(warmup.toSeconds())
                .append(" s warm-up; the takeover is the time from a SIGKILL of one instance"
                        + " to the first reply created for a request on each of its partitions (probes on every partition"
                        + " every 100 ms), the longest over its partitions.\n\n");
        text.append("| group protocol | instances | turns/s | p50 (ms) | p99 (ms) | takeover after SIGKILL |"
                + " load average (start → end of window) |\n");
        text.append("| --- | --- | --- | --- | --- | --- | --- |\n");
        for (Figures f : all) {
            text.append(String.format(
                    Locale.ROOT,
                    "| %s | %d | %s | %s | %s | %s | %s |%n",
                    f.setup(),
                    f.instances(),
                    f.turnsPerSecond() < 0 ? "–" : String.format(Locale.ROOT, "%.0f", f.turnsPerSecond()),
                    f.turnsPerSecond() < 0 ? "–" : String.valueOf(f.p50Millis()),
                    f.turnsPerSecond() < 0 ? "–" : String.valueOf(f.p99Millis()),
                    f.takeoverMillis() < 0 ? "–" : String.format(Locale.ROOT, "%.1f s", f.takeoverMillis() / 1000.0),
                    f.turnsPerSecond() < 0 ? "–" : f.load()));
        }
        text.append("\nOn ")
                .append(Runtime.getRuntime().availableProcessors())
                .append(" cores shared by the"
                        + " broker, PostgreSQL, the load driver and every instance, a second or third instance cannot add"
                        + " processing power: the figures show what the coordination costs and that nothing stalls, not what"
                        + " more machines would give. On separate machines each instance brings its own cores, up to one"
                        + " instance per partition of the agents topic (3 by default). A load average above the core count means"
                        + " other work shared the machine during that window: its figures are then lower and noisier than on a"
                        + " quiet machine, and rows measured under different loads do not compare.\n");
        return text.toString();
    }

    // Replaces the section in the report, or adds it before "## How to reproduce" (or at the end).
    private static void update(Path report, String section) throws IOException {
        String text = Files.exists(report) ? Files.readString(report, StandardCharsets.UTF_8) : "# Benchmarks\n\n";
        int at = text.indexOf(SECTION);
        if (at >= 0) {
            int next = text.indexOf("\n## ", at + SECTION.length());
            text = text.substring(0, at) + section + (next < 0 ? "" : text.substring(next));
        } else {
            int before = text.indexOf("## How to reproduce");
            text = before < 0
                    ? text + "\n" + section
                    : text.substring(0, before) + section + "\n" + text.substring(before);
        }
        Files.writeString(report, text, StandardCharsets.UTF_8);
    }
}
