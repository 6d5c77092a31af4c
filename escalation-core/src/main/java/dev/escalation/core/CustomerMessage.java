package dev.escalation.core;

import java.util.Objects;

/**
 * One message from a customer, as the engine takes it.
 *
 * <p>Immutable and thread-safe. Example: {@code new CustomerMessage("c1", "u1", "my app crashes")}.
 *
 * @param conversationId which conversation (at most 200 characters)
 * @param customerId who writes (at most 200 characters); owns the tickets
 * @param text what they wrote; may be empty, the engine answers it
 */
public record CustomerMessage(String conversationId, String customerId, String text) {

  /** Longest accepted conversation or customer id. */
  public static final int MAX_ID_LENGTH = 200;

  public CustomerMessage {
    Values.requireText(conversationId, "conversationId");
    Values.requireText(customerId, "customerId");
    if (conversationId.length() > MAX_ID_LENGTH) {
      throw new IllegalArgumentException(
          "conversationId must be at most " + MAX_ID_LENGTH + " characters, but was " + conversationId.length());
    }
    if (customerId.length() > MAX_ID_LENGTH) {
      throw new IllegalArgumentException(
          "customerId must be at most " + MAX_ID_LENGTH + " characters, but was " + customerId.length());
    }
    Objects.requireNonNull(text, "text");
  }
}
