package dev.escalation.runner.internal.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.escalation.core.Conversation;
import dev.escalation.core.CustomerMessage;
import dev.escalation.core.EscalationException;
import dev.escalation.core.PersonalData;
import dev.escalation.core.TurnResult;
import dev.escalation.runner.internal.JsonLines;
import java.io.IOException;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chat of the console: one customer message in, the reply streamed out as it is worded, as
 * newline-delimited JSON ({@code {"chunk": "..."}} lines, then {@code {"turn": {...}}} or
 * {@code {"error": "..."}}).
 *
 * <p>Resuming a conversation by id continues it as its own customer: the console's user is an
 * operator who may look at and continue any conversation.
 *
 * <p>Thread-safe. Not a published API. Example: {@code POST /api/chat {"text": "I was charged twice"}}.
 */
final class ConsoleChat {

    private static final Logger log = LoggerFactory.getLogger(ConsoleChat.class);
    static final String DEFAULT_CUSTOMER = "console";
    private static final String ID_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz";

    private final ConsoleBackend backend;
    private final SecureRandom random = new SecureRandom();

    ConsoleChat(ConsoleBackend backend) {
        this.backend = backend;
    }

    void stream(HttpExchange exchange, JsonNode body) throws IOException {
        CustomerMessage message = message(body);
        exchange.getResponseHeaders().set("Content-Type", "application/x-ndjson; charset=utf-8");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            Sink sink = new Sink(out);
            try {
                TurnResult result = backend.engine().handle(message, chunk -> sink.write("chunk", chunk));
                ObjectNode turn = JsonLines.turn(result);
                turn.put("customer_id", message.customerId());
                turn.set("slots", ConsoleApi.slots(result.slots()));
                ObjectNode line = JsonLines.object();
                line.set("turn", turn);
                sink.write(line);
            } catch (EscalationException e) {
                log.warn(
                        "a console chat turn of conversation {} failed: {}",
                        message.conversationId(),
                        PersonalData.redact(e.getMessage()));
                sink.write("error", "the turn could not be handled, nothing of it was stored: " + e.getMessage());
            }
        }
    }

    private CustomerMessage message(JsonNode body) {
        String text = ConsoleApi.text(body, "text");
        if (text == null || text.isBlank()) {
            throw new ConsoleApi.BadRequest("text must not be empty: type a message");
        }
        String conversationId = ConsoleApi.text(body, "conversation_id");
        String customerId = ConsoleApi.text(body, "customer_id");
        if (conversationId == null || conversationId.isBlank()) {
            conversationId = "console-" + randomId();
        }
        conversationId = conversationId.strip();
        Optional<Conversation> stored = backend.conversations().load(conversationId);
        if (stored.isPresent()) {
            customerId = stored.get().customerId();
        } else if (customerId == null || customerId.isBlank()) {
            customerId = DEFAULT_CUSTOMER;
        }
        try {
            return new CustomerMessage(conversationId, customerId.strip(), text);
        } catch (IllegalArgumentException e) {
            throw new ConsoleApi.BadRequest(e.getMessage());
        }
    }

    private String randomId() {
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            id.append(ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length())));
        }
        return id.toString();
    }

    /** Writes lines to the browser; once it has gone, the turn still completes and nothing more is written. */
    private static final class Sink {
        private final OutputStream out;
        private boolean gone;

        Sink(OutputStream out) {
            this.out = out;
        }

        void write(String field, String value) {
            ObjectNode line = JsonLines.object();
            line.put(field, value);
            write(line);
        }

        void write(ObjectNode line) {
            if (gone) {
                return;
            }
            try {
                out.write(Http.line(line));
                out.flush();
            } catch (IOException e) {
                gone = true;
            }
        }
    }
}
