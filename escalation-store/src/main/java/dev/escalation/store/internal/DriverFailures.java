package dev.escalation.store.internal;

import java.sql.SQLException;

/**
 * Short descriptions of failures for exception messages: the driver's own words rather than a
 * wrapper's, which repeats the whole statement and its bindings.
 *
 * <p>Stateless and thread-safe. Not a published API. Example: {@code "unable to ...: " + DriverFailures.describe(e)}.
 */
public final class DriverFailures {

    private DriverFailures() {}

    /** The message of the innermost {@link SQLException}, else of {@code failure} itself. */
    public static String describe(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException) {
                return cause.getMessage();
            }
        }
        return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    }
}
