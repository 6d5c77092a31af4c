package dev.escalation.core;

import java.util.Locale;
import java.util.Optional;

/**
 * The life cycle of a ticket; new tickets are {@link #OPEN}.
 *
 * <p>Immutable and thread-safe. Example: {@code TicketStatus.of("in_progress")}.
 */
public enum TicketStatus {
    /** Created, nobody works on it yet. */
    OPEN,
    /** Someone works on it. */
    IN_PROGRESS,
    /** Waits for an answer from the customer. */
    WAITING_ON_CUSTOMER,
    /** The problem is solved. */
    RESOLVED,
    /** Done with; nothing more happens to it. */
    CLOSED;

    /** The lower-case name used on the wire and in the database, for example {@code "in_progress"}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A customer-facing phrase, for example {@code "waiting on customer"}. */
    public String displayName() {
        return wireName().replace('_', ' ');
    }

    /** Reads a status from its wire name (dashes and spaces allowed), ignoring case. */
    public static Optional<TicketStatus> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String key = value.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        for (TicketStatus status : values()) {
            if (status.name().equals(key)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }

    /** Like {@link #parse} but throws {@link IllegalArgumentException} naming the bad value. */
    public static TicketStatus of(String value) {
        return parse(value)
                .orElseThrow(() -> new IllegalArgumentException(
                        "status must be one of open, in_progress, waiting_on_customer, resolved, closed, but was '"
                                + value + "'"));
    }

    @Override
    public String toString() {
        return wireName();
    }
}
