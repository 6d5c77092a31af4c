package dev.escalation.store.internal;

import dev.escalation.core.UnableToAccessStoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * An open, migrated SQLite database: each call borrows a connection kept open between calls; reads
 * run in auto-commit mode, writes run one at a time in an {@code IMMEDIATE} transaction.
 *
 * <p>Thread-safe. Not a published API. Example:
 * {@code database.write(handle -> handle.createUpdate(sql).execute())}.
 */
public final class StoreDatabase implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(StoreDatabase.class);

  /** Where the migrations live on the class path; V1__init.sql and so on. */
  public static final String MIGRATIONS = "classpath:db/migration";

  /** Enough for a server's worth of threads; a burst beyond it opens extra connections and closes them after. */
  private static final int MAX_IDLE_CONNECTIONS = 8;

  private final String location;
  private final IdleConnections connections;
  private final Jdbi jdbi;
  // Writers queue here rather than in SQLite's busy handler: in-process waiters are served in
  // order and never see SQLITE_BUSY; the busy timeout is left for writers in other processes.
  private final ReentrantLock writeLock = new ReentrantLock(true);
  private final AtomicBoolean closed = new AtomicBoolean();

  private StoreDatabase(String location, IdleConnections connections) {
    this.location = location;
    this.connections = connections;
    this.jdbi = Jdbi.create(connections);
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
      migrate(dataSource, location);
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
    return new StoreDatabase(location, connections);
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

  private static void migrate(SQLiteDataSource dataSource, String location) {
    try {
      var result = Flyway.configure(StoreDatabase.class.getClassLoader())
          .dataSource(dataSource)
          .locations(MIGRATIONS)
          .loggers("slf4j")
          .load()
          .migrate();
      LOG.debug("database {} at schema version {} ({} migrations applied now)", location,
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
   * Runs {@code work} on a connection of its own in auto-commit mode; in WAL mode each statement
   * reads the last committed state without waiting for writers.
   *
   * @throws JdbiException if SQL fails
   * @throws UnableToAccessStoreException if the database is closed
   */
  public <T> T read(HandleCallback<T, RuntimeException> work) {
    ensureOpen();
    return jdbi.withHandle(work);
  }

  /**
   * Runs {@code work} in one write transaction, after any other write of this process: committed
   * if it returns, rolled back if it throws (the exception is rethrown as it is).
   *
   * @throws JdbiException if SQL fails
   * @throws UnableToAccessStoreException if the database is closed
   */
  public <T> T write(HandleCallback<T, RuntimeException> work) {
    ensureOpen();
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
      connections.close();
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
