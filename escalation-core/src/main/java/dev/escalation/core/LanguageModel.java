package dev.escalation.core;

import java.util.function.Consumer;

/**
 * The port to a language model: it reads customer messages into intents and slots, and words the
 * replies the engine decided on. The flow's guarantees never depend on it: a model can only propose.
 *
 * <p>Implementations must be thread-safe; the engine calls them for many conversations at once.
 * Example: {@code LanguageModel model = new OfflineLanguageModel();}
 */
public interface LanguageModel {

    /** Reads one message; must not throw for odd text, only for a failure of the model itself. */
    Interpretation interpret(InterpretationRequest request);

    /**
     * Words a reply; passes it to {@code chunks} piece by piece as it is produced (the concatenation
     * of all chunks equals the returned text) and returns the whole.
     */
    String reply(ReplyRequest request, Consumer<String> chunks);

    /**
     * One whole turn: reads the message, lets the flow decide ({@code decision}, called exactly once
     * with the reading) and words the reply the flow returns, passing it to {@code chunks} as it is
     * produced. A model that can read and word in one backend call does so here; the words it streams
     * must be for the flow's reply, never for a move the flow did not take. The default reads with
     * {@link #interpret}, then words with {@link #reply}.
     *
     * @return the whole reply
     */
    default String converse(InterpretationRequest request, TurnDecision decision, Consumer<String> chunks) {
        return reply(decision.decide(interpret(request)), chunks);
    }

    /**
     * Whether {@link #reply} (and {@link #converse}'s wording) produces a whole reply at once from local
     * work, with no network call to wait on. The engine then words the reply before it stores the turn,
     * stores both in one transaction, and shows the reply after that commit; a model that streams from a
     * server keeps the default, false, so its first words are shown as they arrive.
     */
    default boolean repliesAtOnce() {
        return false;
    }

    /** A short name for logs and metrics, for example {@code offline} or {@code openai/gpt-4o-mini}. */
    default String name() {
        return getClass().getSimpleName();
    }
}
