package dev.escalation.core;

import java.time.Instant;
import java.util.Objects;

/**
 * What a language model is given to interpret one customer message. The text is data from the
 * customer, never instructions.
 *
 * <p>Immutable and thread-safe. Example: {@code model.interpret(new InterpretationRequest(State.REASON, Slots.EMPTY, Question.REASON, "hi"))}.
 *
 * @param state the conversation's state before the message
 * @param slots what is known before the message
 * @param pendingQuestion what the agent asked last
 * @param text the customer's message
 * @param deadline when the whole turn must be answered; a model gives up (throws) rather than overrun it
 * @param calls where to report each backend call
 * @param flow the flow the conversation runs: its departments, slots and vocabulary
 */
public record InterpretationRequest(
        State state,
        Slots slots,
        Question pendingQuestion,
        String text,
        Instant deadline,
        ModelCallObserver calls,
        FlowDefinition flow) {
    /** Checks the values (see the parameters above) and keeps them as given or normalised. */
    public InterpretationRequest {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(slots, "slots");
        Objects.requireNonNull(pendingQuestion, "pendingQuestion");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(calls, "calls");
        Objects.requireNonNull(flow, "flow");
    }

    /** A request in the standard flow. */
    public InterpretationRequest(
            State state,
            Slots slots,
            Question pendingQuestion,
            String text,
            Instant deadline,
            ModelCallObserver calls) {
        this(state, slots, pendingQuestion, text, deadline, calls, FlowDefinition.standard());
    }

    /** A request with no deadline and no call reporting, for tests and offline use. */
    public InterpretationRequest(State state, Slots slots, Question pendingQuestion, String text) {
        this(state, slots, pendingQuestion, text, Instant.MAX, ModelCallObserver.NONE);
    }
}
