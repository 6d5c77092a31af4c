package dev.escalation.store.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.escalation.core.UnableToAccessStoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * An open, migrated database, SQLite or PostgreSQL. On SQLite each call borrows a connection kept
 * open between calls; reads run in auto-commit mode, writes run one at a time in an
 * {@code IMMEDIATE} transaction. On PostgreSQL connections come from a pool and writes run in
 * parallel, each in a READ COMMITTED transaction: the rows they write are locked by the statements
 * themselves, and a conversation's version check makes a concurrent second writer fail.
 *
 * <p>Thread-safe. Not a published API. Example:
 * {@code database.write(handle -> handle.createUpdate(sql).execute())}.
 */
public final class StoreDatabase implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StoreDatabase.class);

    // Not under db/migration, Flyway's and Spring Boot's default location: an application that runs
    // its own migrations there would otherwise find ours (and V1 twice, one per database).
    /** Where the migrations both databases share live on the class path; V2__processed_messages.sql and so on. */
    public static final String MIGRATIONS = "classpath:dev/escalation/store/migration/common";
    /** Migrations whose SQL differs per database: {@code <prefix>sqlite} and {@code <prefix>postgresql}. */
    private static final String DIALECT_MIGRATIONS = "classpath:dev/escalation/store/migration/";
    /**
     * The migration history in an application's own database ({@link #openDataSource}), beside the
     * application's own Flyway history ({@code flyway_schema_history}) if it has one.
     */
    public static final String APPLICATION_HISTORY_TABLE = "escalation_schema_history";

    /** Enough for a server's worth of threads; a burst beyond it opens extra connections and closes them after. */
    private static final int MAX_IDLE_CONNECTIONS = 8;
    /** PostgreSQL's connection slots (100 by default) are shared by every instance; this is one instance's share. */
    private static final int MAX_POOLED_CONNECTIONS = 10;

    private final String location;
    private final AutoCloseable connections;
    private final Jdbi jdbi;
    // SQLite only: writers queue here rather than in SQLite's busy handler: in-process waiters are
    // served in order and never see SQLITE_BUSY; the busy timeout is left for writers in other
    // processes. Null on PostgreSQL, whose writers lock only the rows they touch.
    private final ReentrantLock writeLock;
    private final AtomicBoolean closed = new AtomicBoolean();

    private StoreDatabase(String location, AutoCloseable connections, Jdbi jdbi, ReentrantLock writeLock) {
        this.location = location;
        this.connections = connections;
        this.jdbi = jdbi;
        this.writeLock = writeLock;
    }

    /**
     * Opens the SQLite database at {@code url} and brings its schema up to date.
     *
     * @param url a {@code jdbc:sqlite:} URL of a file
     * @param location how messages name the database (the file path, or the URL)
     * @param busyTimeout how long a write waits for another process's write lock
     * @throws UnableToAccessStoreException naming {@code location} if it cannot be opened or migrated
     */
    public static StoreDatabase openSqlite(String url, String location, Duration busyTimeout) {
        // The first connection switches the file to WAL; the mode is stored in the file, so later
        // connections skip that pragma and only set what is per connection.
        SQLiteDataSource first = dataSource(url, busyTimeout, true);
        SQLiteDataSource dataSource = dataSource(url, busyTimeout, false);

        Connection keeper;
        try {
            keeper = first.getConnection();
        } catch (SQLException e) {
            throw new UnableToAccessStoreException(
                    "unable to open SQLite database " + location + ": " + e.getMessage(), e);
        }
        try {
            migrate(dataSource, "sqlite", location);
        } catch (RuntimeException e) {
            closeQuietly(keeper, location);
            throw e;
        }
        IdleConnections connections = new IdleConnections(dataSource, MAX_IDLE_CONNECTIONS, location);
        // The first connection stays open among the idle ones, so the database always has one: when
        // SQLite's last connection closes it checkpoints and deletes the WAL, and the next one starts cold.
        try {
            connections.closeConnection(keeper);
        } catch (SQLException e) {
            closeQuietly(keeper, location);
            throw new UnableToAccessStoreException(
                    "unable to open SQLite database " + location + ": " + e.getMessage(), e);
        }
        LOG.debug("opened SQLite database {}", location);
        return new StoreDatabase(location, connections, Jdbi.create(connections), new ReentrantLock(true));
    }

    /**
     * Opens the PostgreSQL database at {@code url} and brings its schema up to date; instances that
     * open the same database at once wait for each other's migration (Flyway locks it).
     *
     * @param url a {@code jdbc:postgresql:} URL, which may carry {@code user} and {@code password} parameters
     * @param user the user, or null to take it from the URL
     * @param password the password, or null to take it from the URL
     * @param location how messages name the database (the URL without credentials)
     * @throws UnableToAccessStoreException naming {@code location} if it cannot be reached or migrated
     */
    public static StoreDatabase openPostgres(String url, String user, String password, String location) {
        PGSimpleDataSource direct = new PGSimpleDataSource();
        try {
            direct.setUrl(url);
        } catch (IllegalArgumentException e) {
            throw new UnableToAccessStoreException(
                    "unable to open PostgreSQL database " + location + ": " + e.getMessage(), e);
        }
        if (user != null) {
            direct.setUser(user);
        }
        if (password != null) {
            direct.setPassword(password);
        }
        HikariConfig config = new HikariConfig();
        config.setDataSource(direct);
        config.setPoolName("escalation " + location);
        config.setMaximumPoolSize(MAX_POOLED_CONNECTIONS);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(Duration.ofSeconds(10).toMillis());
        // Fail here, naming the database, rather than on the first turn.
        config.setInitializationFailTimeout(Duration.ofSeconds(3).toMillis());
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new UnableToAccessStoreException(
                    "unable to open PostgreSQL database " + location + ": " + DriverFailures.describe(e), e);
        }
        try {
            migrate(pool, "postgresql", location);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        LOG.debug("opened PostgreSQL database {}", location);
        return new StoreDatabase(location, pool, Jdbi.create(pool), null);
    }

    /**
     * Opens the SQLite database at {@code url} read-only (its connections are opened with SQLite's
     * read-only flag, so no statement can change the file) without migrating it.
     *
     * @throws UnableToAccessStoreException naming {@code location} if it cannot be opened, or if its
     *     schema lacks migrations of this version (which a read-only open cannot apply)
     */
    public static StoreDatabase openSqliteReadOnly(String url, String location) {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.enforceForeignKeys(true);
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl(url);
        try (Connection probe = dataSource.getConnection()) {
            probe.getMetaData();
        } catch (SQLException e) {
            throw new UnableToAccessStoreException(
                    "unable to open SQLite database " + location + " read-only: " + e.getMessage(), e);
        }
        requireMigrated(dataSource, "sqlite", location);
        IdleConnections connections = new IdleConnections(dataSource, MAX_IDLE_CONNECTIONS, location);
        LOG.debug("opened SQLite database {} read-only", location);
        return new StoreDatabase(location, connections, Jdbi.create(connections), null);
    }

    /**
     * Opens the PostgreSQL database at {@code url} read-only (every session is a read-only one, so no
     * transaction can write) without migrating it.
     *
     * @throws UnableToAccessStoreException naming {@code location} if it cannot be reached, or if its
     *     schema lacks migrations of this version (which a read-only open cannot apply)
     */
    public static StoreDatabase openPostgresReadOnly(String url, String user, String password, String location) {
        PGSimpleDataSource direct = new PGSimpleDataSource();
        try {
            direct.setUrl(url);
        } catch (IllegalArgumentException e) {
            throw new UnableToAccessStoreException(
                    "unable to open PostgreSQL database " + location + ": " + e.getMessage(), e);
        }
        if (user != null) {
            direct.setUser(user);
        }
        if (password != null) {
            direct.setPassword(password);
        }
        // "always": auto-commit statements run read-only too, not only explicit transactions.
        direct.setReadOnly(true);
        direct.setReadOnlyMode("always");
        HikariConfig config = new HikariConfig();
        config.setDataSource(direct);
        config.setPoolName("escalation read-only " + location);
        config.setReadOnly(true);
        config.setMaximumPoolSize(2);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(Duration.ofSeconds(10).toMillis());
        config.setInitializationFailTimeout(Duration.ofSeconds(3).toMillis());
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new UnableToAccessStoreException(
                    "unable to open PostgreSQL database " + location + ": " + DriverFailures.describe(e), e);
        }
        try {
            requireMigrated(pool, "postgresql", location);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        LOG.debug("opened PostgreSQL database {} read-only", location);
        return new StoreDatabase(location, pool, Jdbi.create(pool), null);
    }

    // Flyway's info only reads the history table; a read-only open cannot migrate, so it says what to do.
    private static void requireMigrated(DataSource dataSource, String dialect, String location) {
        org.flywaydb.core.api.MigrationInfoService info;
        try {
            info = Flyway.configure(StoreDatabase.class.getClassLoader())
                    .dataSource(dataSource)
                    .table("flyway_schema_history")
                    .locations(MIGRATIONS, DIALECT_MIGRATIONS + dialect)
                    .loggers("slf4j")
                    .load()
                    .info();
        } catch (FlywayException e) {
            throw new UnableToAccessStoreException(
                    "unable to read the schema version of database " + location + ": " + e.getMessage(), e);
        }
        var pending = info.pending();
        if (pending.length > 0) {
            var current = info.current();
            throw new UnableToAccessStoreException("database " + location + " is at schema version "
                    + (current == null ? "none" : current.getVersion()) + " and lacks " + pending.length
                    + " migration(s) up to " + pending[pending.length - 1].getVersion()
                    + ", which a read-only open cannot"
                    + " apply; open it once with another command (replay, chat, serve or console) to migrate it");
        }
    }

    /**
     * Uses an application's {@code dataSource} (PostgreSQL or SQLite, told apart by the driver's product
     * name) and brings its schema up to date. The application owns the data source: closing this
     * database leaves it open. On SQLite this process's writes wait for each other here, as with
     * {@link #openSqlite}; the transaction mode and journal are the data source's own settings.
     *
     * @throws UnableToAccessStoreException naming the database if it cannot be reached, is neither
     *     PostgreSQL nor SQLite, or cannot be migrated
     */
    public static StoreDatabase openDataSource(DataSource dataSource) {
        String product;
        String location;
        try (Connection connection = dataSource.getConnection()) {
            product = connection.getMetaData().getDatabaseProductName();
            String url = connection.getMetaData().getURL();
            location = url == null ? "the application's data source" : withoutParameters(url);
        } catch (SQLException e) {
            throw new UnableToAccessStoreException(
                    "unable to open the application's data source: " + e.getMessage(), e);
        }
        String dialect;
        if ("PostgreSQL".equalsIgnoreCase(product)) {
            dialect = "postgresql";
        } else if ("SQLite".equalsIgnoreCase(product)) {
            dialect = "sqlite";
        } else {
            throw new UnableToAccessStoreException("the data source " + location + " is " + product
                    + "; the escalation stores run on PostgreSQL or SQLite");
        }
        migrate(dataSource, dialect, location, APPLICATION_HISTORY_TABLE);
        LOG.debug("opened the application's {} database {}", dialect, location);
        // The application closes its own data source; ours only stops further calls.
        AutoCloseable owned = () -> {};
        return new StoreDatabase(
                location, owned, Jdbi.create(dataSource), dialect.equals("sqlite") ? new ReentrantLock(true) : null);
    }

    private static String withoutParameters(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    private static SQLiteDataSource dataSource(String url, Duration busyTimeout, boolean setWal) {
        SQLiteConfig config = new SQLiteConfig();
        if (setWal) {
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        }
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(Math.toIntExact(busyTimeout.toMillis()));
        // BEGIN IMMEDIATE takes the write lock up front (waiting up to the busy timeout); a deferred
        // transaction that reads first and then writes fails at once with SQLITE_BUSY when another
        // connection got the lock in between, whatever the timeout.
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl(url);
        return dataSource;
    }

    private static void migrate(DataSource dataSource, String dialect, String location) {
        migrate(dataSource, dialect, location, "flyway_schema_history");
    }

    private static void migrate(DataSource dataSource, String dialect, String location, String historyTable) {
        try {
            var result = Flyway.configure(StoreDatabase.class.getClassLoader())
                    .dataSource(dataSource)
                    .table(historyTable)
                    .locations(MIGRATIONS, DIALECT_MIGRATIONS + dialect)
                    .loggers("slf4j")
                    .load()
                    .migrate();
            LOG.debug(
                    "database {} at schema version {} ({} migrations applied now)",
                    location,
                    result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion,
                    result.migrationsExecuted);
        } catch (FlywayException e) {
            throw new UnableToAccessStoreException(
                    "unable to migrate the schema of database " + location + ": " + e.getMessage(), e);
        }
    }

    /** How messages name this database: its file path or URL. */
    public String location() {
        return location;
    }

    /**
     * Runs {@code work} on a connection of its own in auto-commit mode; each statement reads the last
     * committed state without waiting for writers (WAL mode on SQLite, MVCC on PostgreSQL).
     *
     * @throws JdbiException if SQL fails
     * @throws UnableToAccessStoreException if the database is closed
     */
    public <T> T read(HandleCallback<T, RuntimeException> work) {
        ensureOpen();
        return jdbi.withHandle(work);
    }

    /**
     * Runs {@code work} in one write transaction, on SQLite after any other write of this process:
     * committed if it returns, rolled back if it throws (the exception is rethrown as it is).
     *
     * @throws JdbiException if SQL fails
     * @throws UnableToAccessStoreException if the database is closed
     */
    public <T> T write(HandleCallback<T, RuntimeException> work) {
        ensureOpen();
        if (writeLock == null) {
            return jdbi.inTransaction(work);
        }
        // The connection is taken before the lock so that a new one is opened while others write.
        return jdbi.withHandle(handle -> {
            writeLock.lock();
            try {
                return handle.inTransaction(work);
            } finally {
                writeLock.unlock();
            }
        });
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new UnableToAccessStoreException("database " + location + " is closed");
        }
    }

    /** Closes the database; calls in progress finish, later calls fail. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                connections.close();
            } catch (Exception e) {
                // Every write was committed; a connection that fails to close loses nothing.
                LOG.debug("unable to close the connections to {}: {}", location, e.getMessage());
            }
            LOG.debug("closed database {}", location);
        }
    }

    private static void closeQuietly(Connection connection, String location) {
        try {
            connection.close();
        } catch (SQLException e) {
            // Nothing is lost: every write was committed, and SQLite recovers the WAL on the next open.
            LOG.debug("unable to close a connection to {}: {}", location, e.getMessage());
        }
    }
}
