package dev.escalation.llm.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.escalation.core.Intent;
import dev.escalation.core.Interpretation;
import java.util.Locale;
import java.util.Map;

/**
 * The two tools a model may call while reading a message: {@code get_ticket_status(ticket_id)} and
 * {@code update_ticket(ticket_id, note)}. A valid call is not executed here: it becomes the
 * interpretation {@link Intent#STATUS_QUERY} or {@link Intent#ADD_UPDATE} with the ticket reference
 * and note, and the engine executes it against the store with its ownership checks. An unknown tool
 * or invalid arguments give an error observation to send back to the model. {@code create_ticket}
 * is deliberately not a tool: the engine creates tickets on the confirmed transition only.
 * Not part of the API.
 *
 * <p>Thread-safe.
 */
public final class TicketTools {
    private TicketTools() {}

    public static final String STATUS = "get_ticket_status";
    public static final String UPDATE = "update_ticket";

    /** What checking a tool call gave. */
    public sealed interface Check {
        /** The call is valid; the engine will carry it out. */
        record Accepted(Interpretation interpretation) implements Check {}

        /** The call is invalid; {@code observation} goes back to the model. */
        record Rejected(String observation) implements Check {}
    }

    /** The {@code tools} array of a chat-completions request. */
    public static ArrayNode definitions() {
        ArrayNode tools = ModelJson.array();
        tools.add(tool(STATUS, "Look up the status of one of the customer's existing tickets.", false));
        tools.add(tool(UPDATE, "Add the customer's new information as a note to one of their existing tickets.", true));
        return tools;
    }

    private static ObjectNode tool(String name, String description, boolean withNote) {
        ObjectNode tool = ModelJson.object();
        tool.put("type", "function");
        ObjectNode function = tool.putObject("function");
        function.put("name", name);
        function.put("description", description);
        ObjectNode parameters = function.putObject("parameters");
        parameters.put("type", "object");
        ObjectNode properties = parameters.putObject("properties");
        ObjectNode ticketId = properties.putObject("ticket_id");
        ticketId.putArray("type").add("string").add("null");
        ticketId.put(
                "description",
                "The ticket id exactly as the customer typed it (like TK-7QX2M9PA), "
                        + "or null for the customer's latest ticket.");
        ArrayNode required = parameters.putArray("required").add("ticket_id");
        if (withNote) {
            ObjectNode note = properties.putObject("note");
            note.put("type", "string");
            note.put("description", "The information to add, in the customer's words.");
            required.add("note");
        }
        parameters.put("additionalProperties", false);
        function.put("strict", true);
        return tool;
    }

    /** Checks one call against the tools and what the customer wrote. */
    public static Check check(ToolCall call, String customerText) {
        String name = call.name().strip().toLowerCase(Locale.ROOT);
        if (!name.equals(STATUS) && !name.equals(UPDATE)) {
            return new Check.Rejected("error: there is no tool named '" + clip(call.name()) + "'. The tools are "
                    + STATUS + "(ticket_id) and " + UPDATE
                    + "(ticket_id, note); for anything else answer with the JSON object.");
        }
        JsonNode arguments;
        try {
            arguments = call.arguments().isBlank() ? ModelJson.object() : ModelJson.objectIn(call.arguments());
        } catch (ModelJson.NotAnObjectException e) {
            return new Check.Rejected("error: the arguments of " + name + " must be a JSON object such as "
                    + (name.equals(STATUS)
                            ? "{\"ticket_id\": \"TK-7QX2M9PA\"}"
                            : "{\"ticket_id\": null, \"note\": \"...\"}")
                    + "; " + e.getMessage());
        }
        JsonNode ticketNode = arguments.get("ticket_id");
        String reference = null;
        if (ticketNode != null && !ticketNode.isNull()) {
            if (!ticketNode.isTextual()) {
                return new Check.Rejected(
                        "error: ticket_id must be a string or null, but was " + ModelJson.write(ticketNode));
            }
            String typed = ticketNode.asText().strip();
            if (!typed.isEmpty() && !typed.equalsIgnoreCase("null")) {
                if (!CustomerText.looksLikeTicketId(typed)) {
                    return new Check.Rejected(
                            "error: ticket_id must be a ticket id like TK-7QX2M9PA as the customer typed it, "
                                    + "or null for their latest ticket, but was '" + clip(typed) + "'");
                }
                reference = CustomerText.ticketReference(typed, customerText).orElse(null);
                if (reference == null) {
                    return new Check.Rejected("error: the customer did not mention ticket " + clip(typed)
                            + "; pass the id they typed, or null for their latest ticket");
                }
            }
        }
        if (name.equals(STATUS)) {
            return new Check.Accepted(new Interpretation(
                    Intent.STATUS_QUERY,
                    null,
                    false,
                    null,
                    false,
                    null,
                    false,
                    false,
                    null,
                    reference,
                    null,
                    Map.of()));
        }
        JsonNode noteNode = arguments.get("note");
        if (noteNode != null && !noteNode.isNull() && !noteNode.isTextual()) {
            return new Check.Rejected("error: note must be a string, but was " + ModelJson.write(noteNode));
        }
        String note = noteNode == null || noteNode.isNull() || noteNode.asText().isBlank()
                ? null
                : noteNode.asText().strip();
        // A missing note is not an error: the engine then asks the customer what to add.
        return new Check.Accepted(new Interpretation(
                Intent.ADD_UPDATE, null, false, null, false, null, false, false, null, reference, note, Map.of()));
    }

    private static String clip(String value) {
        return value.length() > 60 ? value.substring(0, 60) + "…" : value;
    }
}
