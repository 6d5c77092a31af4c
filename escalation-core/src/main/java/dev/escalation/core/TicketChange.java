package dev.escalation.core;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A request to change a ticket: a new status, a note, or both; recorded in the audit trail.
 *
 * <p>Immutable and thread-safe. Example:
 * {@code new TicketChange(id, "operator:ana", TicketStatus.RESOLVED, "refund issued", clock.instant())}.
 *
 * @param ticketId which ticket
 * @param actor who asks: {@code customer:<id>}, {@code operator:<name>} or {@code agent}
 * @param newStatus the status to set, or null to keep it
 * @param note a note to append, or null
 * @param at when the change happens
 */
public record TicketChange(
        TicketId ticketId,
        String actor,
        @Nullable TicketStatus newStatus,
        @Nullable String note,
        Instant at) {

    /** Notes longer than this are refused rather than truncated. */
    public static final int MAX_NOTE_LENGTH = 10_000;

    /** Checks the values (see the parameters above) and keeps them as given or normalised. */
    public TicketChange {
        Objects.requireNonNull(ticketId, "ticketId");
        Values.requireText(actor, "actor");
        Objects.requireNonNull(at, "at");
        if (note != null && note.isBlank()) {
            note = null;
        }
        if (newStatus == null && note == null) {
            throw new IllegalArgumentException(
                    "a change of " + ticketId + " needs a new status or a note, but had neither");
        }
        if (note != null && note.length() > MAX_NOTE_LENGTH) {
            throw new IllegalArgumentException(
                    "note must be at most " + MAX_NOTE_LENGTH + " characters, but was " + note.length());
        }
    }
}
