package dev.escalation.core;

import java.time.Duration;
import java.util.Objects;

/**
 * One call the engine made to its stores during a turn, each a transaction of its own: for traces
 * and latency metrics. Operations: {@code load_conversation}, {@code find_processed},
 * {@code commit_turn} (the conversation, a new ticket or update and the message id, in one
 * transaction), {@code find_ticket}, {@code list_ticket_updates} and {@code record_reply}.
 *
 * <p>Immutable and thread-safe. Example:
 * {@code listener.storeCalled("c1", new StoreCall("commit_turn", Duration.ofMillis(3), "ok"))}.
 *
 * @param operation what the engine asked the store for
 * @param duration how long it took, by the engine's clock
 * @param outcome {@code ok}, {@code conflict} (another writer stored the conversation first) or
 *     {@code error}
 */
public record StoreCall(String operation, Duration duration, String outcome) {

    /** Checks the values (see the parameters above) and keeps them as given or normalised. */
    public StoreCall {
        Values.requireText(operation, "operation");
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration must not be negative, but was " + duration);
        }
        Values.requireText(outcome, "outcome");
    }
}
