package dev.escalation.benchmarks;

import dev.escalation.core.Conversation;
import dev.escalation.core.ConversationTurn;
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
import dev.escalation.store.internal.TurnSql;
import java.nio.file.Path;
import java.util.List;
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
 * Turn overhead: one customer message through the engine on a real SQLite file in WAL mode, with the
 * offline model and with a zero-latency scripted model over HTTP on loopback, against the bare cost of
 * persisting that same turn: the very rows the engine's turn stores (the conversation row and the
 * turn's transcript row, with its reading and its reply), written directly with the store's own SQL
 * ({@link ConversationSql#save}, {@link TurnSql#insert}) in one write transaction of the store's own
 * database class. Two turns are measured: a new conversation's first message (an INSERT of the
 * conversation row) and a message in a conversation under way, the case of most turns (the stored row
 * is loaded and UPDATEd under its version; the reading leaves the conversation asking for the details
 * again, so every operation is one more turn of the same conversation). The engine's own overhead is
 * its turn with a model that costs nothing (it returns the offline model's reading of that message,
 * computed once, and a fixed reply), so the cost of reading and wording is not counted as the engine's.
 *
 * <p>JMH state, one instance per trial; not for use outside JMH. Run with {@code make bench}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx1g"})
// The engine's turn runs through more code than the bare commit (Spring Statemachine, the flow, Jackson);
// measured on this 2-core machine, 5 x 2 s of warm-up still left the JIT compiling it in the measured
// iterations, so the engine rows came out up to a third slower than their steady state.
@Warmup(iterations = 8, time = 2)
@Measurement(iterations = 5, time = 2)
public class TurnBenchmark {

    static final Profile PROFILE = Profiles.dev().get(0);
    /** The conversation under way that every mid-conversation operation adds a turn to. */
    static final String UNDER_WAY = "under-way";
    /** A message in DETAILS that gives no details: the flow asks again and stays there. */
    static final String NO_DETAILS = "Hmm, I am not sure.";

    private static final String DETAILS_QUESTION =
            "Could you describe the problem in a bit more detail: what exactly happens, and since when?";

    private final AtomicLong next = new AtomicLong();
    private EscalationDatabase offlineDatabase;
    private EscalationEngine offline;
    private EscalationDatabase fixedDatabase;
    private EscalationEngine fixed;
    private StoreDatabase bareDatabase;
    private Conversation stored;
    private ConversationTurn storedEntry;
    private Conversation bareUnderWay;
    private ConversationTurn underWayEntry;
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
                                ? DETAILS_QUESTION
                                : "Thanks. Could you tell me more?"))
                .conversationStore(fixedDatabase.conversationStore())
                .ticketStore(fixedDatabase.ticketStore())
                .build();
        fixed.handle(new CustomerMessage(UNDER_WAY, PROFILE.customerId(), PROFILE.opening()));
        fixed.handle(new CustomerMessage(UNDER_WAY, PROFILE.customerId(), NO_DETAILS));
        List<ConversationTurn> underWay = fixedDatabase.conversationStore().turns(UNDER_WAY);
        storedEntry = underWay.get(0);
        underWayEntry = underWay.get(1);
        bareDatabase = Agents.storeDatabase(dir, "bare");
        bareUnderWay = bareDatabase.write(handle -> {
            Conversation first = ConversationSql.save(handle, withTurn(UNDER_WAY, 0, storedEntry.turn()));
            TurnSql.insert(handle, entry(storedEntry, UNDER_WAY, storedEntry.turn()));
            return first;
        });

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

    /** The engine's own overhead on a new conversation's first message: the whole turn, a model that costs nothing. */
    @Benchmark
    public TurnResult engineTurnFreeModel() {
        return fixed.handle(new CustomerMessage("f" + next.incrementAndGet(), PROFILE.customerId(), PROFILE.opening()));
    }

    /** The engine's own overhead on a message of a conversation under way (most turns): one more turn of it. */
    @Benchmark
    public TurnResult engineTurnFreeModelUnderWay() {
        return fixed.handle(new CustomerMessage(UNDER_WAY, PROFILE.customerId(), NO_DETAILS));
    }

    /** The engine's whole turn: load, read the message, select the row, fire the state machine, commit, word. */
    @Benchmark
    public TurnResult engineTurnOfflineModel() {
        return offline.handle(
                new CustomerMessage("c" + next.incrementAndGet(), PROFILE.customerId(), PROFILE.opening()));
    }

    /**
     * Only the persistence of a new conversation's first turn: the INSERT of the same conversation row and
     * of the same transcript row (reading and reply included) that the engine's turn stores, in one transaction.
     */
    @Benchmark
    public Conversation bareUpsertOfTheTurn() {
        String id = "b" + next.incrementAndGet();
        return bareDatabase.write(handle -> {
            Conversation saved = ConversationSql.save(handle, withTurn(id, 0, storedEntry.turn()));
            TurnSql.insert(handle, entry(storedEntry, id, storedEntry.turn()));
            return saved;
        });
    }

    /**
     * Only the persistence of a turn of the conversation under way: the UPDATE of its row under its version
     * and the INSERT of the turn's transcript row, the rows the engine's turn there stores, in one transaction.
     */
    @Benchmark
    public Conversation bareCommitUnderWay() {
        Conversation before = bareUnderWay;
        int turn = before.turns() + 1;
        bareUnderWay = bareDatabase.write(handle -> {
            Conversation saved = ConversationSql.save(handle, withTurn(UNDER_WAY, before.version(), turn));
            TurnSql.insert(handle, entry(underWayEntry, UNDER_WAY, turn));
            return saved;
        });
        return bareUnderWay;
    }

    // The stored row of the engine's first turn, under another id, turn number and version.
    private Conversation withTurn(String id, long version, int turns) {
        return new Conversation(
                id,
                stored.customerId(),
                stored.state(),
                stored.slots(),
                stored.pendingQuestion(),
                stored.cycle(),
                stored.currentTicketId(),
                stored.lastTicketId(),
                turns,
                version,
                stored.createdAt(),
                stored.updatedAt());
    }

    private static ConversationTurn entry(ConversationTurn template, String id, int turn) {
        return new ConversationTurn(
                id,
                template.customerId(),
                turn,
                template.cycle(),
                template.at(),
                template.text(),
                template.from(),
                template.event(),
                template.guard(),
                template.to(),
                template.reply(),
                template.reading());
    }

    /**
     * One part of the engine's overhead, alone: the check of the table's row against the Spring state
     * machine when no started machine is in the conversation's state (REASON → DETAILS leaves every
     * machine in DETAILS, so each call resets one first), as for a new conversation.
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

    /** The engine's turn with a zero-latency scripted model over HTTP: one call, reading and streamed reply. */
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
        // After the opening, any message reads as giving nothing new: the conversation asks again.
        @Override
        public Interpretation interpret(InterpretationRequest request) {
            return request.state().equals(dev.escalation.core.State.REASON)
                    ? reading
                    : Interpretation.of(Intent.PROVIDE_INFO);
        }

        // Its reply is fixed in advance, as a local model's is worded at once.
        @Override
        public boolean repliesAtOnce() {
            return true;
        }

        @Override
        public String reply(ReplyRequest request, Consumer<String> chunks) {
            chunks.accept(reply);
            return reply;
        }
    }
}
