package dev.escalation.runner.internal;

import dev.escalation.core.EscalationEngine;
import dev.escalation.core.EscalationException;
import dev.escalation.core.LanguageModel;
import dev.escalation.core.OfflineLanguageModel;
import dev.escalation.runner.InvalidConfigurationException;
import dev.escalation.runner.RunnerConfig;
import dev.escalation.store.EscalationDatabase;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * What a command runs with: its standard streams, the environment, the clock, and a way to open the
 * database and the engine. Tests build one with their own streams and environment map.
 *
 * <p>Not thread-safe: one command of one run uses it. Example:
 * {@code try (CommandContext.Agent agent = context.openAgent()) { agent.engine().handle(message); }}.
 */
public final class CommandContext {

  private final InputStream in;
  private final PrintStream out;
  private final PrintStream err;
  private final Map<String, String> env;
  private final boolean interactive;
  private final Clock clock;
  private RunnerConfig config;

  /**
   * @param interactive true when a person types at a terminal: the chat then prompts instead of
   *     echoing what it read
   */
  public CommandContext(InputStream in, PrintStream out, PrintStream err, Map<String, String> env,
      boolean interactive, Clock clock) {
    this.in = Objects.requireNonNull(in, "in");
    this.out = Objects.requireNonNull(out, "out");
    this.err = Objects.requireNonNull(err, "err");
    this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
    this.interactive = interactive;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  InputStream in() {
    return in;
  }

  PrintStream out() {
    return out;
  }

  PrintStream err() {
    return err;
  }

  boolean interactive() {
    return interactive;
  }

  Clock clock() {
    return clock;
  }

  /** An environment variable, or {@code fallback} when unset or blank. */
  String env(String name, String fallback) {
    String value = env.get(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  /**
   * The configuration, read on first use so that {@code --help} works whatever the environment says;
   * applies the log level at the same time.
   *
   * @throws CommandFailure with exit status 2 naming the variable if a value is not usable
   */
  RunnerConfig config() {
    if (config == null) {
      try {
        config = RunnerConfig.fromEnvironment(env);
      } catch (InvalidConfigurationException e) {
        throw CommandFailure.usage(e.getMessage());
      }
      Logging.apply(config.logLevel());
    }
    return config;
  }

  /**
   * Opens the configured database.
   *
   * @throws CommandFailure with exit status 1 naming the file if it cannot be opened
   */
  EscalationDatabase openDatabase() {
    RunnerConfig settings = config();
    try {
      return EscalationDatabase.builder().sqliteFile(settings.ticketDatabasePath()).clock(clock).build();
    } catch (EscalationException | IllegalArgumentException e) {
      throw CommandFailure.failed("unable to open the ticket database " + settings.ticketDatabasePath()
          + " (set by " + RunnerConfig.TICKET_DATABASE_PATH + "): " + e.getMessage(), e);
    }
  }

  /** Opens the database and builds an engine on it with the configured model. */
  Agent openAgent() {
    RunnerConfig settings = config();
    LanguageModel model = languageModel(settings);
    EscalationDatabase database = openDatabase();
    try {
      EscalationEngine engine = EscalationEngine.builder()
          .languageModel(model)
          .conversationStore(database.conversationStore())
          .ticketStore(database.ticketStore())
          .clock(clock)
          .listener(new LoggingListener())
          .build();
      return new Agent(database, engine);
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
  }

  private static LanguageModel languageModel(RunnerConfig settings) {
    // RunnerConfig admits only "offline" in this build; this is where other providers will be chosen.
    return new OfflineLanguageModel();
  }

  /**
   * An open database with an engine on it; closing it closes the database.
   *
   * <p>The engine is thread-safe; close once, after the last turn. Example: {@code agent.engine().handle(m)}.
   *
   * @param database the open database
   * @param engine the engine using its stores
   */
  record Agent(EscalationDatabase database, EscalationEngine engine) implements AutoCloseable {
    @Override
    public void close() {
      database.close();
    }
  }
}
