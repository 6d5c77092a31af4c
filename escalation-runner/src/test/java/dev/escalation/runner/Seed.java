package dev.escalation.runner;

import java.util.List;
import java.util.Map;

/**
 * The seed conversation of the project's brief (profile dev-01): a frustrated customer charged twice
 * for months, which the rubric makes a high-priority Billing ticket.
 *
 * <p>Constants only; thread-safe. Example: {@code Seed.conversation("c1", "u1")}.
 */
final class Seed {

    static final String OPENING = "I've been trying to resolve this for weeks and I'm frustrated!";
    static final String DETAILS = "My car insurance premium has been taken twice every month since March. I've called"
            + " four times, and each time someone promises a refund, but nothing ever shows up on my bank statement."
            + " I just want the duplicate payments returned.";
    static final String YES = "Yes, please create the ticket.";

    private Seed() {}

    static List<String> turns() {
        return List.of(OPENING, DETAILS, YES);
    }

    /** The whole conversation as one replay line. */
    static Map<String, Object> conversation(String conversationId, String customerId) {
        return Map.of("conversation_id", conversationId, "customer_id", customerId, "turns", turns());
    }

    /** One message as one replay line. */
    static Map<String, Object> message(String conversationId, String customerId, String text) {
        return Map.of("conversation_id", conversationId, "customer_id", customerId, "text", text);
    }
}
