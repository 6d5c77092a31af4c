package dev.escalation.core;

/**
 * Receives every backend call a language model makes while handling one request; the engine passes
 * one per turn to count calls and tokens per turn and per ticket.
 *
 * <p>Implementations must be thread-safe. Example: {@code request.calls().called(call)}.
 */
@FunctionalInterface
public interface ModelCallObserver {

    /** Ignores every call. */
    ModelCallObserver NONE = call -> {};

    /** One call finished (successfully or not). */
    void called(ModelCall call);

    /** The model asked for a tool call; by default ignored. */
    default void toolCalled(ModelToolCall call) {}
}
