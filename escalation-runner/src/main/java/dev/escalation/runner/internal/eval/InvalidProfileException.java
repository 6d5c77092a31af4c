package dev.escalation.runner.internal.eval;

/**
 * A profile file that cannot be used: the message names the file, the line and what is wrong.
 *
 * <p>Immutable. Example: {@code throw new InvalidProfileException("dev.jsonl line 3: ...", cause);}
 */
public final class InvalidProfileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidProfileException(String message, Throwable cause) {
        super(message, cause);
    }
}
