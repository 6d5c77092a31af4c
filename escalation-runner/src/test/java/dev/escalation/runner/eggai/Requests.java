package dev.escalation.runner.eggai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/** Builds EggAI request envelopes as the triage agent sends them, and reads sent envelopes. */
public final class Requests {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    private Requests() {}

    /** A request whose history is a list of messages; {@code history} alternates user, agent, user, .... */
    public static byte[] request(String type, String id, String connection, String userId, List<String> history) {
        ObjectNode root = envelope(type, id);
        ObjectNode data = root.putObject("data");
        data.put("connection_id", connection);
        data.put("message_id", UUID.randomUUID().toString());
        ArrayNode messages = data.putArray("chat_messages");
        for (int i = 0; i < history.size(); i++) {
            ObjectNode message = messages.addObject();
            message.put("role", i % 2 == 0 ? "user" : "assistant");
            message.put("content", history.get(i));
            if (i % 2 == 1) {
                message.put("agent", "Escalation");
            }
        }
        if (userId != null) {
            data.putObject("security_context").put("user_id", userId).put("tenant_id", "t1");
        }
        return bytes(root);
    }

    /** A request with the history flattened into one user message: "User: …\nEscalation: …\nUser: …". */
    static byte[] flattened(String type, String id, String connection, List<String> history) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < history.size(); i++) {
            text.append(i == 0 ? "" : "\n")
                    .append(i % 2 == 0 ? "User: " : "Escalation: ")
                    .append(history.get(i));
        }
        ObjectNode root = envelope(type, id);
        ObjectNode data = root.putObject("data");
        data.put("connection_id", connection);
        data.put("message_id", UUID.randomUUID().toString());
        data.putArray("chat_messages").addObject().put("role", "user").put("content", text.toString());
        return bytes(root);
    }

    static ObjectNode envelope(String type, String id) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", id);
        root.put("type", type);
        root.put("source", "TriageAgent");
        root.put("specversion", "1.0");
        root.put("datacontenttype", "application/json");
        root.putNull("subject");
        root.put("time", "2026-11-23T10:00:00Z");
        root.put("traceparent", TRACEPARENT);
        root.put("tracestate", "vendor=1");
        root.put("service_tier", "standard");
        root.put("some_future_field", "ignored");
        return root;
    }

    static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static JsonNode read(MemoryTransport.Message message) {
        try {
            return JSON.readTree(message.value());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
