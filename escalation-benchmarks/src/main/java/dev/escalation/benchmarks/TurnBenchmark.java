package dev.escalation.benchmarks;

import dev.escalation.core.Conversation;
import dev.escalation.core.CustomerMessage;
import dev.escalation.core.EscalationEngine;
import dev.escalation.core.OfflineLanguageModel;
import dev.escalation.core.TurnResult;
import dev.escalation.core.simulation.Profile;
import dev.escalation.llm.OpenAiCompatibleModel;
import dev.escalation.store.EscalationDatabase;
import dev.escalation.store.internal.ConversationSql;
import dev.escalation.store.internal.StoreDatabase;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
 * transaction of the store's own database class.
 *
 * <p>JMH state, one instance per trial; not for use outside JMH. Run with {@code make bench}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class TurnBenchmark {

  static final Profile PROFILE = Profile.dev().get(0);

  private final AtomicLong next = new AtomicLong();
  private EscalationDatabase offlineDatabase;
  private EscalationEngine offline;
  private StoreDatabase bareDatabase;
  private Conversation stored;
  private MockWebServer server;
  private OpenAiCompatibleModel model;
  private EscalationDatabase httpDatabase;
  private EscalationEngine overHttp;

  @Setup
  public void setUp() {
    Path dir = Agents.tempDir();
    offlineDatabase = EscalationDatabase.openSqlite(Agents.sqliteFile(dir, "offline"));
    offline = EscalationEngine.builder().languageModel(new OfflineLanguageModel())
        .conversationStore(offlineDatabase.conversationStore()).ticketStore(offlineDatabase.ticketStore()).build();
    offline.handle(new CustomerMessage("template", PROFILE.customerId(), PROFILE.opening()));
    stored = offlineDatabase.conversationStore().load("template").orElseThrow();
    bareDatabase = Agents.storeDatabase(dir, "bare");

    server = Agents.server(new PeerModelScript(Profile.dev()));
    model = Agents.model(server, Agents.Endpoint.OPENAI);
    httpDatabase = EscalationDatabase.openSqlite(Agents.sqliteFile(dir, "http"));
    overHttp = EscalationEngine.builder().languageModel(model).offlineFallback(false)
        .conversationStore(httpDatabase.conversationStore()).ticketStore(httpDatabase.ticketStore()).build();
  }

  @TearDown
  public void tearDown() {
    offlineDatabase.close();
    bareDatabase.close();
    model.close();
    httpDatabase.close();
    server.close();
  }

  /** The engine's whole turn: load, read the message, select the row, fire the state machine, commit, word. */
  @Benchmark
  public TurnResult engineTurnOfflineModel() {
    return offline.handle(new CustomerMessage("c" + next.incrementAndGet(), PROFILE.customerId(), PROFILE.opening()));
  }

  /** Only the persistence of that turn: the same INSERT of the same conversation row, in one transaction. */
  @Benchmark
  public Conversation bareUpsertOfTheTurn() {
    Conversation row = new Conversation("b" + next.incrementAndGet(), stored.customerId(), stored.state(),
        stored.slots(), stored.pendingQuestion(), stored.cycle(), stored.currentTicketId(), stored.lastTicketId(),
        stored.turns(), 0, stored.createdAt(), stored.updatedAt());
    return bareDatabase.write(handle -> ConversationSql.save(handle, row));
  }

  /** The engine's turn with a zero-latency scripted model over HTTP: an extraction call and a streamed reply. */
  @Benchmark
  public TurnResult engineTurnScriptedModelOverHttp() {
    TurnResult result = overHttp.handle(new CustomerMessage("h" + next.incrementAndGet(), PROFILE.customerId(),
        PROFILE.opening()));
    if ((next.get() & 1023) == 0) {
      Agents.drain(server);
    }
    return result;
  }
}
