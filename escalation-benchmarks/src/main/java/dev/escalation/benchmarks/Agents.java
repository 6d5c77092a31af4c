package dev.escalation.benchmarks;

import dev.escalation.core.EscalationEngine;
import dev.escalation.core.EscalationListener;
import dev.escalation.core.LanguageModel;
import dev.escalation.core.OfflineLanguageModel;
import dev.escalation.llm.LanguageModelConfig;
import dev.escalation.llm.OpenAiCompatibleModel;
import dev.escalation.llm.ScriptedModelServer;
import dev.escalation.store.EscalationDatabase;
import dev.escalation.store.internal.StoreDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockWebServer;

/**
 * Builds the agents under test the same way everywhere: each on a fresh SQLite file (WAL) in a
 * temporary directory, and with a scripted model server on loopback when a model is wanted.
 *
 * <p>Stateless and thread-safe. Example: {@code Agents.offlineEngine(Agents.tempDir(), EscalationListener.NONE)}.
 */
public final class Agents {

    private Agents() {}

    /** The model settings of the runs over HTTP: OpenAI's wire format, native tools, on the local server. */
    public enum Endpoint {
        OPENAI,
        LM_STUDIO
    }

    /** A new temporary directory, deleted with its files when the JVM exits. */
    public static Path tempDir() {
        try {
            Path dir = Files.createTempDirectory("escalation-bench");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh SQLite file name in {@code dir}. */
    public static Path sqliteFile(Path dir, String name) {
        Path file = dir.resolve(name + ".db");
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            dir.resolve(name + ".db" + suffix).toFile().deleteOnExit();
        }
        return file;
    }

    /** Our engine with the given model on a fresh SQLite file; closing the agent closes the database. */
    public static EngineAgent engine(String name, Path dir, LanguageModel model, EscalationListener listener) {
        EscalationDatabase database = EscalationDatabase.openSqlite(sqliteFile(dir, name.replaceAll("\\W", "-")));
        EscalationEngine engine = EscalationEngine.builder()
                .languageModel(model)
                .conversationStore(database.conversationStore())
                .ticketStore(database.ticketStore())
                .listener(listener)
                .offlineFallback(!(model instanceof OpenAiCompatibleModel))
                .build();
        return new EngineAgent(name, engine, () -> {
            if (model instanceof AutoCloseable closeable) {
                closeable.close();
            }
            database.close();
        });
    }

    /** Our engine with the built-in offline model on a fresh SQLite file. */
    public static EngineAgent offlineEngine(Path dir, EscalationListener listener) {
        return engine("engine", dir, new OfflineLanguageModel(), listener);
    }

    /** The store's own database (the same schema and SQL the store uses) on a fresh SQLite file. */
    public static StoreDatabase storeDatabase(Path dir, String name) {
        Path file = sqliteFile(dir, name).toAbsolutePath();
        return StoreDatabase.openSqlite("jdbc:sqlite:" + file, file.toString(), Duration.ofSeconds(30));
    }

    /** The llm module's OpenAI-compatible client on the local server, with its default settings. */
    public static OpenAiCompatibleModel model(MockWebServer server, Endpoint endpoint) {
        return model(server, endpoint, true);
    }

    /**
     * The llm module's OpenAI-compatible client on the local server; {@code plainAnswers} false sends
     * every message to the model (see {@link LanguageModelConfig.Builder#plainAnswers}).
     */
    public static OpenAiCompatibleModel model(MockWebServer server, Endpoint endpoint, boolean plainAnswers) {
        LanguageModelConfig.Builder config = LanguageModelConfig.builder()
                .plainAnswers(plainAnswers)
                .baseUrl(server.url("/v1").toString())
                .timeout(Duration.ofSeconds(30))
                .readTimeout(Duration.ofSeconds(30));
        if (endpoint == Endpoint.OPENAI) {
            config.provider(LanguageModelConfig.Provider.OPENAI)
                    .model("gpt-4o-mini")
                    .apiKey("sk-bench-0000000000000000000000000000000000");
        } else {
            config.provider(LanguageModelConfig.Provider.LM_STUDIO).model("gemma-3-12b-it");
        }
        return new OpenAiCompatibleModel(config.build());
    }

    /**
     * A started local server with {@code dispatcher}, its sockets without Nagle's delay (as the llm
     * module's scripted server does), so loopback exchanges are not held ~40 ms for delayed ACKs.
     */
    public static MockWebServer server(Dispatcher dispatcher) {
        MockWebServer server = new MockWebServer();
        server.setServerSocketFactory(new ScriptedModelServer.NoDelayServerSockets());
        server.setDispatcher(dispatcher);
        try {
            server.start(InetAddress.getLoopbackAddress(), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return server;
    }

    /** Drops the requests the server recorded, so they neither pile up in the heap nor skew a heap figure. */
    public static void drain(MockWebServer server) {
        try {
            while (server.takeRequest(0, java.util.concurrent.TimeUnit.MILLISECONDS) != null) {
                // discard
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
