package dev.escalation.runner.internal;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.escalation.core.Interpretation;
import dev.escalation.core.ModelUsage;
import dev.escalation.core.Slots;
import dev.escalation.core.Ticket;
import dev.escalation.core.TicketUpdate;
import dev.escalation.core.TurnResult;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The runner's JSON: reading input lines strictly and writing output objects with a fixed field
 * order (fields are added in the order they should appear), one object per line, as UTF-8.
 *
 * <p>Stateless and thread-safe. Example: {@code JsonLines.writeLine(out, JsonLines.turn(result));}.
 */
public final class JsonLines {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            // A repeated key is a mistake in the input; taking either value would hide it.
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonLines() {}

    /**
     * Reads one JSON value.
     *
     * @throws JsonProcessingException if {@code text} is not exactly one JSON value
     */
    public static JsonNode read(String text) throws JsonProcessingException {
        try (JsonParser parser = MAPPER.createParser(text)) {
            JsonNode node = MAPPER.readTree(parser);
            if (node == null) {
                throw new JsonParseException(parser, "no JSON value");
            }
            // "{...} junk" would otherwise pass as the first value alone.
            if (parser.nextToken() != null) {
                throw new JsonParseException(parser, "more than one JSON value on the line");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading a String does no I/O
        }
    }

    public static ObjectNode object() {
        return NODES.objectNode();
    }

    public static ArrayNode array() {
        return NODES.arrayNode();
    }

    /**
     * Writes {@code node} and a newline as UTF-8 bytes and flushes, so a program on the other end of a
     * pipe sees each line as soon as it exists; bytes rather than characters so the encoding does not
     * depend on the platform's default.
     */
    static void writeLine(PrintStream out, JsonNode node) {
        try {
            out.write(MAPPER.writeValueAsBytes(node));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.write('\n');
        out.flush();
    }

    /**
     * One replayed message: {@code conversation_id, turn, reply, state, slots, ticket}, then {@code
     * parked_request} (the customer's words) only while a second problem waits for a request of its own,
     * then {@code llm}, then
     * {@code degraded: true} only when the configured model failed and the offline model answered, then
     * the {@code transition} of the flow table it took ({@code from, event, guard, to, action}), which
     * {@code diagram --coverage} counts, then the {@link #reading} the flow acted on.
     */
    public static ObjectNode turn(TurnResult result) {
        ObjectNode node = object();
        node.put("conversation_id", result.conversationId());
        node.put("turn", result.turn());
        node.put("reply", result.reply());
        node.put("state", result.state().name());
        node.set("slots", slots(result.slots()));
        node.set("ticket", result.ticket().map(JsonLines::ticketBrief).orElse(null));
        // Only when something is parked, so that every other line stays as operators' scripts know it.
        result.parked().ifPresent(parked -> node.put("parked_request", parked));
        node.set("llm", usage(result.usage()));
        if (result.degraded()) {
            node.put("degraded", true);
        }
        result.takenTransition().ifPresent(t -> {
            ObjectNode transition = node.putObject("transition");
            transition.put("from", t.source().name());
            transition.put("event", t.event().name());
            if (t.guard().isAlways()) {
                transition.putNull("guard");
            } else {
                transition.put("guard", t.guard().name());
            }
            transition.put("to", t.target().name());
            transition.put("action", t.action().name());
        });
        result.readingTaken().ifPresent(reading -> node.set("reading", reading(reading)));
        return node;
    }

    /**
     * What a message was read as: {@code intent}, then only what the reading holds of {@code department,
     * department_from_customer, priority, priority_from_customer, description, states_reason,
     * states_details, contact, ticket_reference, note} and {@code slots} (the flow's own); {@code impact
     * --conversations} replays a conversation from these.
     */
    public static ObjectNode reading(Interpretation reading) {
        ObjectNode node = object();
        node.put("intent", reading.intent().name());
        if (reading.department() != null) {
            node.put("department", reading.department().displayName());
        }
        if (reading.departmentFromCustomer()) {
            node.put("department_from_customer", true);
        }
        if (reading.priority() != null) {
            node.put("priority", reading.priority().wireName());
        }
        if (reading.priorityFromCustomer()) {
            node.put("priority_from_customer", true);
        }
        putIfSet(node, "description", reading.description());
        if (reading.statesReason()) {
            node.put("states_reason", true);
        }
        if (reading.statesDetails()) {
            node.put("states_details", true);
        }
        putIfSet(node, "contact", reading.contact());
        putIfSet(node, "ticket_reference", reading.ticketReference());
        putIfSet(node, "note", reading.note());
        if (!reading.extra().isEmpty()) {
            ObjectNode slots = node.putObject("slots");
            reading.extra().forEach(slots::put);
        }
        return node;
    }

    private static void putIfSet(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    /**
     * What the language model spent on a turn: {@code calls, input_tokens, output_tokens,
     * cached_input_tokens} (the part of the input tokens servers found in their prefix caches).
     */
    public static ObjectNode usage(ModelUsage usage) {
        ObjectNode node = object();
        node.put("calls", usage.calls());
        node.put("input_tokens", usage.inputTokens());
        node.put("output_tokens", usage.outputTokens());
        node.put("cached_input_tokens", usage.cachedInputTokens());
        return node;
    }

    public static ObjectNode slots(Slots slots) {
        ObjectNode node = object();
        node.put(
                "department",
                slots.department() == null ? null : slots.department().displayName());
        node.put("priority", slots.priority() == null ? null : slots.priority().wireName());
        node.put("description", slots.description());
        // The flow's own slots follow, only when the flow has some, so the standard flow's lines keep their form.
        slots.extra().forEach(node::put);
        return node;
    }

    /** What a replay line shows of the current ticket. */
    public static ObjectNode ticketBrief(Ticket ticket) {
        ObjectNode node = object();
        node.put("ticket_id", ticket.ticketId().value());
        node.put("department", ticket.department().displayName());
        node.put("priority", ticket.priority().wireName());
        node.put("status", ticket.status().wireName());
        return node;
    }

    /** The whole ticket, for {@code tickets list --json} and {@code tickets show --json}. */
    public static ObjectNode ticket(Ticket ticket) {
        ObjectNode node = object();
        node.put("ticket_id", ticket.ticketId().value());
        node.put("customer_id", ticket.customerId());
        node.put("conversation_id", ticket.conversationId());
        node.put("department", ticket.department().displayName());
        node.put("priority", ticket.priority().wireName());
        node.put("status", ticket.status().wireName());
        node.put("description", ticket.description());
        node.put("created_at", instant(ticket.createdAt()));
        node.put("updated_at", instant(ticket.updatedAt()));
        if (!ticket.fields().isEmpty()) {
            ObjectNode fields = node.putObject("fields");
            ticket.fields().forEach(fields::put);
        }
        return node;
    }

    public static ArrayNode history(List<TicketUpdate> history) {
        ArrayNode entries = array();
        for (TicketUpdate update : history) {
            ObjectNode entry = entries.addObject();
            entry.put("at", instant(update.at()));
            entry.put("actor", update.actor());
            entry.put("kind", update.kind().name().toLowerCase(Locale.ROOT));
            entry.put(
                    "from_status",
                    update.fromStatus() == null ? null : update.fromStatus().wireName());
            entry.put(
                    "to_status",
                    update.toStatus() == null ? null : update.toStatus().wireName());
            entry.put("note", update.note());
        }
        return entries;
    }

    public static String instant(Instant at) {
        return at.toString();
    }
}
