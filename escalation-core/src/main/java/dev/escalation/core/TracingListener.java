package dev.escalation.core;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Traces what the engine does through the OpenTelemetry API: one span per turn ({@code escalation.turn}),
 * child of the context current when the message is handled (so a transport that received a
 * {@code traceparent} makes {@link #remoteParent} current around {@code engine.handle}); one child
 * span per model call following the GenAI semantic conventions ({@code gen_ai.operation.name},
 * {@code gen_ai.request.model}, {@code gen_ai.usage.input_tokens}, {@code gen_ai.usage.output_tokens},
 * {@code gen_ai.response.finish_reasons}); one child span per tool call the model asked for
 * ({@code execute_tool get_ticket_status}, with {@code gen_ai.tool.name} and {@code gen_ai.tool.call.id});
 * one child span per store transaction ({@code escalation.store commit_turn}, with
 * {@code db.operation.name}); state transitions, tickets, status look-ups and fallbacks as events of
 * the turn span.
 *
 * <p>The turn span is the current span on the engine's thread from {@code turnStarted} to
 * {@code turnCompleted} (or {@code turnFailed}), so whatever runs inside the turn, such as the reply's
 * chunk consumer, can read its context with {@code Span.current()} (for example to send it on with an
 * outgoing message).
 *
 * <p>No customer text reaches a span unless {@link Builder#traceContent} is on, and then with
 * e-mail addresses, phone numbers and card numbers masked ({@link PersonalData}). Thread-safe. Example:
 * {@code EscalationEngine.builder().listener(TracingListener.builder().openTelemetry(otel).build())}.
 */
public final class TracingListener implements EscalationListener {

    /** The instrumentation scope name of the spans. */
    public static final String SCOPE = "dev.escalation";

    private static final AttributeKey<String> OPERATION = AttributeKey.stringKey("gen_ai.operation.name");
    private static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("gen_ai.system");
    private static final AttributeKey<String> PROVIDER = AttributeKey.stringKey("gen_ai.provider.name");
    private static final AttributeKey<String> REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");
    private static final AttributeKey<Long> INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");
    private static final AttributeKey<Long> OUTPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.output_tokens");
    private static final AttributeKey<String> AGENT = AttributeKey.stringKey("gen_ai.agent.name");
    private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    private static final AttributeKey<String> CONVERSATION = AttributeKey.stringKey("gen_ai.conversation.id");
    private static final AttributeKey<List<String>> FINISH_REASONS =
            AttributeKey.stringArrayKey("gen_ai.response.finish_reasons");
    private static final AttributeKey<String> TOOL_NAME = AttributeKey.stringKey("gen_ai.tool.name");
    private static final AttributeKey<String> TOOL_CALL_ID = AttributeKey.stringKey("gen_ai.tool.call.id");
    private static final AttributeKey<String> TOOL_TYPE = AttributeKey.stringKey("gen_ai.tool.type");
    private static final AttributeKey<String> DB_OPERATION = AttributeKey.stringKey("db.operation.name");

    private static final TextMapGetter<Map<String, String>> MAP_GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public @Nullable String get(@Nullable Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private final Tracer tracer;
    private final boolean traceContent;
    /** The open turn span of each conversation; the engine handles one message per conversation at a time. */
    private final Map<String, Span> turns = new ConcurrentHashMap<>();
    /** The scope that made each open turn span current, closed when the turn ends. */
    private final Map<String, Scope> scopes = new ConcurrentHashMap<>();

    private TracingListener(Builder builder) {
        this.tracer = builder.openTelemetry.getTracer(SCOPE);
        this.traceContent = builder.traceContent;
    }

    /** A builder: the global OpenTelemetry (a no-op unless one was installed), no customer text. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The context of a W3C {@code traceparent} header (and optional {@code tracestate}) received with a
     * message, to make current around {@code engine.handle}; {@link Context#root()} when it is absent or
     * malformed. Example: {@code try (Scope s = TracingListener.remoteParent(tp, null).makeCurrent()) { ... }}.
     */
    public static Context remoteParent(String traceparent, String tracestate) {
        if (traceparent == null || traceparent.isBlank()) {
            return Context.root();
        }
        Map<String, String> carrier = tracestate == null
                ? Map.of("traceparent", traceparent)
                : Map.of("traceparent", traceparent, "tracestate", tracestate);
        return W3CTraceContextPropagator.getInstance().extract(Context.root(), carrier, MAP_GETTER);
    }

    @Override
    // The turn's scope outlives this call: it is closed when the turn ends (another listener callback),
    // so it cannot be a try-with-resources here.
    @SuppressWarnings("MustBeClosedChecker")
    public void turnStarted(CustomerMessage message) {
        Span span = tracer.spanBuilder("escalation.turn")
                .setParent(Context.current())
                .setSpanKind(SpanKind.SERVER)
                .setAttribute(CONVERSATION, message.conversationId())
                .setAttribute(AGENT, "escalation")
                .startSpan();
        if (traceContent) {
            span.setAttribute("escalation.message.text", PersonalData.redact(message.text()));
        }
        Span previous = turns.put(message.conversationId(), span);
        if (previous != null) {
            previous.end();
        }
        // A stale scope of an earlier turn that never ended is dropped, not closed: it may belong to another thread.
        scopes.put(message.conversationId(), span.makeCurrent());
    }

    @Override
    public void transition(String conversationId, State from, Intent event, State to) {
        turn(conversationId)
                .addEvent(
                        "escalation.transition",
                        Attributes.of(
                                AttributeKey.stringKey("escalation.from"), from.name(),
                                AttributeKey.stringKey("escalation.event"), event.name(),
                                AttributeKey.stringKey("escalation.to"), to.name()));
    }

    @Override
    public void ticketCreated(Ticket ticket) {
        turn(ticket.conversationId())
                .addEvent(
                        "escalation.ticket_created",
                        Attributes.of(
                                AttributeKey.stringKey("escalation.ticket.id"),
                                        ticket.ticketId().value(),
                                AttributeKey.stringKey("escalation.ticket.department"),
                                        ticket.department().displayName(),
                                AttributeKey.stringKey("escalation.ticket.priority"),
                                        ticket.priority().wireName()));
    }

    @Override
    public void statusLookedUp(String conversationId, boolean found) {
        turn(conversationId)
                .addEvent(
                        "escalation.status_lookup",
                        Attributes.of(AttributeKey.booleanKey("escalation.ticket.found"), found));
    }

    @Override
    public void fellBack(String conversationId, String reason) {
        turn(conversationId)
                .addEvent(
                        "escalation.fallback",
                        Attributes.of(AttributeKey.stringKey("escalation.fallback.reason"), reason));
    }

    @Override
    public void modelCalled(String conversationId, ModelCall call) {
        Span parent = turns.get(conversationId);
        Context parentContext =
                parent == null ? Context.current() : Context.current().with(parent);
        String spec = call.model();
        int slash = spec.indexOf('/');
        String provider = slash < 0 ? spec : spec.substring(0, slash);
        String model = slash < 0 ? spec : spec.substring(slash + 1);
        Instant end = Instant.now();
        Span span = tracer.spanBuilder("chat " + model)
                .setParent(parentContext)
                .setSpanKind(SpanKind.CLIENT)
                .setStartTimestamp(end.minus(call.duration()))
                .setAttribute(OPERATION, "chat")
                .setAttribute(SYSTEM, provider)
                .setAttribute(PROVIDER, provider)
                .setAttribute(REQUEST_MODEL, model)
                .setAttribute(INPUT_TOKENS, call.inputTokens())
                .setAttribute(OUTPUT_TOKENS, call.outputTokens())
                .setAttribute("escalation.llm.purpose", call.operation())
                .setAttribute("escalation.llm.tokens_estimated", call.tokensEstimated())
                .startSpan();
        if (!call.finishReasons().isEmpty()) {
            span.setAttribute(FINISH_REASONS, call.finishReasons());
        }
        if (!call.outcome().equals("ok")) {
            span.setAttribute(ERROR_TYPE, call.outcome());
            span.setStatus(StatusCode.ERROR);
        }
        span.end(end);
    }

    @Override
    public void toolCalled(String conversationId, ModelToolCall call) {
        Span span = tracer.spanBuilder("execute_tool " + call.name())
                .setParent(turnContext(conversationId))
                .setSpanKind(SpanKind.INTERNAL)
                .setAttribute(OPERATION, "execute_tool")
                .setAttribute(TOOL_NAME, call.name())
                .setAttribute(TOOL_TYPE, "function")
                .setAttribute("escalation.tool.outcome", call.outcome())
                .startSpan();
        if (call.callId() != null) {
            span.setAttribute(TOOL_CALL_ID, call.callId());
        }
        if (call.outcome().equals("rejected")) {
            span.setAttribute(ERROR_TYPE, "rejected");
            span.setStatus(StatusCode.ERROR);
        }
        span.end();
    }

    @Override
    public void storeCalled(String conversationId, StoreCall call) {
        Instant end = Instant.now();
        Span span = tracer.spanBuilder("escalation.store " + call.operation())
                .setParent(turnContext(conversationId))
                .setSpanKind(SpanKind.CLIENT)
                .setStartTimestamp(end.minus(call.duration()))
                .setAttribute(DB_OPERATION, call.operation())
                .setAttribute("escalation.store.outcome", call.outcome())
                .startSpan();
        if (!call.outcome().equals("ok")) {
            span.setAttribute(ERROR_TYPE, call.outcome());
            span.setStatus(StatusCode.ERROR);
        }
        span.end(end);
    }

    private Context turnContext(String conversationId) {
        Span parent = turns.get(conversationId);
        return parent == null ? Context.current() : Context.current().with(parent);
    }

    @Override
    public void turnCompleted(CustomerMessage message, TurnResult result, Duration duration) {
        closeScope(message.conversationId());
        Span span = turns.remove(message.conversationId());
        if (span == null) {
            return;
        }
        span.setAttribute("escalation.turn", result.turn());
        span.setAttribute("escalation.state", result.state().name());
        span.setAttribute("escalation.degraded", result.degraded());
        span.setAttribute(INPUT_TOKENS, result.usage().inputTokens());
        span.setAttribute(OUTPUT_TOKENS, result.usage().outputTokens());
        if (traceContent) {
            span.setAttribute("escalation.reply.text", PersonalData.redact(result.reply()));
        }
        span.end();
    }

    @Override
    public void turnFailed(CustomerMessage message, RuntimeException failure, Duration duration) {
        closeScope(message.conversationId());
        Span span = turns.remove(message.conversationId());
        if (span == null) {
            return;
        }
        span.setAttribute(ERROR_TYPE, failure.getClass().getName());
        // An exception's message may quote the customer, so it is exported only with content tracing on.
        span.setStatus(StatusCode.ERROR, traceContent ? PersonalData.redact(String.valueOf(failure.getMessage())) : "");
        span.end();
    }

    private void closeScope(String conversationId) {
        Scope scope = scopes.remove(conversationId);
        if (scope != null) {
            scope.close();
        }
    }

    private Span turn(String conversationId) {
        Span span = turns.get(conversationId);
        return span == null ? Span.getInvalid() : span;
    }

    /** Builds a {@link TracingListener}. Not thread-safe. */
    public static final class Builder {
        private OpenTelemetry openTelemetry = io.opentelemetry.api.GlobalOpenTelemetry.get();
        private boolean traceContent;

        private Builder() {}

        /** Where spans go; default: the global OpenTelemetry. */
        public Builder openTelemetry(OpenTelemetry value) {
            this.openTelemetry = Objects.requireNonNull(value, "openTelemetry");
            return this;
        }

        /** Whether customer text and replies (redacted) are put in spans; default false. */
        public Builder traceContent(boolean value) {
            this.traceContent = value;
            return this;
        }

        public TracingListener build() {
            return new TracingListener(this);
        }
    }

    @Override
    public String toString() {
        return "TracingListener" + List.of(traceContent ? "content" : "no content");
    }
}
