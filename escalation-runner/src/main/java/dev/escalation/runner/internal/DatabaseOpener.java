package dev.escalation.runner.internal;

import dev.escalation.core.EscalationException;
import dev.escalation.runner.DatabaseConfig;
import dev.escalation.runner.RunnerConfig;
import dev.escalation.store.EscalationDatabase;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Opens the configured database: PostgreSQL when {@value DatabaseConfig#URL} is set, else the SQLite
 * file. Nothing is opened (and no pool is made) until a command asks.
 *
 * <p>Thread-safe. Example: {@code try (EscalationDatabase database = opener.open()) { ... }}.
 */
final class DatabaseOpener {
    private final Supplier<RunnerConfig> config;
    private final Supplier<DatabaseConfig> databaseConfig;
    private final Clock clock;

    DatabaseOpener(Supplier<RunnerConfig> config, Supplier<DatabaseConfig> databaseConfig, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.databaseConfig = Objects.requireNonNull(databaseConfig, "databaseConfig");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Opens the database, migrating it if needed.
     *
     * @throws CommandFailure with exit status 1 naming the file or URL if it cannot be opened
     */
    EscalationDatabase open() {
        RunnerConfig settings = config.get();
        DatabaseConfig shared = databaseConfig.get();
        if (shared.url().isPresent()) {
            try {
                EscalationDatabase.Builder builder =
                        EscalationDatabase.builder().jdbcUrl(shared.url().get()).clock(clock);
                shared.user().ifPresent(builder::user);
                shared.password().ifPresent(builder::password);
                return builder.build();
            } catch (EscalationException | IllegalArgumentException e) {
                throw CommandFailure.failed(
                        "unable to open the database " + shared.displayUrl().orElseThrow() + " (set by "
                                + DatabaseConfig.URL + "): " + e.getMessage(),
                        e);
            }
        }
        try {
            return EscalationDatabase.builder()
                    .sqliteFile(settings.ticketDatabasePath())
                    .clock(clock)
                    .build();
        } catch (EscalationException | IllegalArgumentException e) {
            throw CommandFailure.failed(
                    "unable to open the ticket database " + settings.ticketDatabasePath() + " (set by "
                            + RunnerConfig.TICKET_DATABASE_PATH + "): " + e.getMessage(),
                    e);
        }
    }

    /**
     * Opens the database read-only, without migrating it: nothing this run does can change it.
     *
     * @throws CommandFailure with exit status 2 naming the file or URL if it cannot be opened or is not migrated
     */
    EscalationDatabase openReadOnly() {
        RunnerConfig settings = config.get();
        DatabaseConfig shared = databaseConfig.get();
        try {
            if (shared.url().isPresent()) {
                EscalationDatabase.Builder builder = EscalationDatabase.builder()
                        .jdbcUrl(shared.url().get())
                        .clock(clock)
                        .readOnly();
                shared.user().ifPresent(builder::user);
                shared.password().ifPresent(builder::password);
                return builder.build();
            }
            return EscalationDatabase.builder()
                    .sqliteFile(settings.ticketDatabasePath())
                    .clock(clock)
                    .readOnly()
                    .build();
        } catch (EscalationException | IllegalArgumentException e) {
            String where = shared.url().isPresent()
                    ? shared.displayUrl().orElseThrow() + " (set by " + DatabaseConfig.URL + ")"
                    : settings.ticketDatabasePath() + " (set by " + RunnerConfig.TICKET_DATABASE_PATH + ")";
            throw CommandFailure.usage("unable to open the database " + where + " read-only: " + e.getMessage());
        }
    }
}
