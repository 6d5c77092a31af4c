package dev.escalation.runner.internal;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * Applies {@code ESCALATION_LOG_LEVEL} on top of {@link LogConfiguration}, which sends everything to
 * standard error, because standard output carries the replay JSON.
 *
 * <p>Changes process-wide logger levels; call it from one thread at start-up. Example:
 * {@code Logging.apply(config.logLevel());}.
 */
final class Logging {

    private static final String ESCALATION = "dev.escalation";
    private static final String RUNNER = "dev.escalation.runner";

    private Logging() {}

    /** Sets every escalation logger to {@code level}, or back to {@link LogConfiguration}'s levels when empty. */
    static void apply(Optional<String> level) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return; // another SLF4J binding on the class path: leave its configuration alone
        }
        Logger escalation = context.getLogger(ESCALATION);
        Logger runner = context.getLogger(RUNNER);
        if (level.isPresent()) {
            escalation.setLevel(Level.toLevel(level.get(), Level.WARN));
            // The runner's logger has its own level in LogConfiguration; unset it so it follows the variable.
            runner.setLevel(null);
        } else {
            // Levels are process-wide: an earlier run in the same JVM (tests) must not leak into this one.
            escalation.setLevel(null);
            runner.setLevel(Level.INFO);
        }
    }
}
