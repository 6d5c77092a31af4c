package dev.escalation.runner.eggai;

import java.util.Objects;

/**
 * What the service takes from one {@code ticketing_request} or {@code escalation_request}.
 *
 * <p>Immutable and thread-safe. Example: {@code request.customerId()}.
 *
 * @param envelope the whole incoming envelope
 * @param connectionId the chat connection; keys the conversation
 * @param userId {@code security_context.user_id}, or null
 * @param text the newest customer utterance
 */
public record EscalationRequest(Envelope envelope, String connectionId, String userId, String text) {
    public EscalationRequest {
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(text, "text");
    }

    /** The ticket owner: the user id when the request has one, else the connection id. */
    public String customerId() {
        return userId == null || userId.isBlank() ? connectionId : userId;
    }
}
