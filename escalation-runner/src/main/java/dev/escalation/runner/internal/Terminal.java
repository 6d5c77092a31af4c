package dev.escalation.runner.internal;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Objects;

/**
 * The run's standard streams, and whether a person types at them.
 *
 * <p>Immutable (the streams are the caller's). Example: {@code new Terminal(System.in, out, err, false)}.
 *
 * @param in standard input
 * @param out standard output: replies, reports, JSON lines
 * @param err standard error: errors and notices
 * @param interactive true when a person types at a terminal: the chat then prompts instead of echoing
 *     what it read
 */
public record Terminal(InputStream in, PrintStream out, PrintStream err, boolean interactive) {
    public Terminal {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
    }
}
