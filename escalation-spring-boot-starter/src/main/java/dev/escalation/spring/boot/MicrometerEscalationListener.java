package dev.escalation.spring.boot;

import dev.escalation.core.CustomerMessage;
import dev.escalation.core.EscalationListener;
import dev.escalation.core.Intent;
import dev.escalation.core.ModelCall;
import dev.escalation.core.State;
import dev.escalation.core.Ticket;
import dev.escalation.core.TurnResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Objects;

/**
 * Records the engine's events in a Micrometer {@link MeterRegistry}, under the names the runner's
 * Prometheus endpoint uses (Micrometer's Prometheus export adds {@code _total} and {@code _seconds}):
 * {@code escalation.turns} (state, outcome ok/degraded/failed), {@code escalation.turn.duration}
 * (outcome), {@code escalation.state.transitions} (from, event, to), {@code escalation.tickets.created}
 * (department, priority), {@code escalation.llm.calls} (model, operation, outcome),
 * {@code gen_ai.client.token.usage} (gen_ai_request_model, gen_ai_operation_name, gen_ai_token_type),
 * {@code escalation.fallbacks} (reason) and {@code escalation.conversations.expired} (state).
 *
 * <p>Thread-safe. Example: {@code EscalationEngine.builder().listener(new MicrometerEscalationListener(registry))}.
 */
public final class MicrometerEscalationListener implements EscalationListener {
    private final MeterRegistry registry;

    /** A listener recording into {@code registry}. */
    public MicrometerEscalationListener(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public void transition(String conversationId, State from, Intent event, State to) {
        registry.counter("escalation.state.transitions", "from", from.name(), "event", event.name(), "to", to.name())
                .increment();
    }

    @Override
    public void conversationExpired(String conversationId, State state, Duration idle) {
        registry.counter("escalation.conversations.expired", "state", state.name())
                .increment();
    }

    @Override
    public void ticketCreated(Ticket ticket) {
        registry.counter(
                        "escalation.tickets.created",
                        "department",
                        ticket.department().displayName(),
                        "priority",
                        ticket.priority().wireName())
                .increment();
    }

    @Override
    public void modelCalled(String conversationId, ModelCall call) {
        registry.counter(
                        "escalation.llm.calls",
                        "model",
                        call.model(),
                        "operation",
                        call.operation(),
                        "outcome",
                        call.outcome())
                .increment();
        tokens(call, "input", call.inputTokens());
        tokens(call, "output", call.outputTokens());
    }

    private void tokens(ModelCall call, String type, long count) {
        Counter.builder("gen_ai.client.token.usage")
                .description("Tokens, counted once per backend call as the adapter reports it")
                .tags(
                        "gen_ai_request_model",
                        call.model(),
                        "gen_ai_operation_name",
                        call.operation(),
                        "gen_ai_token_type",
                        type)
                .register(registry)
                .increment(count);
    }

    @Override
    public void fellBack(String conversationId, String reason) {
        registry.counter("escalation.fallbacks", "reason", reason).increment();
    }

    @Override
    public void turnCompleted(CustomerMessage message, TurnResult result, Duration duration) {
        String outcome = result.degraded() ? "degraded" : "ok";
        registry.counter("escalation.turns", "state", result.state().name(), "outcome", outcome)
                .increment();
        Timer.builder("escalation.turn.duration")
                .tag("outcome", outcome)
                .register(registry)
                .record(duration);
    }

    @Override
    public void turnFailed(CustomerMessage message, RuntimeException failure, Duration duration) {
        registry.counter("escalation.turns", "state", "none", "outcome", "failed")
                .increment();
        Timer.builder("escalation.turn.duration")
                .tag("outcome", "failed")
                .register(registry)
                .record(duration);
    }
}
