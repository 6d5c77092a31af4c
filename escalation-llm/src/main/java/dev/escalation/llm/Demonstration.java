package dev.escalation.llm;

import dev.escalation.core.Interpretation;
import dev.escalation.core.State;
import java.util.Objects;

/**
 * One few-shot demonstration for the prompt that reads messages in {@code state}: a customer message
 * and the interpretation the model should give for it. {@link OpenAiCompatibleModel} sends the
 * demonstrations of the request's state before the real message, each as a user message (worded like a
 * real one, with nothing known yet and the state's usual question) and an assistant message holding
 * exactly the JSON the state's schema asks for. Each costs input tokens on every call in its state, so
 * keep them few.
 *
 * <p>Immutable and thread-safe. Example:
 * {@code new Demonstration(State.REASON, "I was charged twice", new Interpretation(Intent.PROVIDE_INFO,
 * Department.BILLING, false, Priority.HIGH, false, null, true, false, null, null, null, Map.of()))}.
 *
 * @param state the state whose prompt carries it
 * @param customerText what the customer wrote; not blank, at most {@value #MAX_TEXT_LENGTH} characters
 * @param expected the interpretation the model should answer with
 */
public record Demonstration(State state, String customerText, Interpretation expected) {

    /** The longest customer text a demonstration may hold: every character is sent on every call. */
    public static final int MAX_TEXT_LENGTH = 2_000;

    public Demonstration {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(customerText, "customerText");
        Objects.requireNonNull(expected, "expected");
        if (customerText.isBlank()) {
            throw new IllegalArgumentException(
                    "a demonstration's customerText must not be blank, but was '" + customerText + "'");
        }
        if (customerText.length() > MAX_TEXT_LENGTH) {
            throw new IllegalArgumentException("a demonstration's customerText must be at most " + MAX_TEXT_LENGTH
                    + " characters, but had " + customerText.length());
        }
    }
}
