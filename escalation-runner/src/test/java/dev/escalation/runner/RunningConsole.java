package dev.escalation.runner;

import dev.escalation.core.EscalationEngine;
import dev.escalation.core.OfflineLanguageModel;
import dev.escalation.runner.internal.console.ConsoleBackend;
import dev.escalation.runner.internal.console.ConsoleServer;
import dev.escalation.store.EscalationDatabase;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A web console on a free loopback port over a real SQLite file, with the engine on the built-in
 * offline model, as {@code console} runs it; the operator's login name is {@code ana}.
 *
 * <p>Not thread-safe to open or close; the console itself is. Example:
 * {@code try (RunningConsole console = RunningConsole.on(dir.resolve("tickets.db"), Map.of())) { console.uri(); }}.
 */
final class RunningConsole implements AutoCloseable {

    private final EscalationDatabase database;
    private final ConsoleServer server;

    private RunningConsole(EscalationDatabase database, ConsoleServer server) {
        this.database = database;
        this.server = server;
    }

    /** A console on {@code file}; {@code env} may set the token or the address (the port is always free). */
    static RunningConsole on(Path file, Map<String, String> env) {
        Map<String, String> settings = new HashMap<>(env);
        settings.put(ConsoleConfig.PORT, "0");
        EscalationDatabase database = EscalationDatabase.openSqlite(file);
        EscalationEngine engine = EscalationEngine.builder()
                .languageModel(new OfflineLanguageModel())
                .conversationStore(database.conversationStore())
                .ticketStore(database.ticketStore())
                .build();
        ConsoleBackend backend = new ConsoleBackend(
                engine,
                database.conversationStore(),
                database.ticketStore(),
                Duration.ofHours(24),
                "ana",
                Clock.systemUTC());
        try {
            return new RunningConsole(database, ConsoleServer.start(ConsoleConfig.fromEnvironment(settings), backend));
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    URI uri() {
        return server.uri();
    }

    EscalationDatabase database() {
        return database;
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            database.close();
        }
    }
}
