package dev.escalation.runner.internal.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.escalation.runner.internal.JsonLines;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writing the console's responses: bytes with a type, JSON, and errors as {@code {"error": "..."}}.
 *
 * <p>Stateless and thread-safe. Not a published API. Example: {@code Http.json(exchange, 200, node)}.
 */
final class Http {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Http() {}

    static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    static void json(HttpExchange exchange, int status, JsonNode node) throws IOException {
        send(exchange, status, "application/json; charset=utf-8", MAPPER.writeValueAsBytes(node));
    }

    static void error(HttpExchange exchange, int status, String message) throws IOException {
        ObjectNode node = JsonLines.object();
        node.put("error", message);
        json(exchange, status, node);
    }

    static byte[] line(JsonNode node) throws IOException {
        byte[] json = MAPPER.writeValueAsBytes(node);
        byte[] line = new byte[json.length + 1];
        System.arraycopy(json, 0, line, 0, json.length);
        line[json.length] = '\n';
        return line;
    }
}
