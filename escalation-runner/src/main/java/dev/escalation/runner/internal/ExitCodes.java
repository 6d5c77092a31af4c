package dev.escalation.runner.internal;

/**
 * The runner's exit statuses, one meaning each so scripts can tell them apart.
 *
 * <p>Constants only; thread-safe. Example: {@code return ExitCodes.NOT_FOUND;}.
 */
public final class ExitCodes {

    /** Everything went as asked. */
    public static final int OK = 0;
    /** A ticket was not found, or something failed at run time (database, engine). */
    public static final int FAILURE = 1;
    /** A bad command line, configuration or input. */
    public static final int USAGE = 2;

    private ExitCodes() {}
}
