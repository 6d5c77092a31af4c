package dev.escalation.llm.internal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Remembers per endpoint (base URL) what the server accepts, so that after one rejection every later
 * request goes straight to what works: the structured-output mode (json_schema, then json_object,
 * then a plain "reply with JSON only" prompt), whether {@code tools} are accepted and whether
 * {@code stream_options} is. A capability is only ever downgraded. Not part of the API.
 *
 * <p>Thread-safe; {@link #SHARED} is used by every model in the process.
 */
public final class EndpointMemory {

    /** How a model is asked for JSON, best first. */
    public enum OutputMode {
        /** {@code response_format: {type: json_schema, json_schema: {name, strict: true, schema}}}. */
        JSON_SCHEMA,
        /** {@code response_format: {type: json_object}} with the schema in the prompt. */
        JSON_OBJECT,
        /** No {@code response_format}; the prompt says "reply with JSON only" and gives the schema. */
        PROMPT;

        /** The next mode to try after a rejection, or null after {@link #PROMPT}. */
        public OutputMode next() {
            return this == PROMPT ? null : values()[ordinal() + 1];
        }
    }

    /** What one endpoint accepts. */
    public record Capabilities(OutputMode outputMode, boolean tools, boolean streamOptions) {
        static final Capabilities OPTIMISTIC = new Capabilities(OutputMode.JSON_SCHEMA, true, true);
    }

    /** The memory shared by all models of this process. */
    public static final EndpointMemory SHARED = new EndpointMemory();

    private final ConcurrentMap<String, Capabilities> byEndpoint = new ConcurrentHashMap<>();

    /** What the endpoint is known to accept; everything until a rejection was seen. */
    public Capabilities get(String baseUrl) {
        return byEndpoint.getOrDefault(baseUrl, Capabilities.OPTIMISTIC);
    }

    /** Records that {@code rejected} was refused; keeps a mode already lower. Returns the mode to use now. */
    public OutputMode rejectOutputMode(String baseUrl, OutputMode rejected) {
        OutputMode next = rejected.next();
        Capabilities now = byEndpoint.compute(baseUrl, (key, old) -> {
            Capabilities current = old == null ? Capabilities.OPTIMISTIC : old;
            if (next == null || current.outputMode().ordinal() >= next.ordinal()) {
                return current;
            }
            return new Capabilities(next, current.tools(), current.streamOptions());
        });
        return next == null ? null : now.outputMode();
    }

    /** Records that the endpoint refuses {@code tools}. */
    public void rejectTools(String baseUrl) {
        byEndpoint.compute(baseUrl, (key, old) -> {
            Capabilities current = old == null ? Capabilities.OPTIMISTIC : old;
            return new Capabilities(current.outputMode(), false, current.streamOptions());
        });
    }

    /** Records that the endpoint refuses {@code stream_options}. */
    public void rejectStreamOptions(String baseUrl) {
        byEndpoint.compute(baseUrl, (key, old) -> {
            Capabilities current = old == null ? Capabilities.OPTIMISTIC : old;
            return new Capabilities(current.outputMode(), current.tools(), false);
        });
    }
}
