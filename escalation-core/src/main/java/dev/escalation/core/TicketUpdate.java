package dev.escalation.core;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One entry of a ticket's audit trail: who changed what, when, and why. Written in the same
 * transaction as the change it records.
 *
 * <p>Immutable and thread-safe. Example: {@code store.history(id).get(0).kind() == Kind.CREATED}.
 *
 * @param ticketId the ticket changed
 * @param at when
 * @param actor who: {@code customer:<id>}, {@code operator:<name>} or {@code agent}
 * @param kind what happened
 * @param fromStatus the status before (null when created or unchanged)
 * @param toStatus the status after (null when unchanged)
 * @param note free text, may be null
 */
public record TicketUpdate(
        TicketId ticketId,
        Instant at,
        String actor,
        Kind kind,
        @Nullable TicketStatus fromStatus,
        @Nullable TicketStatus toStatus,
        @Nullable String note) {

    /** What an audit entry records. */
    public enum Kind {
        /** The ticket was created. */
        CREATED,
        /** Its status changed. */
        STATUS_CHANGED,
        /** A note was added. */
        NOTE_ADDED
    }

    /** Checks the values (see the parameters above) and keeps them as given or normalised. */
    public TicketUpdate {
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(at, "at");
        Values.requireText(actor, "actor");
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.STATUS_CHANGED && toStatus == null) {
            throw new IllegalArgumentException("a STATUS_CHANGED entry needs toStatus, but it was null");
        }
        if (kind == Kind.NOTE_ADDED && (note == null || note.isBlank())) {
            throw new IllegalArgumentException("a NOTE_ADDED entry needs a note, but it was blank");
        }
    }
}
