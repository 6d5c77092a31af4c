package dev.escalation.store.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.escalation.core.Department;
import dev.escalation.core.Priority;
import dev.escalation.core.Slots;
import java.util.Map;
import java.util.TreeMap;

/**
 * Slots as stored: a JSON object with the department's display name, the priority's wire name, the
 * flags, the texts and the extra map, so the column is readable by people and by other languages.
 *
 * <p>Thread-safe (the mapper is configured once and only used). Not a published API. Example:
 * {@code SlotsJson.read(SlotsJson.write(slots))} equals {@code slots}.
 */
public final class SlotsJson {

    // Unknown properties are ignored so that a row written by a newer version stays readable here.
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** The JSON shape; a separate record so that renaming a Java component never changes stored rows. */
    record Document(
            String department,
            boolean departmentFromCustomer,
            String priority,
            boolean priorityFromCustomer,
            String description,
            boolean reasonGiven,
            boolean detailsGiven,
            String contact,
            Map<String, String> extra) {}

    private SlotsJson() {}

    /** The JSON text of {@code slots}. */
    public static String write(Slots slots) {
        Document document = new Document(
                slots.department() == null ? null : slots.department().displayName(),
                slots.departmentFromCustomer(),
                slots.priority() == null ? null : slots.priority().wireName(),
                slots.priorityFromCustomer(),
                slots.description(),
                slots.reasonGiven(),
                slots.detailsGiven(),
                slots.contact(),
                new TreeMap<>(slots.extra()));
        try {
            return MAPPER.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            // Strings, booleans and a string map always serialize; this would be a Jackson bug.
            throw new IllegalStateException("unable to write slots as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The slots of a JSON text; {@link IllegalArgumentException} saying what is wrong if it is not valid. */
    public static Slots read(String json) {
        Document document;
        try {
            document = MAPPER.readValue(json, Document.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("slots are not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (document == null) {
            throw new IllegalArgumentException("slots must be a JSON object, but were '" + json + "'");
        }
        return new Slots(
                document.department() == null ? null : Department.canonical(new Department(document.department())),
                document.departmentFromCustomer(),
                document.priority() == null ? null : Priority.of(document.priority()),
                document.priorityFromCustomer(),
                document.description(),
                document.reasonGiven(),
                document.detailsGiven(),
                document.contact(),
                document.extra());
    }

    /** The JSON text of a ticket's own fields. */
    public static String writeFields(java.util.Map<String, String> fields) {
        try {
            return MAPPER.writeValueAsString(new TreeMap<>(fields));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unable to write ticket fields as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** A ticket's own fields from their JSON text (null, from a database written before they existed, is none). */
    public static java.util.Map<String, String> readFields(String json) {
        if (json == null || json.isBlank()) {
            return java.util.Map.of();
        }
        try {
            java.util.Map<String, String> fields = MAPPER.readValue(
                    json, new com.fasterxml.jackson.core.type.TypeReference<java.util.Map<String, String>>() {});
            if (fields == null) {
                throw new IllegalArgumentException("ticket fields must be a JSON object, but were '" + json + "'");
            }
            return fields;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("ticket fields are not valid JSON: " + e.getOriginalMessage(), e);
        }
    }
}
