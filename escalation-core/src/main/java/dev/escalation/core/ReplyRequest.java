package dev.escalation.core;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a language model is given to word one reply: the acts decided by the engine, in order.
 *
 * <p>Immutable and thread-safe. Example:
 * {@code new ReplyRequest(List.of(new ReplyAct.AskDetails()), State.DETAILS, slots, "my app crashes")}.
 *
 * @param acts what to say, in order; at least one
 * @param state the state after the message
 * @param slots what is known after the message
 * @param customerText the message being answered
 * @param deadline when the whole turn must be answered
 * @param calls where to report each backend call
 * @param flow the flow the conversation runs: its questions, slots and departments
 */
public record ReplyRequest(
        List<ReplyAct> acts,
        State state,
        Slots slots,
        String customerText,
        Instant deadline,
        ModelCallObserver calls,
        FlowDefinition flow) {
    /** Checks the values (see the parameters above) and keeps them as given or normalised. */
    public ReplyRequest {
        acts = List.copyOf(acts);
        if (acts.isEmpty()) {
            throw new IllegalArgumentException("a reply needs at least one act, but acts was empty");
        }
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(slots, "slots");
        Objects.requireNonNull(customerText, "customerText");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(calls, "calls");
        Objects.requireNonNull(flow, "flow");
    }

    /** A request in the standard flow. */
    public ReplyRequest(
            List<ReplyAct> acts,
            State state,
            Slots slots,
            String customerText,
            Instant deadline,
            ModelCallObserver calls) {
        this(acts, state, slots, customerText, deadline, calls, FlowDefinition.standard());
    }

    /** A request with no deadline and no call reporting, for tests and offline use. */
    public ReplyRequest(List<ReplyAct> acts, State state, Slots slots, String customerText) {
        this(acts, state, slots, customerText, Instant.MAX, ModelCallObserver.NONE);
    }
}
