package dev.escalation.runner.internal.impact;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.escalation.core.ConversationTurn;
import dev.escalation.core.Department;
import dev.escalation.core.Intent;
import dev.escalation.core.Interpretation;
import dev.escalation.core.Priority;
import dev.escalation.core.State;
import dev.escalation.runner.internal.JsonLines;
import java.io.BufferedReader;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the output of {@code replay} (its JSON lines) as stored transcripts, one per conversation in
 * the order they first appear. Lines that report an error, and answers without a transition (a
 * refused or repeated message), are not turns and are passed over; a line that is not replay output
 * stops the reading with an error naming its number.
 *
 * <p>The output holds no customer text and no times: each conversation is its own customer, its turns
 * a second apart (so none expires), and a message's text is the ticket id it named, if any, which is
 * all the engine reads of the text once the reading is given.
 *
 * <p>Stateless and thread-safe. Example: {@code TranscriptFile.read(reader, "out.jsonl")}.
 */
public final class TranscriptFile {

    private static final Instant START = Instant.parse("2000-01-01T00:00:00Z");

    private TranscriptFile() {}

    /** A line that is not replay output; the message names the file, the line and what is wrong. */
    public static final class InvalidTranscriptFileException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InvalidTranscriptFileException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * The transcripts of the replay output {@code reader} holds.
     *
     * @throws InvalidTranscriptFileException naming {@code name} and the line when a line is not replay output
     * @throws IOException if reading fails
     */
    public static List<List<ConversationTurn>> read(BufferedReader reader, String name) throws IOException {
        Map<String, List<ConversationTurn>> conversations = new LinkedHashMap<>();
        int number = 0;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode node = JsonLines.read(line);
                if (!node.isObject()) {
                    throw new IllegalArgumentException("a line must be a JSON object");
                }
                if (node.has("error") || !node.has("transition")) {
                    continue;
                }
                ConversationTurn turn = turn(node);
                conversations
                        .computeIfAbsent(turn.conversationId(), id -> new ArrayList<>())
                        .add(turn);
            } catch (JsonProcessingException e) {
                throw new InvalidTranscriptFileException(
                        name + " line " + number + ": not valid JSON: " + e.getOriginalMessage(), e);
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new InvalidTranscriptFileException(
                        name + " line " + number + ": not a line of replay output: " + e.getMessage(), e);
            }
        }
        return conversations.values().stream().map(List::copyOf).toList();
    }

    private static ConversationTurn turn(JsonNode node) {
        String conversation = text(node, "conversation_id");
        JsonNode number = node.get("turn");
        if (number == null || !number.canConvertToInt() || number.asInt() < 1) {
            throw new IllegalArgumentException("turn must be a positive number, but was " + number);
        }
        JsonNode transition = node.get("transition");
        Interpretation reading = node.has("reading") ? reading(node.get("reading")) : null;
        String guard = transition.hasNonNull("guard") ? text(transition, "guard") : "always";
        String typed = reading == null || reading.ticketReference() == null ? "" : reading.ticketReference();
        return new ConversationTurn(
                conversation,
                conversation,
                number.asInt(),
                1,
                START.plusSeconds(number.asInt()),
                typed,
                State.of(text(transition, "from")),
                Intent.valueOf(text(transition, "event")),
                guard,
                State.of(text(transition, "to")),
                null,
                reading);
    }

    /** The reading of a replay line's {@code reading} object (the form {@code JsonLines.reading} writes). */
    static Interpretation reading(JsonNode node) {
        Map<String, String> slots = new TreeMap<>();
        JsonNode extra = node.get("slots");
        if (extra != null) {
            extra.fields()
                    .forEachRemaining(
                            field -> slots.put(field.getKey(), field.getValue().asText()));
        }
        String department = optional(node, "department");
        String priority = optional(node, "priority");
        return new Interpretation(
                Intent.valueOf(text(node, "intent")),
                department == null ? null : Department.canonical(new Department(department)),
                node.path("department_from_customer").asBoolean(false),
                priority == null ? null : Priority.of(priority),
                node.path("priority_from_customer").asBoolean(false),
                optional(node, "description"),
                node.path("states_reason").asBoolean(false),
                node.path("states_details").asBoolean(false),
                optional(node, "contact"),
                optional(node, "ticket_reference"),
                optional(node, "note"),
                slots);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException(field + " must be a string, but was " + value);
        }
        return value.textValue();
    }

    private static String optional(JsonNode node, String field) {
        return node.hasNonNull(field) ? text(node, field) : null;
    }
}
