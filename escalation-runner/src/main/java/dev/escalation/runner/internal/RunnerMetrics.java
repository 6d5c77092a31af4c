package dev.escalation.runner.internal;

import dev.escalation.core.CustomerMessage;
import dev.escalation.core.EscalationListener;
import dev.escalation.core.Intent;
import dev.escalation.core.ModelCall;
import dev.escalation.core.ModelToolCall;
import dev.escalation.core.State;
import dev.escalation.core.StoreCall;
import dev.escalation.core.Ticket;
import dev.escalation.core.TicketChange;
import dev.escalation.core.TurnResult;
import dev.escalation.runner.MetricsConfig;
import dev.escalation.runner.ModelPrice;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's listener port bound to Prometheus: GenAI client metrics with the names and labels of
 * the EggAI Grafana dashboard (each model call counted exactly once, when the adapter reports it),
 * business and engine metrics, optional cost, and the JVM's own; served as Prometheus text on
 * {@code /metrics} when {@link #serve} was called.
 *
 * <p>Thread-safe: the engine calls it from any turn's thread. Example:
 * {@code try (RunnerMetrics metrics = RunnerMetrics.create(config)) { metrics.serve(9094); ... }}.
 */
final class RunnerMetrics implements EscalationListener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RunnerMetrics.class);

    /** The value of {@code gen_ai_agent_name}. */
    static final String AGENT_NAME = "escalation";
    /** The GenAI operation of every call the adapter makes: {@code POST /chat/completions}. */
    static final String OPERATION = "chat";

    // The OpenTelemetry GenAI semantic conventions' bucket boundaries for gen_ai.client.operation.duration.
    private static final double[] CALL_SECONDS = {
        0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92
    };
    private static final double[] TURN_SECONDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};
    private static final double[] STORE_SECONDS = {
        0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5, 10
    };
    private static final double[] CALLS = {0, 1, 2, 3, 4, 6, 8, 12, 16, 24, 32};
    private static final double[] TOKENS = {0, 250, 500, 1000, 2000, 4000, 8000, 16000, 32000, 64000, 128000};
    private static final double[] DOLLARS = {0.0001, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1
    };

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Map<String, ModelPrice> prices;

    private final Counter tokenUsage;
    private final Histogram operationDuration;
    private final Histogram timeToFirstToken;
    private final Counter llmCalls;
    private final Counter cachedInputTokens;
    private final Counter turns;
    private final Histogram turnDuration;
    private final Counter transitions;
    private final Counter ticketsCreated;
    private final Counter ticketUpdates;
    private final Counter statusLookups;
    private final Counter fallbacks;
    private final Counter toolCalls;
    private final Counter expired;
    private final Histogram storeDuration;
    private final Counter messages;
    private final Gauge activeConversations;
    private final Histogram callsPerTicket;
    private final Histogram tokensPerTicket;
    private final Optional<Counter> cost;
    private final Optional<Histogram> costPerTicket;

    /** What the current cycle of a conversation has spent, until its ticket is created or it is cancelled. */
    private final Map<String, Spend> spending = new ConcurrentHashMap<>();
    /** Conversations whose last turn left them mid-flow (neither ticket created nor cancelled). */
    private final Set<String> active = ConcurrentHashMap.newKeySet();
    /** Conversations whose ticket was created during the turn being handled. */
    private final Set<String> ticketThisTurn = ConcurrentHashMap.newKeySet();

    private HTTPServer server;
    private final Probes probes = new Probes();

    private RunnerMetrics(Map<String, ModelPrice> prices) {
        this.prices = Map.copyOf(prices);
        tokenUsage = Counter.builder()
                .name("gen_ai_client_token_usage_total")
                .help("Tokens used by the language model, counted once per backend call")
                .labelNames(
                        "gen_ai_system",
                        "gen_ai_request_model",
                        "gen_ai_operation_name",
                        "gen_ai_token_type",
                        "gen_ai_agent_name")
                .register(registry);
        operationDuration = Histogram.builder()
                .name("gen_ai_client_operation_duration")
                .help("Duration of language model backend calls, in seconds")
                .labelNames("gen_ai_system", "gen_ai_request_model", "gen_ai_operation_name", "gen_ai_agent_name")
                .classicUpperBounds(CALL_SECONDS)
                .classicOnly()
                .register(registry);
        timeToFirstToken = Histogram.builder()
                .name("gen_ai_server_time_to_first_token")
                .help("Time from the start of a streamed language model call to its first content delta, in seconds")
                .labelNames("gen_ai_system", "gen_ai_request_model", "gen_ai_operation_name", "gen_ai_agent_name")
                .classicUpperBounds(CALL_SECONDS)
                .classicOnly()
                .register(registry);
        cachedInputTokens = Counter.builder()
                .name("escalation_llm_cached_input_tokens_total")
                .help(
                        "Prompt tokens the language model's server found in its prefix cache (part of the input tokens), by model")
                .labelNames("model")
                .register(registry);
        llmCalls = Counter.builder()
                .name("escalation_llm_calls_total")
                .help("Language model backend calls by model, purpose (interpret, reply, tool) and outcome")
                .labelNames("model", "operation", "outcome")
                .register(registry);
        turns = Counter.builder()
                .name("escalation_turns_total")
                .help(
                        "Customer messages handled, by the state after the message and the outcome (ok, degraded, failed)")
                .labelNames("state", "outcome")
                .register(registry);
        turnDuration = Histogram.builder()
                .name("escalation_turn_duration_seconds")
                .help("How long a customer message took, model calls and storage included")
                .labelNames("outcome")
                .classicUpperBounds(TURN_SECONDS)
                .classicOnly()
                .register(registry);
        transitions = Counter.builder()
                .name("escalation_state_transitions_total")
                .help("Moves of the flow, by state left, event and state entered")
                .labelNames("from", "event", "to")
                .register(registry);
        ticketsCreated = Counter.builder()
                .name("escalation_tickets_created_total")
                .help("Tickets created, by department and priority")
                .labelNames("department", "priority")
                .register(registry);
        ticketUpdates = Counter.builder()
                .name("escalation_ticket_updates_total")
                .help("Ticket changes made through the engine, by the status set (none for a note only)")
                .labelNames("status")
                .register(registry);
        statusLookups = Counter.builder()
                .name("escalation_status_lookups_total")
                .help("Ticket status questions, by whether the ticket was found")
                .labelNames("found")
                .register(registry);
        fallbacks = Counter.builder()
                .name("escalation_fallbacks_total")
                .help("Steps served by the built-in offline model because the configured model failed, by reason")
                .labelNames("reason")
                .register(registry);
        expired = Counter.builder()
                .name("escalation_conversations_expired_total")
                .help("Conversations closed for lack of a message within the TTL, by the state they were left in")
                .labelNames("state")
                .register(registry);
        toolCalls = Counter.builder()
                .name("escalation_tool_calls_total")
                .help("Tool calls the language model asked for, by tool and outcome (accepted, rejected)")
                .labelNames("tool", "outcome")
                .register(registry);
        storeDuration = Histogram.builder()
                .name("escalation_store_operation_duration_seconds")
                .help("Duration of the engine's store transactions, by operation and outcome (ok, conflict, error)")
                .labelNames("operation", "outcome")
                .classicUpperBounds(STORE_SECONDS)
                .classicOnly()
                .register(registry);
        messages = Counter.builder()
                .name("escalation_channel_messages_total")
                .help("Messages received on a channel (chat, replay), by outcome (handled, failed, rejected)")
                .labelNames("channel", "outcome")
                .register(registry);
        activeConversations = Gauge.builder()
                .name("escalation_active_conversations")
                .help("Conversations seen by this process that are mid-flow: no ticket yet and not cancelled")
                .register(registry);
        callsPerTicket = Histogram.builder()
                .name("escalation_llm_calls_per_ticket")
                .help("Language model calls spent on the cycle of a conversation that created a ticket")
                .classicUpperBounds(CALLS)
                .classicOnly()
                .register(registry);
        tokensPerTicket = Histogram.builder()
                .name("escalation_llm_tokens_per_ticket")
                .help("Tokens spent on the cycle of a conversation that created a ticket, by type (input, output)")
                .labelNames("gen_ai_token_type")
                .classicUpperBounds(TOKENS)
                .classicOnly()
                .register(registry);
        if (this.prices.isEmpty()) {
            cost = Optional.empty();
            costPerTicket = Optional.empty();
        } else {
            cost = Optional.of(Counter.builder()
                    .name("escalation_llm_cost_usd_total")
                    .help("What the language model calls cost in US dollars, from " + MetricsConfig.MODEL_PRICES)
                    .labelNames("gen_ai_request_model")
                    .register(registry));
            costPerTicket = Optional.of(Histogram.builder()
                    .name("escalation_llm_cost_per_ticket_usd")
                    .help("What the cycle of a conversation that created a ticket cost in US dollars")
                    .classicUpperBounds(DOLLARS)
                    .classicOnly()
                    .register(registry));
        }
        JvmMetrics.builder().register(registry);
    }

    /** Metrics with these prices (none: no cost metrics), not served yet. */
    static RunnerMetrics create(Map<String, ModelPrice> prices) {
        return new RunnerMetrics(Objects.requireNonNull(prices, "prices"));
    }

    /** The registry, for tests and for serving in-process. */
    PrometheusRegistry registry() {
        return registry;
    }

    /**
     * Serves {@code /metrics}, and the probes {@code /readyz} and {@code /livez}, on this port of every interface (0 picks a free one) until {@link #close}.
     *
     * @return the port it listens on
     * @throws CommandFailure with exit status 2 naming {@value MetricsConfig#PORT} when the port is taken
     */
    int serve(int port) {
        try {
            server = HTTPServer.builder()
                    .port(port)
                    .registry(registry)
                    .defaultHandler(probes)
                    .buildAndStart();
        } catch (IOException e) {
            throw CommandFailure.usage("unable to serve metrics on port " + port + " (set by " + MetricsConfig.PORT
                    + "): " + (e.getMessage() == null ? e.toString() : e.getMessage())
                    + ". Set " + MetricsConfig.PORT + " to a free port, or 0 to pick one");
        }
        log.debug("metrics at http://localhost:{}/metrics", server.getPort());
        return server.getPort();
    }

    /** The {@code /readyz} and {@code /livez} probes served with the metrics. */
    Probes probes() {
        return probes;
    }

    /** A message arrived on {@code channel}: {@code handled}, {@code failed} or {@code rejected} (not readable). */
    void messageReceived(String channel, String outcome) {
        messages.labelValues(channel, outcome).inc();
    }

    @Override
    public void modelCalled(String conversationId, ModelCall call) {
        String spec = call.model();
        int slash = spec.indexOf('/');
        String system = slash < 0 ? "unknown" : spec.substring(0, slash);
        String model = slash < 0 ? spec : spec.substring(slash + 1);
        tokenUsage.labelValues(system, model, OPERATION, "input", AGENT_NAME).inc(call.inputTokens());
        tokenUsage.labelValues(system, model, OPERATION, "output", AGENT_NAME).inc(call.outputTokens());
        operationDuration.labelValues(system, model, OPERATION, AGENT_NAME).observe(seconds(call.duration()));
        if (call.timeToFirstToken() != null) {
            timeToFirstToken
                    .labelValues(system, model, OPERATION, AGENT_NAME)
                    .observe(seconds(call.timeToFirstToken()));
        }
        llmCalls.labelValues(spec, call.operation(), call.outcome()).inc();
        cachedInputTokens.labelValues(spec).inc(call.cachedInputTokens());
        ModelPrice price = prices.get(spec);
        double dollars =
                price == null ? 0 : price.costUsd(call.inputTokens(), call.outputTokens(), call.cachedInputTokens());
        if (price != null) {
            cost.ifPresent(counter -> counter.labelValues(model).inc(dollars));
        }
        spending.computeIfAbsent(conversationId, id -> new Spend()).add(call, dollars, price != null);
    }

    @Override
    public void transition(String conversationId, State from, Intent event, State to) {
        transitions.labelValues(from.name(), event.name(), to.name()).inc();
    }

    @Override
    public void ticketCreated(Ticket ticket) {
        ticketsCreated
                .labelValues(
                        ticket.department().displayName(), ticket.priority().wireName())
                .inc();
        ticketThisTurn.add(ticket.conversationId());
    }

    @Override
    public void ticketUpdated(Ticket ticket, TicketChange change) {
        ticketUpdates
                .labelValues(
                        change.newStatus() == null ? "none" : change.newStatus().wireName())
                .inc();
    }

    @Override
    public void statusLookedUp(String conversationId, boolean found) {
        statusLookups.labelValues(Boolean.toString(found)).inc();
    }

    // What the closed request spent is not the next ticket's cost.
    @Override
    public void conversationExpired(String conversationId, State state, Duration idle) {
        expired.labelValues(state.name()).inc();
        spending.remove(conversationId);
    }

    @Override
    public void toolCalled(String conversationId, ModelToolCall call) {
        toolCalls.labelValues(call.name(), call.outcome()).inc();
    }

    @Override
    public void storeCalled(String conversationId, StoreCall call) {
        storeDuration
                .labelValues(call.operation(), call.outcome())
                .observe(call.duration().toNanos() / 1e9);
    }

    @Override
    public void fellBack(String conversationId, String reason) {
        fallbacks.labelValues(reason).inc();
    }

    @Override
    public void turnCompleted(CustomerMessage message, TurnResult result, Duration duration) {
        String outcome = result.degraded() ? "degraded" : "ok";
        turns.labelValues(result.state().name(), outcome).inc();
        turnDuration.labelValues(outcome).observe(seconds(duration));
        String id = message.conversationId();
        if (ticketThisTurn.remove(id)) {
            Spend spent = spending.remove(id);
            Spend cycle = spent == null ? new Spend() : spent;
            callsPerTicket.observe(cycle.calls);
            tokensPerTicket.labelValues("input").observe(cycle.inputTokens);
            tokensPerTicket.labelValues("output").observe(cycle.outputTokens);
            if (cycle.priced) {
                costPerTicket.ifPresent(histogram -> histogram.observe(cycle.dollars));
            }
        } else if (State.CANCELLED.equals(result.state())) {
            spending.remove(id);
        }
        if (State.TICKET_CREATED.equals(result.state()) || State.CANCELLED.equals(result.state())) {
            active.remove(id);
        } else {
            active.add(id);
        }
        activeConversations.set(active.size());
    }

    @Override
    public void turnFailed(CustomerMessage message, RuntimeException failure, Duration duration) {
        turns.labelValues("unknown", "failed").inc();
        turnDuration.labelValues("failed").observe(seconds(duration));
        // Nothing of the turn was stored, so no ticket either; what the model spent stays with the cycle.
        ticketThisTurn.remove(message.conversationId());
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    /** Calls, tokens and dollars of one cycle; guarded by its own monitor. */
    private static final class Spend {
        long calls;
        long inputTokens;
        long outputTokens;
        double dollars;
        boolean priced;

        synchronized void add(ModelCall call, double cost, boolean hasPrice) {
            calls++;
            inputTokens += call.inputTokens();
            outputTokens += call.outputTokens();
            dollars += cost;
            priced |= hasPrice;
        }
    }

    @Override
    public String toString() {
        return "RunnerMetrics" + (server == null ? "" : String.format(Locale.ROOT, "[port %d]", server.getPort()));
    }
}
