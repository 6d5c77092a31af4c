package dev.escalation.benchmarks;

import dev.escalation.core.EscalationEngine;
import dev.escalation.core.EscalationListener;
import dev.escalation.core.InMemoryStore;
import dev.escalation.core.simulation.Profile;
import dev.escalation.core.simulation.Profiles;
import dev.escalation.llm.OpenAiCompatibleModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import org.bsc.langgraph4j.checkpoint.FileSystemSaver;
import org.bsc.langgraph4j.checkpoint.MemorySaver;
import org.bsc.langgraph4j.serializer.std.ObjectStreamStateSerializer;
import org.bsc.langgraph4j.state.AgentState;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Turns per second of each design, like against like: our engine on its in-memory store against the
 * LangGraph4j graph on LangGraph4j's in-memory saver, and our engine on SQLite against the graph on
 * LangGraph4j's durable saver (its {@link FileSystemSaver}: LangGraph4j 1.8.17's core has no JDBC or
 * SQLite saver), plus the ReAct loop (its history in the heap, tickets on SQLite). One operation is
 * one customer message of the simulated customer playing the 40 dev profiles in turn, one
 * conversation at a time, against the zero-latency scripted model on loopback, whose answers are
 * replayed once seen ({@link AnswerCache}; every profile is played once in the setup to fill it), so the
 * server's token counting stays out of the timed rounds.
 *
 * <p>Each design runs in a JVM of its own (a JMH fork per parameter), after 10 one-second warm-up
 * rounds; 10 one-second measurement rounds follow, and the report gives their median and says how
 * steady they were (the first five rounds' median against the last five's). JMH state; run with
 * {@code make bench}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 10, time = 1)
public class PeerThroughputBenchmark {

    private static final List<Profile> PROFILES = Profiles.dev();

    /** The design measured in this fork. */
    @Param({"engine-memory", "langgraph4j-memory", "engine-sqlite", "langgraph4j-file", "react"})
    public String design;

    private MockWebServer server;
    private AnswerCache answers;
    private ChatAgent agent;
    private Measurements.Cursor cursor;
    private long conversations;
    private long turns;

    @Setup(Level.Trial)
    public void setUp() {
        answers = new AnswerCache(new PeerModelScript(PROFILES), 20_000);
        server = Agents.server(answers);
        Path dir = Agents.tempDir();
        agent = switch (design) {
            case "engine-memory" -> {
                InMemoryStore store = new InMemoryStore();
                OpenAiCompatibleModel model = Agents.model(server, Agents.Endpoint.OPENAI);
                EscalationEngine engine = EscalationEngine.builder()
                        .languageModel(model)
                        .conversationStore(store)
                        .ticketStore(store)
                        .offlineFallback(false)
                        .build();
                yield new EngineAgent("engine, in-memory store", engine, model::close);
            }
            case "engine-sqlite" ->
                Agents.engine(
                        "engine, SQLite store",
                        dir,
                        Agents.model(server, Agents.Endpoint.OPENAI),
                        EscalationListener.NONE);
            case "langgraph4j-memory" ->
                new LangGraphAgent(
                        Agents.model(server, Agents.Endpoint.OPENAI),
                        Agents.storeDatabase(dir, "langgraph"),
                        new MemorySaver(),
                        "LangGraph4j graph, MemorySaver");
            case "langgraph4j-file" ->
                new LangGraphAgent(
                        Agents.model(server, Agents.Endpoint.OPENAI),
                        Agents.storeDatabase(dir, "langgraph"),
                        new FileSystemSaver(checkpoints(dir), new ObjectStreamStateSerializer<>(AgentState::new)),
                        "LangGraph4j graph, FileSystemSaver");
            case "react" -> new ReActAgent(server.url("/v1").toString(), Agents.storeDatabase(dir, "react"));
            default -> throw new IllegalArgumentException("no design " + design);
        };
        // Every profile once before JMH's warm-up: the server has then seen each request a design repeats, so
        // even a slow machine's short warm-up reaches the replayed answers.
        Measurements.playAll(agent, design + "-fill", null);
        next();
    }

    private static Path checkpoints(Path dir) {
        try {
            return Files.createDirectories(dir.resolve("checkpoints"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void next() {
        cursor = new Measurements.Cursor(
                PROFILES.get((int) (conversations % PROFILES.size())), design + "-" + conversations);
        conversations++;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        System.out.println("answers replayed " + answers.hits() + ", computed " + answers.misses());
        agent.close();
        server.close();
    }

    /** One customer message; the next profile's conversation starts when one ends. */
    @Benchmark
    public boolean turn() {
        boolean more = cursor.step(agent);
        if (!more) {
            next();
        }
        if ((++turns & 1023) == 0) {
            Agents.drain(server);
        }
        return more;
    }
}
