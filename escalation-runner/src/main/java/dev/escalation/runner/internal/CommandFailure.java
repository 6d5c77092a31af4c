package dev.escalation.runner.internal;

/**
 * Ends a command with a message for standard error and an exit status; thrown by commands so that
 * one handler reports every failure the same way.
 *
 * <p>Immutable once thrown. Example: {@code throw CommandFailure.notFound("no ticket " + id);}.
 */
public final class CommandFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    CommandFailure(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** Bad input from the person or program calling: exit status 2. */
    static CommandFailure usage(String message) {
        return new CommandFailure(ExitCodes.USAGE, message, null);
    }

    /** What was asked for does not exist: exit status 1. */
    static CommandFailure notFound(String message) {
        return new CommandFailure(ExitCodes.FAILURE, message, null);
    }

    /** Something failed while running: exit status 1. */
    static CommandFailure failed(String message, Throwable cause) {
        return new CommandFailure(ExitCodes.FAILURE, message, cause);
    }

    /** The exit status the runner ends with. */
    public int exitCode() {
        return exitCode;
    }
}
