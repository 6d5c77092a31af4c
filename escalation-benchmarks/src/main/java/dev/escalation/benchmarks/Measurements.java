package dev.escalation.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.escalation.core.CustomerMessage;
import dev.escalation.core.EscalationEngine;
import dev.escalation.core.EscalationListener;
import dev.escalation.core.Interpretation;
import dev.escalation.core.InterpretationRequest;
import dev.escalation.core.LanguageModel;
import dev.escalation.core.OfflineLanguageModel;
import dev.escalation.core.ReplyRequest;
import dev.escalation.core.simulation.Profile;
import dev.escalation.core.simulation.Profiles;
import dev.escalation.store.EscalationDatabase;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import mockwebserver3.MockWebServer;

/**
 * The measurements JMH is not made for: retained heap per idle and per active conversation, 10,000
 * conversations in one JVM, turns/s at 1 to 1,000 concurrent conversations, the peers over the 40
 * dev profiles, and the runner's cold start. Each section runs in its own JVM (so one's heap does
 * not leak into another's figure) and writes one JSON file that {@link BenchmarkReport} turns into
 * docs/benchmarks.md.
 *
 * <p>Usage: {@code Measurements SECTION OUT.json [RUNNER_JAR [CDS_ARCHIVE]]} with SECTION one of memory, scale,
 * tenk, peers, coldstart. Not thread-safe; a program.
 */
public final class Measurements {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Profile> PROFILES = Profiles.dev();
    private static final int WORKERS = 32;

    private Measurements() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println(
                    "usage: Measurements memory|scale|tenk|peers|coldstart OUT.json [RUNNER_JAR [CDS_ARCHIVE]]");
            System.exit(2);
        }
        ObjectNode out = JSON.createObjectNode();
        out.put("section", args[0]);
        out.put("loadAverageStart", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        switch (args[0]) {
            case "memory" -> memory(out);
            case "scale" -> scale(out);
            case "tenk" -> tenThousand(out);
            case "peers" -> peers(out);
            case "coldstart" ->
                coldStart(
                        out,
                        Path.of(args[2]),
                        Path.of(args.length > 3 ? args[3] : "escalation-runner/target/escalation-runner.jsa"));
            default -> throw new IllegalArgumentException("no section " + args[0]);
        }
        out.put("loadAverageEnd", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        Path file = Path.of(args[1]);
        Files.createDirectories(file.toAbsolutePath().getParent());
        JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), out);
        System.out.println("wrote " + file);
        System.exit(0);
    }

    // ---- heap

    /** Heap in use after full collections: what is retained, not what is garbage. */
    static long retainedHeap() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(60);
            used = Math.min(
                    used,
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    // ---- a conversation in progress, one message at a time

    /** One simulated customer's conversation, advanced a turn at a time by any worker. */
    static final class Cursor {
        final CustomerPolicy policy;
        final String conversationId;
        String next;

        Cursor(Profile profile, String conversationId) {
            this.policy = new CustomerPolicy(profile);
            this.conversationId = conversationId;
            this.next = policy.first();
        }

        /** Sends the next message; false when the conversation is over. */
        boolean step(ChatAgent agent) {
            ChatAgent.Turn turn = agent.send(conversationId, policy.profile().customerId(), next);
            next = policy.next(turn);
            return next != null;
        }
    }

    /** Plays every profile to its end once, one after another, in conversations named {@code prefix-i}. */
    static long playAll(ChatAgent agent, String prefix, List<CustomerPolicy> played) {
        long turns = 0;
        for (int i = 0; i < PROFILES.size(); i++) {
            Cursor cursor = new Cursor(PROFILES.get(i), prefix + "-" + i);
            do {
                turns++;
            } while (cursor.step(agent));
            if (played != null) {
                played.add(cursor.policy);
            }
        }
        return turns;
    }

    // ---- memory

    private static void memory(ObjectNode out) throws Exception {
        Path dir = Agents.tempDir();
        // Idle: conversations that have had their turns and wait for the customer's next message.
        try (EngineAgent agent = Agents.offlineEngine(dir, EscalationListener.NONE)) {
            for (int round = 0; round < 5; round++) {
                playAll(agent, "warm" + round, null);
            }
            int n = 2_000;
            ArrayNode idle = out.putObject("idle").put("conversations", n).putArray("bytesPerConversation");
            for (int round = 0; round < 3; round++) {
                long before = retainedHeap();
                for (int i = 0; i < n; i++) {
                    Profile profile = PROFILES.get(i % PROFILES.size());
                    String id = "idle" + round + "-" + i;
                    agent.send(id, profile.customerId(), profile.opening());
                    agent.send(id, profile.customerId(), profile.details());
                }
                long after = retainedHeap();
                idle.add((double) (after - before) / n);
            }
        }
        // Active: conversations whose turn is in progress (here: waiting for the model to read the message).
        int n = 300;
        ArrayNode active = out.putObject("active").put("conversations", n).putArray("bytesPerConversation");
        for (int round = 0; round < 3; round++) {
            BlockingModel model = new BlockingModel(n);
            EscalationDatabase database = EscalationDatabase.openSqlite(Agents.sqliteFile(dir, "active" + round));
            EscalationEngine engine = EscalationEngine.builder()
                    .languageModel(model)
                    .conversationStore(database.conversationStore())
                    .ticketStore(database.ticketStore())
                    .build();
            for (int i = 0; i < 50; i++) {
                model.pass(engine, PROFILES.get(i % PROFILES.size()), "warm-" + i);
            }
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Profile profile = PROFILES.get(i % PROFILES.size());
                String id = "active" + round + "-" + i;
                Thread thread = new Thread(() -> {
                    try {
                        go.await();
                        engine.handle(new CustomerMessage(id, profile.customerId(), profile.opening()));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                thread.start();
                threads.add(thread);
            }
            model.block();
            long before = retainedHeap();
            go.countDown();
            model.awaitBlocked();
            long during = retainedHeap();
            model.release();
            for (Thread thread : threads) {
                thread.join();
            }
            database.close();
            active.add((double) (during - before) / n);
        }
    }

    /** The offline model, but able to hold every caller inside {@code interpret} until released. */
    private static final class BlockingModel implements LanguageModel {
        private final OfflineLanguageModel offline = new OfflineLanguageModel();
        private final int expected;
        private final Semaphore inside = new Semaphore(0);
        private volatile CountDownLatch gate = new CountDownLatch(0);

        BlockingModel(int expected) {
            this.expected = expected;
        }

        void pass(EscalationEngine engine, Profile profile, String id) {
            engine.handle(new CustomerMessage(id, profile.customerId(), profile.opening()));
        }

        void block() {
            gate = new CountDownLatch(1);
        }

        void awaitBlocked() throws InterruptedException {
            if (!inside.tryAcquire(expected, 120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not all turns reached the model");
            }
        }

        void release() {
            gate.countDown();
        }

        @Override
        public Interpretation interpret(InterpretationRequest request) {
            CountDownLatch current = gate;
            if (current.getCount() > 0) {
                inside.release();
                try {
                    current.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return offline.interpret(request);
        }

        @Override
        public String reply(ReplyRequest request, Consumer<String> chunks) {
            return offline.reply(request, chunks);
        }
    }

    // ---- concurrency

    /** Turns per one-second window while {@code open} conversations are served by up to 32 workers. */
    private static ObjectNode throughput(
            ChatAgent agent, int open, int warmupSeconds, int windows, boolean replace, String prefix)
            throws Exception {
        ConcurrentLinkedQueue<Cursor> queue = new ConcurrentLinkedQueue<>();
        AtomicLong started = new AtomicLong();
        for (int i = 0; i < open; i++) {
            queue.add(new Cursor(PROFILES.get(i % PROFILES.size()), prefix + "-" + started.getAndIncrement()));
        }
        AtomicLong turns = new AtomicLong();
        AtomicLong finished = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        int workers = Math.min(open, WORKERS);
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            Thread thread = new Thread(
                    () -> {
                        while (!stop.get()) {
                            Cursor cursor = queue.poll();
                            if (cursor == null) {
                                if (!replace) {
                                    return;
                                }
                                Thread.onSpinWait();
                                continue;
                            }
                            try {
                                boolean more = cursor.step(agent);
                                turns.incrementAndGet();
                                if (more) {
                                    queue.add(cursor);
                                } else {
                                    finished.incrementAndGet();
                                    if (replace) {
                                        long i = started.getAndIncrement();
                                        queue.add(new Cursor(
                                                PROFILES.get((int) (i % PROFILES.size())), prefix + "-" + i));
                                    }
                                }
                            } catch (Throwable e) {
                                failure.compareAndSet(null, e);
                                stop.set(true);
                            }
                        }
                    },
                    "worker-" + w);
            thread.start();
            threads.add(thread);
        }
        ObjectNode result = JSON.createObjectNode();
        result.put("conversations", open);
        result.put("workers", workers);
        ArrayNode perSecond = result.putArray("turnsPerSecond");
        Thread.sleep(warmupSeconds * 1000L);
        long startNanos = System.nanoTime();
        long startTurns = turns.get();
        for (int i = 0; i < windows && !stop.get(); i++) {
            long t0 = turns.get();
            long n0 = System.nanoTime();
            Thread.sleep(1000);
            perSecond.add((turns.get() - t0) * 1e9 / (System.nanoTime() - n0));
            if (!replace && queue.isEmpty() && threads.stream().noneMatch(Thread::isAlive)) {
                break;
            }
        }
        result.put("turnsMeasured", turns.get() - startTurns);
        result.put("secondsMeasured", (System.nanoTime() - startNanos) / 1e9);
        stop.set(true);
        for (Thread thread : threads) {
            thread.join();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("a worker failed", failure.get());
        }
        result.put("conversationsFinished", finished.get());
        return result;
    }

    private static void scale(ObjectNode out) throws Exception {
        for (boolean memoized : new boolean[] {true, false}) {
            ArrayNode levels = out.putArray(memoized ? "memoizedLevels" : "offlineLevels");
            for (int open : new int[] {1, 10, 100, 1_000}) {
                LanguageModel model = memoized ? new MemoizedModel() : new OfflineLanguageModel();
                try (EngineAgent agent = Agents.engine("engine", Agents.tempDir(), model, EscalationListener.NONE)) {
                    playAll(agent, "warm", null);
                    levels.add(throughput(agent, open, 3, 6, true, "scale" + open));
                }
            }
        }
    }

    private static void tenThousand(ObjectNode out) throws Exception {
        int n = 10_000;
        try (EngineAgent agent =
                Agents.engine("engine", Agents.tempDir(), new MemoizedModel(), EscalationListener.NONE)) {
            playAll(agent, "warm", null);
            long baseline = retainedHeap();
            // All 10,000 are opened first (each has had its first turn), then played to their ends interleaved.
            ConcurrentLinkedQueue<Cursor> queue = new ConcurrentLinkedQueue<>();
            List<Cursor> cursors = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                cursors.add(new Cursor(PROFILES.get(i % PROFILES.size()), "tenk-" + i));
            }
            AtomicLong turns = new AtomicLong();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            long peak = 0;
            long t0 = System.nanoTime();
            queue.addAll(cursors);
            List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < WORKERS; w++) {
                Thread thread = new Thread(() -> {
                    Cursor cursor;
                    while ((cursor = queue.poll()) != null && failure.get() == null) {
                        try {
                            if (cursor.step(agent)) {
                                queue.add(cursor);
                            }
                            turns.incrementAndGet();
                        } catch (Throwable e) {
                            failure.compareAndSet(null, e);
                        }
                    }
                });
                thread.start();
                threads.add(thread);
            }
            long retainedDuring = -1;
            long turnsAtGc = 0;
            while (threads.stream().anyMatch(Thread::isAlive)) {
                Thread.sleep(100);
                peak = Math.max(
                        peak,
                        ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
                if (retainedDuring < 0 && turns.get() >= 2L * n) {
                    turnsAtGc = turns.get();
                    retainedDuring = retainedHeap();
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (failure.get() != null) {
                throw new IllegalStateException("a worker failed", failure.get());
            }
            long tickets =
                    cursors.stream().filter(c -> c.policy.ticketId() != null).count();
            out.put("conversations", n);
            out.put("workers", WORKERS);
            out.put("turns", turns.get());
            out.put("seconds", seconds);
            out.put("turnsPerSecond", turns.get() / seconds);
            out.put("tickets", tickets);
            out.put("baselineRetainedBytes", baseline);
            out.put("retainedBytesWithAllOpen", retainedDuring);
            out.put("turnsDoneAtThatPoint", turnsAtGc);
            out.put("peakUsedBytes", peak);
            out.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
        }
    }

    // ---- peers

    private static void peers(ObjectNode out) throws Exception {
        ArrayNode designs = out.putArray("designs");
        for (String design : List.of("engine-openai", "engine-lmstudio", "engine-everyturn", "langgraph4j", "react")) {
            designs.add(peer(design));
        }
    }

    private static ObjectNode peer(String design) throws Exception {
        PeerModelScript script = new PeerModelScript(PROFILES);
        CountingDispatcher counter = new CountingDispatcher(script);
        MockWebServer server = Agents.server(counter);
        Path dir = Agents.tempDir();
        ChatAgent agent = switch (design) {
            case "engine-openai" ->
                Agents.engine(
                        "engine (OpenAI endpoint, native tools)",
                        dir,
                        Agents.model(server, Agents.Endpoint.OPENAI),
                        EscalationListener.NONE);
            case "engine-lmstudio" ->
                Agents.engine(
                        "engine (LM Studio endpoint, JSON intent)",
                        dir,
                        Agents.model(server, Agents.Endpoint.LM_STUDIO),
                        EscalationListener.NONE);
            case "engine-everyturn" ->
                Agents.engine(
                        "engine (OpenAI endpoint, every message to the model)",
                        dir,
                        Agents.model(server, Agents.Endpoint.OPENAI, false),
                        EscalationListener.NONE);
            case "langgraph4j" ->
                new LangGraphAgent(
                        Agents.model(server, Agents.Endpoint.OPENAI), Agents.storeDatabase(dir, "langgraph"));
            case "react" -> new ReActAgent(server.url("/v1").toString(), Agents.storeDatabase(dir, "react"));
            default -> throw new IllegalArgumentException(design);
        };
        ObjectNode result = JSON.createObjectNode();
        result.put("design", design);
        result.put("name", agent.name());
        try (server;
                agent) {
            // The counted pass: every profile once, exactly as the tests play them.
            List<CustomerPolicy> played = new ArrayList<>();
            counter.reset();
            long turns = playAll(agent, "counted", played);
            long tickets = played.stream().filter(p -> p.ticketId() != null).count();
            long asExpected = played.stream()
                    .filter(p -> p.profile().confirm() == (p.ticketId() != null))
                    .count();
            result.put("profiles", played.size());
            result.put("turns", turns);
            result.put("tickets", tickets);
            result.put("outcomesAsProfiled", asExpected);
            result.put("calls", counter.calls());
            result.put("promptTokens", counter.promptTokens());
            result.put("completionTokens", counter.completionTokens());
            result.put("cachedPromptTokens", counter.cachedPromptTokens());
            result.put("unrecognised", script.unrecognised().size());
            Agents.drain(server);
            // Throughput: the 40 profiles again, three rounds, one conversation at a time (zero model latency).
            playAll(agent, "warm", null);
            Agents.drain(server);
            long before = retainedHeap();
            ArrayNode rounds = result.putArray("turnsPerSecond");
            int conversations = 0;
            for (int round = 0; round < 3; round++) {
                long t0 = System.nanoTime();
                long n = playAll(agent, "round" + round, null);
                rounds.add(n * 1e9 / (System.nanoTime() - t0));
                conversations += PROFILES.size();
                Agents.drain(server);
            }
            long after = retainedHeap();
            result.put("heapConversations", conversations);
            result.put("heapBytesPerConversation", (double) (after - before) / conversations);
        }
        return result;
    }

    // ---- cold start

    private static final String FIRST_MESSAGE = "My invoice shows a charge I did not make.";

    /**
     * A whole new chat process to its first reply, as a person at the terminal would see it: launched, one
     * message piped in, timed to the line that starts the reply (the second "Agent:" line, after the greeting).
     * Plain {@code java -jar} and the launch {@code make start-escalation} makes (the class-data archive and
     * C1 alone, {@code CHAT_JAVA_OPTS} in the Makefile) take turns, so both see the same machine load.
     */
    private static void coldStart(ObjectNode out, Path jar, Path archive) throws Exception {
        Path dir = Agents.tempDir();
        List<String> tuned =
                List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off,cds+dynamic=off", "-XX:TieredStopAtLevel=1");
        out.put("message", FIRST_MESSAGE);
        out.put(
                "plainCommand",
                "printf '" + FIRST_MESSAGE + "\\n' | ESCALATION_LANGUAGE_MODEL=offline java -jar " + jar + " chat");
        out.put(
                "tunedCommand",
                "printf '" + FIRST_MESSAGE + "\\n' | ESCALATION_LANGUAGE_MODEL=offline java " + String.join(" ", tuned)
                        + " -jar " + jar + " chat");
        out.put("archivePresent", Files.exists(archive));
        ArrayNode plain = out.putArray("plainMillis");
        ArrayNode fast = out.putArray("tunedMillis");
        ArrayNode plainCpu = out.putArray("plainCpuMillis");
        ArrayNode fastCpu = out.putArray("tunedCpuMillis");
        ArrayNode discarded = JSON.createArrayNode();
        for (int i = 0; i < 8; i++) {
            // The first pair only warms the file cache.
            long plainMillis =
                    firstReplyMillis(jar, List.of(), Agents.sqliteFile(dir, "plain" + i), i > 0 ? plainCpu : discarded);
            long tunedMillis =
                    firstReplyMillis(jar, tuned, Agents.sqliteFile(dir, "tuned" + i), i > 0 ? fastCpu : discarded);
            if (i > 0) {
                plain.add(plainMillis);
                fast.add(tunedMillis);
            }
        }
    }

    // The CPU time the process had used by its first reply: a figure a loaded machine disturbs far less.
    private static long firstReplyMillis(Path jar, List<String> options, Path db, ArrayNode cpu) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options);
        command.addAll(List.of("-jar", jar.toString(), "chat"));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("ESCALATION_LANGUAGE_MODEL", "offline");
        builder.environment().put("ESCALATION_TICKET_DATABASE_PATH", db.toString());
        builder.environment().put("ESCALATION_PROMETHEUS_METRICS_PORT", "0");
        builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        long t0 = System.nanoTime();
        Process process = builder.start();
        try (OutputStream stdin = process.getOutputStream();
                BufferedReader stdout =
                        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            stdin.write((FIRST_MESSAGE + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            int agentLines = 0;
            String line;
            while ((line = stdout.readLine()) != null) {
                if (line.startsWith("Agent: ") && ++agentLines == 2) {
                    long millis = (System.nanoTime() - t0) / 1_000_000;
                    cpu.add(process.info()
                            .totalCpuDuration()
                            .map(java.time.Duration::toMillis)
                            .orElse(-1L));
                    return millis;
                }
            }
            throw new IllegalStateException("chat gave no reply to its first message: " + String.join(" ", command));
        } finally {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
