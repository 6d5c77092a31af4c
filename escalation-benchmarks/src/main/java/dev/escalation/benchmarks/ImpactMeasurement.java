package dev.escalation.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.escalation.core.EscalationListener;
import dev.escalation.core.FlowDefinition;
import dev.escalation.core.OfflineLanguageModel;
import dev.escalation.core.simulation.Profile;
import dev.escalation.core.simulation.Profiles;
import dev.escalation.runner.internal.impact.ConversationImpact;
import dev.escalation.runner.internal.impact.FlowImpact;
import dev.escalation.runner.internal.impact.ImpactReport;
import dev.escalation.runner.internal.impact.ImpactSettings;
import dev.escalation.store.EscalationDatabase;
import dev.escalation.store.TranscriptQuery;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What {@code impact} costs on a database of 10,000 stored conversations: the 40 dev profiles played
 * to their ends in turn through the engine into one SQLite file, then that file opened read-only and
 * every conversation replayed under the standard flow and a candidate, as {@code impact --flow} does
 * (the Markdown is built too, and discarded). Three rounds per candidate; a timed harness, not JMH,
 * because one round is seconds long and reads a database.
 *
 * <p>Usage: {@code ImpactMeasurement OUT.json}. Not thread-safe; a program.
 */
public final class ImpactMeasurement {

    // Fewer with -Dimpact.conversations=N, for profiling; make bench measures 10,000.
    private static final int CONVERSATIONS = Integer.getInteger("impact.conversations", 10_000);
    private static final int ROUNDS = 3;
    private static final int WRITERS = 4;

    private ImpactMeasurement() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: ImpactMeasurement OUT.json");
            System.exit(2);
        }
        ObjectNode out = new ObjectMapper().createObjectNode();
        out.put("section", "impact");
        out.put("loadAverageStart", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        Path dir = Agents.tempDir();
        long turns = store(dir);
        Path file = Agents.sqliteFile(dir, "impact");
        FlowDefinition standard = FlowDefinition.standard();
        FlowDefinition renamed = FlowDefinition.parse(
                standardYaml().replace("  - name: Billing\n", "  - name: Accounts\n"), "accounts.yaml");
        out.put("conversations", CONVERSATIONS);
        out.put("turns", turns);
        out.set("unchanged", measure(file, standard, standard));
        out.set("renamedDepartment", measure(file, standard, renamed));
        out.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
        out.put("loadAverageEnd", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        Path target = Path.of(args[0]);
        Files.createDirectories(target.toAbsolutePath().getParent());
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(target.toFile(), out);
        System.out.println("wrote " + target);
        System.exit(0);
    }

    // The conversations are played to their ends by a few writers, as traffic would have stored them.
    private static long store(Path dir) throws Exception {
        List<Profile> profiles = Profiles.dev();
        ConcurrentLinkedQueue<Measurements.Cursor> queue = new ConcurrentLinkedQueue<>();
        for (int i = 0; i < CONVERSATIONS; i++) {
            queue.add(new Measurements.Cursor(profiles.get(i % profiles.size()), "impact-" + i));
        }
        AtomicLong turns = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try (EngineAgent agent = Agents.engine("impact", dir, new MemoizedModel(), EscalationListener.NONE)) {
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                Thread writer = new Thread(() -> {
                    Measurements.Cursor cursor;
                    while ((cursor = queue.poll()) != null && failure.get() == null) {
                        try {
                            while (cursor.step(agent)) {
                                turns.incrementAndGet();
                            }
                            turns.incrementAndGet();
                        } catch (Throwable e) {
                            failure.compareAndSet(null, e);
                        }
                    }
                });
                writer.start();
                writers.add(writer);
            }
            for (Thread writer : writers) {
                writer.join();
            }
        }
        if (failure.get() != null) {
            throw new IllegalStateException("a writer failed", failure.get());
        }
        return turns.get();
    }

    private static ObjectNode measure(Path file, FlowDefinition current, FlowDefinition candidate) {
        ObjectNode result = new ObjectMapper().createObjectNode();
        ArrayNode seconds = result.putArray("seconds");
        double[] rounds = new double[ROUNDS];
        ImpactReport report = null;
        for (int round = 0; round < ROUNDS; round++) {
            long started = System.nanoTime();
            report = run(file, current, candidate);
            rounds[round] = (System.nanoTime() - started) / 1e9;
            seconds.add(rounds[round]);
        }
        Arrays.sort(rounds);
        double median = rounds[ROUNDS / 2];
        result.put("medianSeconds", median);
        result.put("conversationsPerSecond", report.replayed() / median);
        result.put("replayed", report.replayed());
        result.put("changed", report.count(ConversationImpact.Status.CHANGED));
        result.put(
                "notCompared",
                report.count(ConversationImpact.Status.NOT_REPRODUCIBLE)
                        + report.count(ConversationImpact.Status.FAILED)
                        + report.count(ConversationImpact.Status.WITHOUT_READINGS));
        return result;
    }

    private static ImpactReport run(Path file, FlowDefinition current, FlowDefinition candidate) {
        ImpactSettings settings =
                new ImpactSettings(current, candidate, Duration.ofHours(24), new OfflineLanguageModel());
        FlowImpact impact = FlowImpact.fromRecordedReadings(settings);
        ImpactReport report = new ImpactReport("candidate", "current", current, candidate);
        try (EscalationDatabase database =
                EscalationDatabase.builder().sqliteFile(file).readOnly().build()) {
            database.conversationStore()
                    .forEachTranscript(TranscriptQuery.all(), turns -> report.add(impact.assess(turns)));
        }
        report.markdown(impact.modelCost());
        return report;
    }

    private static String standardYaml() throws IOException {
        try (InputStream in =
                FlowDefinition.class.getClassLoader().getResourceAsStream(FlowDefinition.STANDARD_RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
