package dev.escalation.llm.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.escalation.core.Department;
import dev.escalation.core.FlowDefinition;
import dev.escalation.core.Intent;
import dev.escalation.core.Interpretation;
import dev.escalation.core.PersonalData;
import dev.escalation.core.Priority;
import dev.escalation.core.ProblemRelation;
import dev.escalation.core.SlotSpec;
import dev.escalation.core.SlotType;
import dev.escalation.core.State;
import dev.escalation.core.StateSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSON a model fills in to describe one message: the intent plus only the fields the current
 * state needs, as a strict JSON schema (every property required, nullable ones typed
 * {@code ["string","null"]}, enums for intent, department, priority and problem). Replies are validated by
 * hand against this small fixed schema, leniently where it cannot hurt: a missing boolean is false, a
 * missing text is null, unknown properties are ignored, and a department or priority outside the
 * vocabulary is dropped (never passed on). A wrong type or an intent outside the list is an error,
 * sent back to the model once for repair. Not part of the API.
 *
 * <p>Thread-safe.
 */
public final class InterpretationSchema {
    private InterpretationSchema() {}

    private static final Logger log = LoggerFactory.getLogger(InterpretationSchema.class);

    /** The schema's name in {@code response_format.json_schema.name}. */
    public static final String NAME = "message_interpretation";

    private static final List<String> BOOLEANS =
            List.of("states_reason", "states_details", "adds_details", "department_named", "priority_requested");
    private static final List<String> TEXTS = List.of("contact", "ticket_reference", "note");

    /** How a model's reply reads: an interpretation, a tool request written as JSON, or an error. */
    public sealed interface Reading {
        /** A usable interpretation. */
        record Valid(Interpretation interpretation) implements Reading {}

        /** The model asked for a tool in its JSON instead of filling in the object (no native tools). */
        record ToolRequest(ToolCall call) implements Reading {}

        /** The reply does not match the schema; {@code error} says how, for the repair message. */
        record Invalid(String error) implements Reading {}
    }

    /** The properties asked for in {@code state} of the standard flow, in order. */
    public static List<String> fields(State state) {
        return fields(FlowDefinition.standard(), state);
    }

    /** The properties asked for in {@code state} of {@code flow}, in order: the fixed ones, then the flow's own slots. */
    public static List<String> fields(FlowDefinition flow, State state) {
        List<String> fields = new ArrayList<>();
        if (state.equals(flow.confirmation())) {
            fields.addAll(List.of(
                    "intent",
                    "adds_details",
                    "department",
                    "department_named",
                    "priority",
                    "priority_requested",
                    "ticket_reference",
                    "note",
                    "problem"));
        } else {
            fields.addAll(List.of(
                    "intent",
                    "states_reason",
                    "states_details",
                    "department",
                    "department_named",
                    "priority",
                    "priority_requested",
                    "contact",
                    "ticket_reference",
                    "note",
                    "problem"));
        }
        flow.extraSlots().forEach(slot -> fields.add(slot.name()));
        return fields;
    }

    /** The property naming the move a one-call answer's reply is worded for. */
    public static final String NEXT = "next";

    /** The schema's name of a one-call answer (reading and reply). */
    public static final String TURN_NAME = "turn_answer";

    /**
     * The properties of a one-call answer in {@code flow} in a state of {@code kind}, in order: what the
     * state reads, then the move the reply is for, then the reply, last, so that the reading is complete
     * before any word of it streams. A ticket id is never asked for: its form is fixed ({@code TK-} and 8
     * characters), so it is read from the customer's text, where the model could only copy or invent it;
     * and a confirmation reads no reason (its request has one). The states that collect a request share
     * one schema, so that a server's prefix cache holds it from one of them to the next.
     */
    public static List<String> turnFields(FlowDefinition flow, StateSpec.Kind kind) {
        List<String> fields = new ArrayList<>(List.of("intent"));
        if (kind != StateSpec.Kind.CONFIRM) {
            fields.add("states_reason");
        }
        fields.addAll(List.of(
                "states_details",
                "department",
                "department_named",
                "priority",
                "priority_requested",
                "contact",
                "note",
                "problem"));
        flow.extraSlots().forEach(slot -> fields.add(slot.name()));
        fields.add(NEXT);
        fields.add(AnswerScanner.REPLY);
        return fields;
    }

    /**
     * The moves a one-call answer's reply may be worded for in a state of {@code kind} of {@code flow}: a
     * state that collects a request can ask, summarise, cancel or look a ticket up, but never announce a
     * ticket; a confirmation can create one; a state after a ticket starts a new request or looks one up.
     */
    public static List<String> moves(FlowDefinition flow, StateSpec.Kind kind) {
        List<String> moves = new ArrayList<>();
        if (kind != StateSpec.Kind.CONFIRM) {
            moves.addAll(List.of("ask_reason", "ask_details", "ask_department"));
            flow.extraSlots().forEach(slot -> moves.add("ask_" + slot.name()));
        }
        moves.add("summarize");
        if (kind == StateSpec.Kind.CONFIRM) {
            moves.add("ticket_created");
        }
        if (kind != StateSpec.Kind.TICKET) {
            moves.add("cancelled");
        }
        moves.add("lookup");
        return moves;
    }

    /**
     * The strict JSON schema of a one-call answer in {@code flow} in a state of {@code kind}: {@link
     * #turnFields}, all required, {@code next} one of {@link #moves}.
     */
    public static ObjectNode turnSchema(FlowDefinition flow, StateSpec.Kind kind) {
        ObjectNode schema = ModelJson.object();
        schema.put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = schema.putArray("required");
        for (String field : turnFields(flow, kind)) {
            ObjectNode property;
            if (field.equals(NEXT)) {
                property = ModelJson.object().put("type", "string");
                ArrayNode values = property.putArray("enum");
                moves(flow, kind).forEach(values::add);
            } else if (field.equals(AnswerScanner.REPLY)) {
                property = ModelJson.object().put("type", "string");
            } else {
                property = flow.slot(field)
                        .filter(slot -> !slot.isBuiltIn())
                        .map(InterpretationSchema::property)
                        .orElseGet(() -> property(flow, field));
            }
            properties.set(field, property);
            required.add(field);
        }
        schema.put("additionalProperties", false);
        return schema;
    }

    /** The strict JSON schema for {@code state} of the standard flow. */
    public static ObjectNode schema(State state) {
        return schema(FlowDefinition.standard(), state);
    }

    /**
     * The strict JSON schema for {@code state} of {@code flow}: the departments are the flow's, and each
     * of the flow's own slots is a property with its description and, for an enum, its values.
     */
    public static ObjectNode schema(FlowDefinition flow, State state) {
        ObjectNode schema = ModelJson.object();
        schema.put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = schema.putArray("required");
        for (String field : fields(flow, state)) {
            properties.set(
                    field,
                    flow.slot(field)
                            .filter(slot -> !slot.isBuiltIn())
                            .map(InterpretationSchema::property)
                            .orElseGet(() -> property(flow, field)));
            required.add(field);
        }
        schema.put("additionalProperties", false);
        return schema;
    }

    private static ObjectNode property(SlotSpec slot) {
        ObjectNode property = ModelJson.object();
        property.putArray("type").add("string").add("null");
        property.put(
                "description",
                (slot.description() == null ? "the " + slot.readableName() : slot.description()) + typeHint(slot));
        if (slot.type() == SlotType.ENUM) {
            ArrayNode values = property.putArray("enum");
            slot.values().forEach(values::add);
            values.addNull();
        }
        return property;
    }

    /** What a value of {@code slot} must look like, for the model: " (one of a, b)", " (matching ^[0-9]{8}$)". */
    public static String typeHint(SlotSpec slot) {
        return switch (slot.type()) {
            case TEXT -> "";
            case ENUM -> " (one of " + String.join(", ", slot.values()) + ")";
            case PATTERN -> " (matching " + slot.pattern().pattern() + ")";
            case NUMBER -> " (a number)";
            case DATE -> " (a date, YYYY-MM-DD)";
        };
    }

    private static ObjectNode property(FlowDefinition flow, String field) {
        ObjectNode property = ModelJson.object();
        switch (field) {
            case "intent" -> {
                property.put("type", "string");
                ArrayNode values = property.putArray("enum");
                for (Intent intent : Intent.values()) {
                    values.add(intent.name());
                }
            }
            case "department" -> {
                property.putArray("type").add("string").add("null");
                ArrayNode values = property.putArray("enum");
                for (Department department : flow.departments()) {
                    values.add(department.displayName());
                }
                values.addNull();
            }
            case "priority" -> {
                property.putArray("type").add("string").add("null");
                ArrayNode values = property.putArray("enum");
                for (Priority priority : Priority.values()) {
                    values.add(priority.wireName());
                }
                values.addNull();
            }
            case "problem" -> {
                property.putArray("type").add("string").add("null");
                ArrayNode values = property.putArray("enum");
                for (ProblemRelation relation : ProblemRelation.values()) {
                    values.add(relation.wireName());
                }
                values.addNull();
            }
            default -> {
                if (BOOLEANS.contains(field)) {
                    property.put("type", "boolean");
                } else {
                    property.putArray("type").add("string").add("null");
                }
            }
        }
        return property;
    }

    /**
     * The JSON a model should give for {@code expected} in {@code state}: exactly the schema's
     * properties, in its order, for few-shot demonstrations. {@code adds_details} is true when the
     * interpretation carries a description.
     */
    public static ObjectNode expected(Interpretation expected, State state) {
        return expected(expected, FlowDefinition.standard(), state);
    }

    /** The JSON a model should give for {@code expected} in {@code state} of {@code flow}. */
    public static ObjectNode expected(Interpretation expected, FlowDefinition flow, State state) {
        ObjectNode json = ModelJson.object();
        for (String field : fields(flow, state)) {
            switch (field) {
                case "intent" -> json.put(field, expected.intent().name());
                case "states_reason" -> json.put(field, expected.statesReason());
                case "states_details" -> json.put(field, expected.statesDetails());
                case "adds_details" -> json.put(field, expected.description() != null);
                case "department" ->
                    json.put(
                            field,
                            expected.department() == null
                                    ? null
                                    : expected.department().displayName());
                case "department_named" -> json.put(field, expected.departmentFromCustomer());
                case "priority" ->
                    json.put(
                            field,
                            expected.priority() == null
                                    ? null
                                    : expected.priority().wireName());
                case "priority_requested" -> json.put(field, expected.priorityFromCustomer());
                case "contact" -> json.put(field, expected.contact());
                case "ticket_reference" -> json.put(field, expected.ticketReference());
                case "note" -> json.put(field, expected.note());
                case "problem" ->
                    json.put(
                            field,
                            expected.problem() == null
                                    ? null
                                    : expected.problem().wireName());
                default -> json.put(field, expected.extra().get(field));
            }
        }
        return json;
    }

    /**
     * Validates a model's JSON against the schema for {@code state} and turns it into an
     * interpretation of {@code customerText}.
     */
    public static Reading read(ObjectNode json, State state, String customerText) {
        return read(json, FlowDefinition.standard(), state, customerText);
    }

    /**
     * Validates a model's JSON against the schema for {@code state} of {@code flow}: a department
     * outside the flow, or a value of the flow's own slot that does not fit its type, is dropped.
     */
    public static Reading read(ObjectNode json, FlowDefinition flow, State state, String customerText) {
        JsonNode intentNode = json.get("intent");
        if (intentNode == null || intentNode.isNull()) {
            ToolCall tool = toolRequest(json);
            if (tool != null) {
                return new Reading.ToolRequest(tool);
            }
            return new Reading.Invalid("the property intent is missing; it must be one of " + intentNames());
        }
        List<String> errors = new ArrayList<>();
        Intent intent = null;
        if (!intentNode.isTextual()) {
            errors.add("intent must be a string, one of " + intentNames() + ", but was " + ModelJson.write(intentNode));
        } else {
            intent = intentOf(intentNode.asText());
            if (intent == null) {
                errors.add("intent must be one of " + intentNames() + ", but was '" + intentNode.asText() + "'");
            }
        }
        boolean[] flags = new boolean[BOOLEANS.size()];
        for (int i = 0; i < BOOLEANS.size(); i++) {
            flags[i] = booleanOf(json, BOOLEANS.get(i), errors);
        }
        String[] texts = new String[TEXTS.size()];
        for (int i = 0; i < TEXTS.size(); i++) {
            texts[i] = textOf(json, TEXTS.get(i), errors);
        }
        String departmentText = textOf(json, "department", errors);
        Map<String, String> extra = new java.util.TreeMap<>();
        for (SlotSpec slot : flow.extraSlots()) {
            String raw = textOf(json, slot.name(), errors);
            if (raw != null) {
                Optional<String> value = flow.accept(slot.name(), raw);
                if (value.isPresent()) {
                    extra.put(slot.name(), value.get());
                } else {
                    log.debug("dropped a value of slot {} that does not fit its type", slot.name());
                }
            }
        }
        String priorityText = textOf(json, "priority", errors);
        String problemText = textOf(json, "problem", errors);
        if (!errors.isEmpty()) {
            return new Reading.Invalid(String.join("; ", errors));
        }
        Department department =
                departmentText == null ? null : flow.department(departmentText).orElse(null);
        if (departmentText != null && department == null) {
            log.debug("dropped a department outside the list: '{}'", PersonalData.redact(departmentText));
        }
        Priority priority =
                priorityText == null ? null : Priority.parse(priorityText).orElse(null);
        if (priorityText != null && priority == null) {
            log.debug("dropped a priority outside the list: '{}'", PersonalData.redact(priorityText));
        }
        boolean statesReason = flags[0];
        boolean statesDetails = flags[1];
        boolean addsDetails = flags[2];
        boolean informative = intent == Intent.PROVIDE_INFO || intent == Intent.CORRECT;
        String description =
                informative && (statesReason || statesDetails || addsDetails) ? customerText.strip() : null;
        boolean lookup = intent == Intent.STATUS_QUERY || intent == Intent.ADD_UPDATE;
        // The one-call answer asks for no ticket id (its form is fixed): the one the customer typed is read.
        String reference = lookup
                ? CustomerText.ticketReference(texts[1], customerText)
                        .or(() -> CustomerText.ticketIdIn(customerText))
                        .orElse(null)
                : null;
        String note = intent == Intent.ADD_UPDATE && texts[2] != null && !texts[2].isBlank() ? texts[2].strip() : null;
        String contact = texts[0] == null || texts[0].isBlank() ? null : texts[0].strip();
        if (contact != null && !CustomerText.mentions(contact, customerText)) {
            contact = null; // contact data must be what the customer wrote, not a guess
        }
        return new Reading.Valid(new Interpretation(
                intent,
                department,
                department != null && flags[3],
                priority,
                priority != null && flags[4],
                description,
                statesReason && !state.equals(flow.confirmation()),
                statesDetails && !state.equals(flow.confirmation()),
                contact,
                reference,
                note,
                intent == Intent.PROVIDE_INFO || intent == Intent.CORRECT ? extra : Map.of(),
                problem(problemText)));
    }

    // An unknown relation is no reading at all: the flow then takes the message as it did before.
    private static ProblemRelation problem(String text) {
        if (text == null) {
            return null;
        }
        Optional<ProblemRelation> relation = ProblemRelation.parse(text);
        if (relation.isEmpty()) {
            log.debug("dropped a problem relation outside the list: '{}'", PersonalData.redact(text));
        }
        return relation.orElse(null);
    }

    /** Reads an intent name leniently: case, spaces and a few synonyms; null when unknown. */
    static Intent intentOf(String value) {
        String key = value.strip().toUpperCase(Locale.ROOT).replaceAll("[\\s\\-]+", "_");
        for (Intent intent : Intent.values()) {
            if (intent.name().equals(key)) {
                return intent;
            }
        }
        return switch (key) {
            case "INFO", "PROVIDE_INFORMATION", "PROVIDEINFO" -> Intent.PROVIDE_INFO;
            case "YES" -> Intent.CONFIRM;
            case "NO" -> Intent.DENY;
            case "CORRECTION" -> Intent.CORRECT;
            case "STATUS", "GET_TICKET_STATUS", "TICKET_STATUS" -> Intent.STATUS_QUERY;
            case "UPDATE", "UPDATE_TICKET", "ADD_NOTE" -> Intent.ADD_UPDATE;
            default -> null;
        };
    }

    private static String intentNames() {
        List<String> names = new ArrayList<>();
        for (Intent intent : Intent.values()) {
            names.add(intent.name());
        }
        return String.join(", ", names);
    }

    private static boolean booleanOf(JsonNode json, String field, List<String> errors) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        if (value.isTextual()
                && (value.asText().equalsIgnoreCase("true") || value.asText().equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(value.asText().toLowerCase(Locale.ROOT));
        }
        errors.add(field + " must be true or false, but was " + ModelJson.write(value));
        return false;
    }

    private static String textOf(JsonNode json, String field, List<String> errors) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isTextual()) {
            String text = value.asText().strip();
            return text.isEmpty() || text.equalsIgnoreCase("null") ? null : text;
        }
        errors.add(field + " must be a string or null, but was " + ModelJson.write(value));
        return null;
    }

    /** A tool request written as JSON: {@code {"name"|"tool"|"function": ..., "arguments"|"parameters": ...}}. */
    private static ToolCall toolRequest(JsonNode json) {
        String name = null;
        for (String field : List.of("tool", "name", "function", "tool_name")) {
            JsonNode value = json.get(field);
            if (value != null && value.isTextual()) {
                name = value.asText();
                break;
            }
            if (value != null && value.isObject() && value.has("name")) {
                name = ModelJson.text(value, "name");
                JsonNode arguments = value.get("arguments");
                return new ToolCall(
                        null,
                        name,
                        arguments == null
                                ? "{}"
                                : arguments.isTextual() ? arguments.asText() : ModelJson.write(arguments));
            }
        }
        if (name == null) {
            return null;
        }
        for (String field : List.of("arguments", "parameters", "args", "input")) {
            JsonNode value = json.get(field);
            if (value != null) {
                return new ToolCall(null, name, value.isTextual() ? value.asText() : ModelJson.write(value));
            }
        }
        return new ToolCall(null, name, "{}");
    }
}
