package dev.escalation.core;

import java.time.Duration;

/**
 * Observes what the engine does, for metrics, tracing and audits; every method has an empty default.
 * Called on the thread handling the turn: implementations must be thread-safe and fast, and an
 * exception they throw is logged and otherwise ignored.
 *
 * <p>Example: {@code EscalationEngine.builder().listener(new EscalationListener() { ... })}.
 */
public interface EscalationListener {

    /** Does nothing. */
    EscalationListener NONE = new EscalationListener() {};

    /** A message is about to be handled. */
    default void turnStarted(CustomerMessage message) {}

    /** The flow moved (or stayed, for an internal transition) on an event. */
    default void transition(String conversationId, State from, Intent event, State to) {}

    /**
     * A conversation in {@code state} had no message for {@code idle}, longer than the engine's
     * conversation TTL; it is closed and the message that found it starts a fresh one.
     */
    default void conversationExpired(String conversationId, State state, Duration idle) {}

    /** A ticket was created and stored. */
    default void ticketCreated(Ticket ticket) {}

    /** A ticket was changed through the engine, by its owner. */
    default void ticketUpdated(Ticket ticket, TicketChange change) {}

    /** A customer asked for a ticket's status; {@code found} is false for unknown or foreign ids. */
    default void statusLookedUp(String conversationId, boolean found) {}

    /** The language model made a backend call while handling a message of this conversation. */
    default void modelCalled(String conversationId, ModelCall call) {}

    /** The language model asked for a tool call while reading a message of this conversation. */
    default void toolCalled(String conversationId, ModelToolCall call) {}

    /** The engine called a store (one transaction) while handling a message of this conversation. */
    default void storeCalled(String conversationId, StoreCall call) {}

    /**
     * The configured model failed and the built-in offline model served this step instead;
     * {@code reason} is short, for example {@code timeout} or {@code unreachable}.
     */
    default void fellBack(String conversationId, String reason) {}

    /** A message was handled and its state stored. */
    default void turnCompleted(CustomerMessage message, TurnResult result, Duration duration) {}

    /** A message could not be handled; nothing of the turn was stored. */
    default void turnFailed(CustomerMessage message, RuntimeException failure, Duration duration) {}
}
