package dev.escalation.store.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.escalation.core.Department;
import dev.escalation.core.Intent;
import dev.escalation.core.Interpretation;
import dev.escalation.core.Priority;
import java.util.Map;
import java.util.TreeMap;

/**
 * A turn's reading as stored: a JSON object with the intent's name, the department's display name,
 * the priority's wire name, the flags, the texts and the extra map, readable by people and by other
 * languages, as {@link SlotsJson} stores slots.
 *
 * <p>Thread-safe (the mapper is configured once and only used). Not a published API. Example:
 * {@code ReadingJson.read(ReadingJson.write(reading))} equals {@code reading}.
 */
public final class ReadingJson {

    // Unknown properties are ignored so that a row written by a newer version stays readable here.
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** The JSON shape; a separate record so that renaming a Java component never changes stored rows. */
    record Document(
            String intent,
            String department,
            boolean departmentFromCustomer,
            String priority,
            boolean priorityFromCustomer,
            String description,
            boolean statesReason,
            boolean statesDetails,
            String contact,
            String ticketReference,
            String note,
            Map<String, String> extra) {}

    private ReadingJson() {}

    /** The JSON text of {@code reading}, or null for none. */
    public static String write(Interpretation reading) {
        if (reading == null) {
            return null;
        }
        Document document = new Document(
                reading.intent().name(),
                reading.department() == null ? null : reading.department().displayName(),
                reading.departmentFromCustomer(),
                reading.priority() == null ? null : reading.priority().wireName(),
                reading.priorityFromCustomer(),
                reading.description(),
                reading.statesReason(),
                reading.statesDetails(),
                reading.contact(),
                reading.ticketReference(),
                reading.note(),
                new TreeMap<>(reading.extra()));
        try {
            return MAPPER.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            // Strings, booleans and a string map always serialize; this would be a Jackson bug.
            throw new IllegalStateException("unable to write a reading as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * The reading of a JSON text, or null for none.
     *
     * @throws IllegalArgumentException saying what is wrong if it is not a valid reading
     */
    public static Interpretation read(String json) {
        if (json == null) {
            return null;
        }
        Document document;
        try {
            document = MAPPER.readValue(json, Document.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the reading is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (document == null || document.intent() == null) {
            throw new IllegalArgumentException(
                    "a reading must be a JSON object with an intent, but was '" + json + "'");
        }
        return new Interpretation(
                Intent.valueOf(document.intent()),
                document.department() == null ? null : Department.canonical(new Department(document.department())),
                document.departmentFromCustomer(),
                document.priority() == null ? null : Priority.of(document.priority()),
                document.priorityFromCustomer(),
                document.description(),
                document.statesReason(),
                document.statesDetails(),
                document.contact(),
                document.ticketReference(),
                document.note(),
                document.extra());
    }
}
