package dev.escalation.store;

import dev.escalation.core.UnableToAccessStoreException;
import dev.escalation.store.internal.DriverFailures;
import dev.escalation.store.internal.StoreDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The escalation agent's database: tickets, their audit trail and conversations, in one SQLite file
 * (the embedded default) or in a PostgreSQL database that several instances share, whose schema is
 * brought up to date by versioned migrations when it is opened.
 *
 * <p>Thread-safe: one instance serves any number of threads; both stores share it. Close it when
 * done (it keeps connections open). Example:
 * <pre>{@code
 * try (EscalationDatabase database = EscalationDatabase.openSqlite(Path.of("data/escalation.db"))) {
 *   engine = EscalationEngine.builder()
 *       .conversationStore(database.conversationStore())
 *       .ticketStore(database.ticketStore())
 *       ...;
 * }
 * }</pre>
 * or, for PostgreSQL: {@code EscalationDatabase.builder().jdbcUrl("jdbc:postgresql://db:5432/escalation")
 * .user("agent").password(secret).build()}.
 */
public final class EscalationDatabase implements AutoCloseable {

    private final StoreDatabase database;
    // Not read yet: conversation expiry (TTL) will compare updated_at against it. Timestamps of
    // changes come from the TicketChange itself, which always has one.
    @SuppressWarnings("unused")
    private final Clock clock;

    private final JdbiTicketStore ticketStore;
    private final JdbiConversationStore conversationStore;

    private EscalationDatabase(StoreDatabase database, Clock clock) {
        this.database = database;
        this.clock = clock;
        this.ticketStore = new JdbiTicketStore(database);
        this.conversationStore = new JdbiConversationStore(database);
    }

    /** A builder; it needs {@link Builder#sqliteFile} or {@link Builder#jdbcUrl}. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The stores on an application's {@code dataSource} (a Spring Boot application's, for example),
     * PostgreSQL or SQLite, after bringing its schema up to date with the same migrations. The
     * application keeps owning the data source: {@link #close()} leaves it open.
     *
     * @throws UnableToAccessStoreException naming the database if it cannot be reached, is neither
     *     PostgreSQL nor SQLite, or cannot be migrated
     */
    public static EscalationDatabase on(javax.sql.DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        return new EscalationDatabase(StoreDatabase.openDataSource(dataSource), Clock.systemUTC());
    }

    /**
     * Opens (creating if needed) the SQLite database in {@code file}, with the defaults.
     *
     * @throws UnableToAccessStoreException naming the file if it cannot be opened or migrated
     */
    public static EscalationDatabase openSqlite(Path file) {
        return builder().sqliteFile(file).build();
    }

    /** The ticket store on this database. */
    public JdbiTicketStore ticketStore() {
        return ticketStore;
    }

    /** The conversation store on this database. */
    public JdbiConversationStore conversationStore() {
        return conversationStore;
    }

    /**
     * Asks the database a trivial query, for readiness probes.
     *
     * @throws UnableToAccessStoreException naming the database when it does not answer or is closed
     */
    public void checkReachable() {
        try {
            database.read(handle ->
                    handle.createQuery("SELECT 1").mapTo(Integer.class).one());
        } catch (org.jdbi.v3.core.JdbiException e) {
            throw new UnableToAccessStoreException(
                    "database " + database.location() + " does not answer: " + DriverFailures.describe(e), e);
        }
    }

    /** Closes the database; later calls of its stores fail with {@link UnableToAccessStoreException}. Idempotent. */
    @Override
    public void close() {
        database.close();
    }

    @Override
    public String toString() {
        return "EscalationDatabase[" + database.location() + "]";
    }

    /**
     * Configures and opens an {@link EscalationDatabase}.
     *
     * <p>Not thread-safe; use it from one thread. Example:
     * {@code EscalationDatabase.builder().sqliteFile(path).busyTimeout(Duration.ofSeconds(30)).build()}.
     */
    public static final class Builder {

        private static final String SQLITE_PREFIX = "jdbc:sqlite:";
        private static final String POSTGRES_PREFIX = "jdbc:postgresql:";

        // Unset until the caller names them; build() says which is missing.
        private @Nullable Path sqliteFile;
        private @Nullable String jdbcUrl;
        private @Nullable String user;
        private @Nullable String password;
        private Clock clock = Clock.systemUTC();
        private Duration busyTimeout = Duration.ofSeconds(10);
        private boolean readOnly;

        private Builder() {}

        /**
         * Opens the database read-only: SQLite connections with the read-only flag (the file must exist),
         * PostgreSQL sessions that are read-only; nothing is migrated, so the schema must be current, and
         * any write through the stores fails. For reading a production copy or a shared database safely.
         */
        public Builder readOnly() {
            this.readOnly = true;
            return this;
        }

        /**
         * The SQLite file; {@link #build()} creates it and its parent directories if missing. Replaces an
         * earlier {@link #jdbcUrl}.
         */
        public Builder sqliteFile(Path file) {
            this.sqliteFile = Objects.requireNonNull(file, "sqliteFile");
            this.jdbcUrl = null;
            return this;
        }

        /**
         * The JDBC URL: {@code jdbc:sqlite:} with a file, or {@code jdbc:postgresql://host:port/database}
         * (credentials as its {@code user} and {@code password} parameters, or by {@link #user} and
         * {@link #password}). Replaces an earlier {@link #sqliteFile}.
         *
         * @throws IllegalArgumentException naming the URL if it is neither a SQLite file URL nor a PostgreSQL URL
         */
        public Builder jdbcUrl(String url) {
            Objects.requireNonNull(url, "jdbcUrl");
            if (url.startsWith(POSTGRES_PREFIX) && url.length() > POSTGRES_PREFIX.length()) {
                this.jdbcUrl = url;
                this.sqliteFile = null;
                return this;
            }
            if (!url.startsWith(SQLITE_PREFIX) || url.length() == SQLITE_PREFIX.length()) {
                throw new IllegalArgumentException(
                        "jdbcUrl must be a jdbc:sqlite: URL of a file or a jdbc:postgresql: URL," + " but was '"
                                + withoutParameters(url) + "'");
            }
            // Each call opens its own connection, so an in-memory database would be a new, empty one each time.
            String lower = url.toLowerCase(Locale.ROOT);
            if (lower.contains(":memory:") || lower.contains("mode=memory")) {
                throw new IllegalArgumentException("jdbcUrl must name a file, not an in-memory database (use"
                        + " InMemoryStore for that), but was '" + url + "'");
            }
            this.jdbcUrl = url;
            this.sqliteFile = null;
            return this;
        }

        /** The PostgreSQL user, overriding the URL's {@code user} parameter; ignored by SQLite. */
        public Builder user(String value) {
            this.user = Objects.requireNonNull(value, "user");
            return this;
        }

        /** The PostgreSQL password, overriding the URL's {@code password} parameter; ignored by SQLite. */
        public Builder password(String value) {
            this.password = Objects.requireNonNull(value, "password");
            return this;
        }

        /** The clock for times the store sets itself (kept for conversation expiry); default UTC system clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * SQLite: how long a write waits for another process to release the database's write lock before
         * failing; default 10 seconds. Writers of this process wait for each other without limit.
         * PostgreSQL locks rows, not the database, and ignores it.
         *
         * @throws IllegalArgumentException if negative or longer than {@link Integer#MAX_VALUE} milliseconds
         */
        public Builder busyTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "busyTimeout");
            if (timeout.isNegative() || timeout.toMillis() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(
                        "busyTimeout must be between 0 and " + Integer.MAX_VALUE + " ms, but was " + timeout);
            }
            this.busyTimeout = timeout;
            return this;
        }

        /**
         * Opens the database and runs the migrations it has not run yet.
         *
         * @throws IllegalStateException if neither {@link #sqliteFile} nor {@link #jdbcUrl} was set
         * @throws UnableToAccessStoreException naming the file or URL if it cannot be opened or migrated
         */
        public EscalationDatabase build() {
            String url;
            String location;
            if (readOnly) {
                return buildReadOnly();
            }
            if (sqliteFile != null) {
                Path file = sqliteFile.toAbsolutePath().normalize();
                createParentDirectories(file);
                url = SQLITE_PREFIX + file;
                location = file.toString();
            } else if (jdbcUrl != null && jdbcUrl.startsWith(POSTGRES_PREFIX)) {
                // The parameters may hold a password; messages and logs name the database without them.
                return new EscalationDatabase(
                        StoreDatabase.openPostgres(jdbcUrl, user, password, withoutParameters(jdbcUrl)), clock);
            } else if (jdbcUrl != null) {
                url = jdbcUrl;
                location = jdbcUrl;
            } else {
                throw new IllegalStateException("a database needs sqliteFile or jdbcUrl, but neither was set");
            }
            return new EscalationDatabase(StoreDatabase.openSqlite(url, location, busyTimeout), clock);
        }

        private EscalationDatabase buildReadOnly() {
            if (sqliteFile != null) {
                Path file = sqliteFile.toAbsolutePath().normalize();
                // SQLite would create a missing file even for a read-only connection's first look.
                if (!Files.isRegularFile(file)) {
                    throw new UnableToAccessStoreException("no database to open read-only at " + file);
                }
                return new EscalationDatabase(
                        StoreDatabase.openSqliteReadOnly(SQLITE_PREFIX + file, file.toString()), clock);
            }
            if (jdbcUrl != null && jdbcUrl.startsWith(POSTGRES_PREFIX)) {
                return new EscalationDatabase(
                        StoreDatabase.openPostgresReadOnly(jdbcUrl, user, password, withoutParameters(jdbcUrl)), clock);
            }
            if (jdbcUrl != null) {
                return new EscalationDatabase(StoreDatabase.openSqliteReadOnly(jdbcUrl, jdbcUrl), clock);
            }
            throw new IllegalStateException("a database needs sqliteFile or jdbcUrl, but neither was set");
        }

        private static String withoutParameters(String url) {
            int query = url.indexOf('?');
            return query < 0 ? url : url.substring(0, query);
        }

        // SQLite creates the file itself, but not its directories.
        private static void createParentDirectories(Path file) {
            Path parent = file.getParent();
            if (parent == null) {
                return;
            }
            try {
                Files.createDirectories(parent);
            } catch (IOException | UnsupportedOperationException e) {
                throw new UnableToAccessStoreException(
                        "unable to create the directory " + parent + " of database " + file + ": " + e, e);
            }
        }
    }
}
