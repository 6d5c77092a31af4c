package dev.escalation.runner.eggai;

/**
 * A message on the agents channel that cannot be taken: not JSON, not an object, a missing field, a
 * field of the wrong type, no customer message, too long, or not UTF-8. It goes to the dead-letter
 * channel.
 *
 * <p>Example: {@code throw new InvalidMessageException("missing_field", "data.connection_id is missing")}.
 */
public final class InvalidMessageException extends RuntimeException {

    private final String reason;

    /**
     * @param reason a short stable key for counting, e.g. {@code not_json}
     * @param message what was wrong, for the log
     */
    public InvalidMessageException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** The short stable key of what was wrong, e.g. {@code not_json}, {@code missing_field}. */
    public String reason() {
        return reason;
    }
}
