package dev.escalation.runner.internal.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.escalation.core.Conversation;
import dev.escalation.core.ConversationTurn;
import dev.escalation.core.EscalationException;
import dev.escalation.core.Priority;
import dev.escalation.core.Slots;
import dev.escalation.core.Ticket;
import dev.escalation.core.TicketChange;
import dev.escalation.core.TicketId;
import dev.escalation.core.TicketNotFoundException;
import dev.escalation.core.TicketStatus;
import dev.escalation.core.Transition;
import dev.escalation.runner.internal.FlowCoverage;
import dev.escalation.runner.internal.JsonLines;
import dev.escalation.runner.internal.Operators;
import dev.escalation.store.TicketQuery;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The console's JSON API: the flow, the chat (streamed), tickets, conversations and flow traffic.
 * Bad input is answered with 400 and a message naming the value; nothing is changed then.
 *
 * <p>Thread-safe. Not a published API. Example: {@code GET /api/tickets?status=open&page=2}.
 */
final class ConsoleApi {

    static final int PAGE_SIZE = 25;
    private static final int MAX_BODY_BYTES = 256 * 1024;
    private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    /** Bad input from the browser: answered with 400 and this message. */
    static final class BadRequest extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadRequest(String message) {
            super(message);
        }
    }

    private final ConsoleBackend backend;
    private final ConsoleGuard guard;
    private final ConsoleFlow flow;
    private final ConsoleChat chat;

    ConsoleApi(ConsoleBackend backend, ConsoleGuard guard) {
        this.backend = backend;
        this.guard = guard;
        this.flow = new ConsoleFlow(backend.engine().flow());
        this.chat = new ConsoleChat(backend);
    }

    void handle(HttpExchange exchange, String path) throws IOException {
        String method = exchange.getRequestMethod();
        Map<String, String> query = query(exchange);
        try {
            if (method.equals("GET") && path.equals("/session")) {
                Http.json(exchange, 200, session());
            } else if (method.equals("GET") && path.equals("/flow")) {
                Http.json(exchange, 200, flow.json());
            } else if (method.equals("POST") && path.equals("/chat")) {
                chat.stream(exchange, body(exchange));
            } else if (method.equals("GET") && path.equals("/conversations")) {
                Http.json(exchange, 200, conversations(page(query)));
            } else if (method.equals("GET") && path.startsWith("/conversations/")) {
                conversation(exchange, decode(path.substring("/conversations/".length())));
            } else if (method.equals("GET") && path.equals("/tickets")) {
                Http.json(exchange, 200, tickets(query));
            } else if (path.startsWith("/tickets/") && (method.equals("GET") || method.equals("POST"))) {
                ticket(exchange, ticketId(decode(path.substring("/tickets/".length()))), method.equals("POST"));
            } else if (method.equals("GET") && path.equals("/traffic")) {
                Http.json(exchange, 200, traffic(query));
            } else {
                Http.error(exchange, 404, "no API " + method + " /api" + path);
            }
        } catch (BadRequest e) {
            Http.error(exchange, 400, e.getMessage());
        }
    }

    private ObjectNode session() {
        ObjectNode node = JsonLines.object();
        node.put("csrf", guard.csrfToken());
        node.put("actor", Operators.actor(null, backend.user()));
        node.put("page_size", PAGE_SIZE);
        ArrayNode statuses = node.putArray("statuses");
        Stream.of(TicketStatus.values()).forEach(s -> statuses.add(s.wireName()));
        ArrayNode departments = node.putArray("departments");
        flow.departments().forEach(departments::add);
        ArrayNode priorities = node.putArray("priorities");
        Stream.of(Priority.values()).forEach(p -> priorities.add(p.wireName()));
        return node;
    }

    private ObjectNode conversations(int page) {
        List<Conversation> found = backend.conversations().conversations(page * PAGE_SIZE, PAGE_SIZE + 1);
        ObjectNode node = pageNode(page, found.size() > PAGE_SIZE);
        ArrayNode items = node.putArray("items");
        found.stream().limit(PAGE_SIZE).forEach(c -> items.add(conversation(c)));
        return node;
    }

    private void conversation(HttpExchange exchange, String id) throws IOException {
        Optional<Conversation> stored = backend.conversations().load(id);
        List<ConversationTurn> turns = backend.conversations().turns(id);
        if (stored.isEmpty() && turns.isEmpty()) {
            Http.error(exchange, 404, "no conversation " + id);
            return;
        }
        ObjectNode node = JsonLines.object();
        node.set("conversation", stored.map(this::conversation).orElse(null));
        ArrayNode transcript = node.putArray("turns");
        turns.forEach(t -> transcript.add(turn(t)));
        Http.json(exchange, 200, node);
    }

    ObjectNode conversation(Conversation c) {
        ObjectNode node = JsonLines.object();
        node.put("conversation_id", c.conversationId());
        node.put("customer_id", c.customerId());
        node.put("state", c.state().name());
        node.put("cycle", c.cycle());
        node.put("turns", c.turns());
        node.put(
                "current_ticket_id",
                c.currentTicketId() == null ? null : c.currentTicketId().value());
        node.put("created_at", JsonLines.instant(c.createdAt()));
        node.put("updated_at", JsonLines.instant(c.updatedAt()));
        node.set("slots", slots(c.slots()));
        node.put("parked_request", c.parkedRequest());
        return node;
    }

    static ObjectNode slots(Slots slots) {
        ObjectNode node = JsonLines.slots(slots);
        node.put("contact", slots.contact());
        node.put("reason_given", slots.reasonGiven());
        node.put("details_given", slots.detailsGiven());
        ObjectNode extra = node.putObject("extra");
        slots.extra().forEach(extra::put);
        return node;
    }

    private ObjectNode turn(ConversationTurn t) {
        ObjectNode node = JsonLines.object();
        node.put("turn", t.turn());
        node.put("cycle", t.cycle());
        node.put("at", JsonLines.instant(t.at()));
        node.put("text", t.text());
        node.put("reply", t.reply());
        node.put("from", t.from().name());
        node.put("event", t.event().name());
        node.put("guard", "always".equals(t.guard()) ? null : t.guard());
        node.put("to", t.to().name());
        Optional<Transition> row = FlowCoverage.row(flow.definition(), t);
        node.put("row", row.map(flow::indexOf).orElse(-1));
        node.put("action", row.map(r -> r.action().name()).orElse(null));
        return node;
    }

    private ObjectNode tickets(Map<String, String> query) {
        int page = page(query);
        TicketQuery search = new TicketQuery(
                parse(query, "status", v -> TicketStatus.parse(v).orElse(null), TicketStatus.values().length),
                parse(
                        query,
                        "department",
                        v -> flow.department(v).orElse(null),
                        flow.departments().size()),
                parse(query, "priority", v -> Priority.parse(v).orElse(null), Priority.values().length),
                query.get("customer"),
                page * PAGE_SIZE,
                PAGE_SIZE + 1);
        List<Ticket> found = backend.tickets().search(search);
        ObjectNode node = pageNode(page, found.size() > PAGE_SIZE);
        ArrayNode items = node.putArray("items");
        found.stream().limit(PAGE_SIZE).forEach(t -> items.add(JsonLines.ticket(t)));
        return node;
    }

    private void ticket(HttpExchange exchange, TicketId id, boolean update) throws IOException {
        if (update) {
            TicketChange change = change(id, body(exchange));
            try {
                backend.tickets().update(change);
            } catch (TicketNotFoundException e) {
                Http.error(exchange, 404, "no ticket " + id);
                return;
            } catch (EscalationException e) {
                Http.error(exchange, 500, "unable to update " + id + ": " + e.getMessage());
                return;
            }
        }
        Optional<Ticket> ticket = backend.tickets().find(id);
        if (ticket.isEmpty()) {
            Http.error(exchange, 404, "no ticket " + id);
            return;
        }
        ObjectNode node = JsonLines.ticket(ticket.get());
        node.set("history", JsonLines.history(backend.tickets().history(id)));
        Http.json(exchange, 200, node);
    }

    // The same rules as tickets update: a status, a note or both; the note's length; the operator as actor.
    private TicketChange change(TicketId id, JsonNode body) {
        String status = text(body, "status");
        String note = text(body, "note");
        TicketStatus newStatus = status == null
                ? null
                : TicketStatus.parse(status)
                        .orElseThrow(() -> new BadRequest("status must be one of "
                                + Stream.of(TicketStatus.values())
                                        .map(TicketStatus::wireName)
                                        .collect(Collectors.joining(", "))
                                + ", but was '" + status + "'"));
        if (note != null && note.isBlank()) {
            note = null;
        }
        if (newStatus == null && note == null) {
            throw new BadRequest("a change needs a status or a note (or both)");
        }
        if (note != null && note.length() > TicketChange.MAX_NOTE_LENGTH) {
            throw new BadRequest("the note must be at most " + TicketChange.MAX_NOTE_LENGTH + " characters, but was "
                    + note.length());
        }
        String actor;
        try {
            actor = Operators.actor(text(body, "actor"), backend.user());
        } catch (IllegalArgumentException e) {
            throw new BadRequest("the name must not be blank");
        }
        return new TicketChange(id, actor, newStatus, note, backend.clock().instant());
    }

    private ObjectNode traffic(Map<String, String> query) {
        Instant now = backend.clock().instant();
        Instant to = instant(query, "to").orElse(now);
        Instant from = instant(query, "from").orElse(to.minus(Duration.ofDays(7)));
        if (!from.isBefore(to)) {
            throw new BadRequest("from must be before to, but was " + from + " and " + to);
        }
        List<ConversationTurn> turns = backend.conversations().turnsBetween(from, LATEST);
        FlowTraffic traffic = FlowTraffic.of(flow.definition(), turns, from, to, now, backend.conversationTtl());
        ObjectNode node = flow.json(traffic.counts());
        node.put("from", JsonLines.instant(from));
        node.put("to", JsonLines.instant(to));
        node.put("turn_count", traffic.turns());
        node.put("conversation_count", traffic.conversationCount());
        node.put("unknown_turns", traffic.unknownTurns());
        node.put("conversation_ttl", backend.conversationTtl().toString());
        for (JsonNode row : node.withArray("transitions")) {
            Transition t = flow.definition().transitions().get(row.get("id").asInt());
            ((ObjectNode) row).put("count", traffic.counts().getOrDefault(t, 0L));
            ((ObjectNode) row).put("conversations", traffic.conversations().getOrDefault(t, 0L));
        }
        ObjectNode abandoned = node.putObject("abandoned");
        traffic.abandoned().forEach((state, count) -> abandoned.put(state.name(), count));
        ObjectNode cancelled = node.putObject("cancelled");
        traffic.cancelled().forEach((state, count) -> cancelled.put(state.name(), count));
        return node;
    }

    private static ObjectNode pageNode(int page, boolean more) {
        ObjectNode node = JsonLines.object();
        node.put("page", page);
        node.put("page_size", PAGE_SIZE);
        node.put("more", more);
        return node;
    }

    private static <T> T parse(Map<String, String> query, String name, Function<String, T> parser, int choices) {
        String value = query.get(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        T parsed = parser.apply(value);
        if (parsed == null) {
            throw new BadRequest(name + " must be one of the " + choices + " offered, but was '" + value + "'");
        }
        return parsed;
    }

    private static Optional<Instant> instant(Map<String, String> query, String name) {
        String value = query.get(name);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            Instant at = Instant.parse(value.strip());
            if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
                throw new BadRequest(name + " must be between 1970 and 9999, but was " + value);
            }
            return Optional.of(at);
        } catch (DateTimeParseException e) {
            throw new BadRequest(
                    name + " must be an ISO-8601 instant such as 2026-01-31T09:00:00Z, but was '" + value + "'");
        }
    }

    private static int page(Map<String, String> query) {
        String value = query.getOrDefault("page", "0");
        try {
            int page = Integer.parseInt(value);
            if (page >= 0 && page <= 100_000) {
                return page;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadRequest("page must be a number from 0, but was '" + value + "'");
    }

    private static TicketId ticketId(String value) {
        return TicketId.parse(value)
                .orElseThrow(() -> new BadRequest("'" + value + "' is not a ticket id: expected TK-" + " followed by "
                        + TicketId.LENGTH + " characters of " + TicketId.ALPHABET));
    }

    static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new BadRequest(field + " must be a string, but was "
                    + value.getNodeType().name().toLowerCase());
        }
        return value.asText();
    }

    static JsonNode body(HttpExchange exchange) throws IOException {
        byte[] bytes;
        try (InputStream in = exchange.getRequestBody()) {
            bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw new BadRequest("the request is larger than " + MAX_BODY_BYTES + " bytes");
        }
        try {
            JsonNode node = JsonLines.read(new String(bytes, StandardCharsets.UTF_8));
            if (!node.isObject()) {
                throw new BadRequest("the request must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new BadRequest("the request is not JSON: " + e.getOriginalMessage());
        }
    }

    private static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> values = new HashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                String[] parts = pair.split("=", 2);
                values.putIfAbsent(decode(parts[0]), parts.length == 2 ? decode(parts[1]) : "");
            }
        }
        return values;
    }

    private static String decode(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadRequest("'" + value + "' is not URL-encoded properly");
        }
    }
}
