package dev.escalation.benchmarks;

import dev.escalation.core.Conversation;
import dev.escalation.core.CustomerMessage;
import dev.escalation.core.EscalationEngine;
import dev.escalation.core.FlowDefinition;
import dev.escalation.core.Intent;
import dev.escalation.core.Interpretation;
import dev.escalation.core.InterpretationRequest;
import dev.escalation.core.LanguageModel;
import dev.escalation.core.OfflineLanguageModel;
import dev.escalation.core.Question;
import dev.escalation.core.ReplyRequest;
import dev.escalation.core.Slots;
import dev.escalation.core.TurnResult;
import dev.escalation.core.internal.SpringStateMachineRuntime;
import dev.escalation.core.simulation.Profile;
import dev.escalation.core.simulation.Profiles;
import dev.escalation.llm.OpenAiCompatibleModel;
import dev.escalation.store.EscalationDatabase;
import dev.escalation.store.internal.ConversationSql;
import dev.escalation.store.internal.StoreDatabase;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import mockwebserver3.MockWebServer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Turn overhead: one customer message (a profile's opening, in a new conversation) through the
 * engine on a real SQLite file in WAL mode, with the offline model and with a zero-latency scripted
 * model over HTTP on loopback, against the bare cost of persisting that same turn: the store's own
 * upsert ({@link ConversationSql#save}) of the very conversation the engine stored, in one write
 * transaction of the store's own database class. The engine's own overhead is the turn with a model
 * that costs nothing (it returns the offline model's reading of that message, computed once, and a
 * fixed reply), so the cost of reading and wording is not counted as the engine's.
 *
 * <p>JMH state, one instance per trial; not for use outside JMH. Run with {@code make bench}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class TurnBenchmark {

    static final Profile PROFILE = Profiles.dev().get(0);

    private final AtomicLong next = new AtomicLong();
    private EscalationDatabase offlineDatabase;
    private EscalationEngine offline;
    private EscalationDatabase fixedDatabase;
    private EscalationEngine fixed;
    private StoreDatabase bareDatabase;
    private Conversation stored;
    private MockWebServer server;
    private OpenAiCompatibleModel model;
    private EscalationDatabase httpDatabase;
    private EscalationEngine overHttp;
    private SpringStateMachineRuntime runtime;
    private SpringStateMachineRuntime startedRuntime;

    @Setup
    public void setUp() {
        Path dir = Agents.tempDir();
        offlineDatabase = EscalationDatabase.openSqlite(Agents.sqliteFile(dir, "offline"));
        offline = EscalationEngine.builder()
                .languageModel(new OfflineLanguageModel())
                .conversationStore(offlineDatabase.conversationStore())
                .ticketStore(offlineDatabase.ticketStore())
                .build();
        offline.handle(new CustomerMessage("template", PROFILE.customerId(), PROFILE.opening()));
        stored = offlineDatabase.conversationStore().load("template").orElseThrow();
        bareDatabase = Agents.storeDatabase(dir, "bare");
        fixedDatabase = EscalationDatabase.openSqlite(Agents.sqliteFile(dir, "fixed"));
        fixed = EscalationEngine.builder()
                .languageModel(new FixedModel(
                        new OfflineLanguageModel()
                                .interpret(new InterpretationRequest(
                                        dev.escalation.core.State.REASON,
                                        Slots.EMPTY,
                                        Question.REASON,
                                        PROFILE.opening())),
                        stored.pendingQuestion() == Question.DETAILS
                                ? "Could you describe the problem in a bit more detail: what exactly happens, and since when?"
                                : "Thanks. Could you tell me more?"))
                .conversationStore(fixedDatabase.conversationStore())
                .ticketStore(fixedDatabase.ticketStore())
                .build();

        runtime = new SpringStateMachineRuntime(FlowDefinition.standard());
        startedRuntime = new SpringStateMachineRuntime(FlowDefinition.standard());
        server = Agents.server(new PeerModelScript(Profiles.dev()));
        model = Agents.model(server, Agents.Endpoint.OPENAI);
        httpDatabase = EscalationDatabase.openSqlite(Agents.sqliteFile(dir, "http"));
        overHttp = EscalationEngine.builder()
                .languageModel(model)
                .offlineFallback(false)
                .conversationStore(httpDatabase.conversationStore())
                .ticketStore(httpDatabase.ticketStore())
                .build();
    }

    @TearDown
    public void tearDown() {
        offlineDatabase.close();
        fixedDatabase.close();
        bareDatabase.close();
        model.close();
        httpDatabase.close();
        server.close();
    }

    /** The engine's own overhead: the whole turn with a model that costs nothing. */
    @Benchmark
    public TurnResult engineTurnFreeModel() {
        return fixed.handle(new CustomerMessage("f" + next.incrementAndGet(), PROFILE.customerId(), PROFILE.opening()));
    }

    /** The engine's whole turn: load, read the message, select the row, fire the state machine, commit, word. */
    @Benchmark
    public TurnResult engineTurnOfflineModel() {
        return offline.handle(
                new CustomerMessage("c" + next.incrementAndGet(), PROFILE.customerId(), PROFILE.opening()));
    }

    /** Only the persistence of that turn: the same INSERT of the same conversation row, in one transaction. */
    @Benchmark
    public Conversation bareUpsertOfTheTurn() {
        Conversation row = new Conversation(
                "b" + next.incrementAndGet(),
                stored.customerId(),
                stored.state(),
                stored.slots(),
                stored.pendingQuestion(),
                stored.cycle(),
                stored.currentTicketId(),
                stored.lastTicketId(),
                stored.turns(),
                0,
                stored.createdAt(),
                stored.updatedAt());
        return bareDatabase.write(handle -> ConversationSql.save(handle, row));
    }

    /**
     * One part of the engine's overhead, alone: the check of the table's row against the Spring state
     * machine when no started machine is in the conversation's state (REASON → DETAILS leaves every
     * machine in DETAILS, so each call stops, resets and starts one first), as for a new conversation.
     */
    @Benchmark
    public SpringStateMachineRuntime.Outcome stateMachineCheckAlone() {
        return runtime.fire(dev.escalation.core.State.REASON, Intent.PROVIDE_INFO, stored.slots());
    }

    /**
     * The same check on a machine already started in the conversation's state (a greeting keeps REASON),
     * as for most turns of a conversation under way.
     */
    @Benchmark
    public SpringStateMachineRuntime.Outcome stateMachineCheckStartedMachine() {
        return startedRuntime.fire(dev.escalation.core.State.REASON, Intent.PROVIDE_INFO, Slots.EMPTY);
    }

    /** The engine's turn with a zero-latency scripted model over HTTP: an extraction call and a streamed reply. */
    @Benchmark
    public TurnResult engineTurnScriptedModelOverHttp() {
        TurnResult result = overHttp.handle(
                new CustomerMessage("h" + next.incrementAndGet(), PROFILE.customerId(), PROFILE.opening()));
        if ((next.get() & 1023) == 0) {
            Agents.drain(server);
        }
        return result;
    }

    /** A model that costs nothing: a reading and a reply fixed in advance. Thread-safe (immutable). */
    private record FixedModel(Interpretation reading, String reply) implements LanguageModel {
        @Override
        public Interpretation interpret(InterpretationRequest request) {
            return reading;
        }

        @Override
        public String reply(ReplyRequest request, Consumer<String> chunks) {
            chunks.accept(reply);
            return reply;
        }
    }
}
