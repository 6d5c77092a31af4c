package dev.escalation.core;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One message from a customer, as the engine takes it.
 *
 * <p>Immutable and thread-safe. Example: {@code new CustomerMessage("c1", "u1", "my app crashes")}.
 *
 * @param conversationId which conversation (at most 200 characters)
 * @param customerId who writes (at most 200 characters); owns the tickets
 * @param text what they wrote; may be empty, the engine answers it
 * @param messageId the id the transport gave the message (at most 200 characters), or null; a message
 *     whose id was already processed in the conversation changes nothing and gets the stored reply
 */
public record CustomerMessage(
        String conversationId,
        String customerId,
        String text,
        @Nullable String messageId) {

    /** A message without a transport id: never recognised as a redelivery. */
    public CustomerMessage(String conversationId, String customerId, String text) {
        this(conversationId, customerId, text, null);
    }

    /** Longest accepted conversation or customer id. */
    public static final int MAX_ID_LENGTH = 200;

    /** Checks the values (see the parameters above) and keeps them as given or normalised. */
    public CustomerMessage {
        Values.requireText(conversationId, "conversationId");
        Values.requireText(customerId, "customerId");
        if (conversationId.length() > MAX_ID_LENGTH) {
            throw new IllegalArgumentException("conversationId must be at most " + MAX_ID_LENGTH
                    + " characters, but was " + conversationId.length());
        }
        if (customerId.length() > MAX_ID_LENGTH) {
            throw new IllegalArgumentException(
                    "customerId must be at most " + MAX_ID_LENGTH + " characters, but was " + customerId.length());
        }
        Objects.requireNonNull(text, "text");
        if (messageId != null) {
            Values.requireText(messageId, "messageId");
            if (messageId.length() > MAX_ID_LENGTH) {
                throw new IllegalArgumentException(
                        "messageId must be at most " + MAX_ID_LENGTH + " characters, but was " + messageId.length());
            }
        }
    }

    /** The transport's id of this message, if it has one. */
    public java.util.Optional<String> id() {
        return java.util.Optional.ofNullable(messageId);
    }
}
