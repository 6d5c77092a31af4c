package dev.escalation.runner.eggai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * One EggAI message: a CloudEvents-like envelope around a JSON object.
 *
 * <p>Immutable in its fields (the {@code data} node must not be changed once built) and safe to share
 * once built. Example: {@code envelope.data().path("connection_id").asText()}.
 *
 * @param id the message's id (a uuid)
 * @param type what the message is, e.g. {@code escalation_request}
 * @param source which agent sent it
 * @param specversion the CloudEvents version, {@code 1.0}
 * @param datacontenttype the type of {@code data}, {@code application/json}
 * @param subject the subject, or null
 * @param time when it was sent (ISO-8601), or null
 * @param data the payload
 * @param traceparent the W3C trace parent, or null
 * @param tracestate the W3C trace state, or null
 * @param serviceTier the service tier, or null
 */
public record Envelope(
        String id,
        String type,
        String source,
        String specversion,
        String datacontenttype,
        String subject,
        String time,
        ObjectNode data,
        String traceparent,
        String tracestate,
        String serviceTier) {
    public Envelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(data, "data");
    }
}
