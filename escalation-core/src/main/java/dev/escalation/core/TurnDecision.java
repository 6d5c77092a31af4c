package dev.escalation.core;

/**
 * The flow's half of a turn, handed to {@link LanguageModel#converse}: given what the model read in
 * the customer's message, the engine checks it against the flow, decides the move, stores the turn
 * (and any ticket) and returns what the reply must say. A model calls it once, as soon as its reading
 * is complete, and only then shows words of a reply.
 *
 * <p>Not thread-safe: one per turn. Example: {@code ReplyRequest wanted = decision.decide(reading);}
 */
@FunctionalInterface
public interface TurnDecision {

    /**
     * Decides and stores the turn for {@code reading}.
     *
     * @return the reply the flow wants, with its acts in order; every fact in it (a ticket id) is stored
     * @throws EscalationException when the turn cannot be stored; the model must let it through unchanged
     */
    ReplyRequest decide(Interpretation reading);
}
