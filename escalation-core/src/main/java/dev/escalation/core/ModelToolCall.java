package dev.escalation.core;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One tool call a language model asked for while reading a message ({@code get_ticket_status} or
 * {@code update_ticket}): {@code accepted} when it was valid and the engine carries it out with its
 * own ownership checks, or {@code rejected} when it was not (unknown tool, invalid arguments, a
 * repeated call) and an error went back to the model.
 *
 * <p>Immutable and thread-safe. Example:
 * {@code observer.toolCalled(new ModelToolCall("get_ticket_status", "call_1", "accepted"))}.
 *
 * @param name the tool's name as the model gave it
 * @param callId the id the model gave the call, or null when it gave none (a tool request in JSON)
 * @param outcome {@code accepted} or {@code rejected}
 */
public record ModelToolCall(String name, @Nullable String callId, String outcome) {

    private static final List<String> OUTCOMES = List.of("accepted", "rejected");

    /** Checks the values (see the parameters above) and keeps them as given or normalised. */
    public ModelToolCall {
        Values.requireText(name, "name");
        if (!OUTCOMES.contains(outcome)) {
            throw new IllegalArgumentException("outcome must be one of " + OUTCOMES + ", but was " + outcome);
        }
    }
}
