package dev.escalation.llm.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * JSON for the wire (strict) and for what a model writes (lenient: code fences, prose around the
 * object, single quotes, trailing commas). Not part of the API.
 *
 * <p>Thread-safe.
 */
public final class ModelJson {
    private ModelJson() {}

    /** Reads and writes request and response bodies. */
    public static final ObjectMapper WIRE = JsonMapper.builder().build();

    private static final ObjectMapper LENIENT = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
            .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
            .build();

    /** A new empty object. */
    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** A new empty array. */
    public static ArrayNode array() {
        return JsonNodeFactory.instance.arrayNode();
    }

    /** Parses a wire body; throws {@link JsonProcessingException} when it is not JSON. */
    public static JsonNode parse(String body) throws JsonProcessingException {
        return WIRE.readTree(body);
    }

    /** Writes a node compactly. */
    public static String write(JsonNode node) {
        try {
            return WIRE.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    /** The problem with content that should have held a JSON object. */
    public static final class NotAnObjectException extends Exception {
        private static final long serialVersionUID = 1L;

        NotAnObjectException(String message) {
            super(message);
        }
    }

    /**
     * Finds the first JSON object in what a model wrote: inside a code fence, after a sentence, or
     * between tags such as {@code [TOOL_REQUEST]}; parses it leniently.
     */
    public static ObjectNode objectIn(String content) throws NotAnObjectException {
        if (content == null || content.isBlank()) {
            throw new NotAnObjectException("the reply was empty; it must be one JSON object");
        }
        int start = content.indexOf('{');
        if (start < 0) {
            throw new NotAnObjectException("the reply held no JSON object (no '{')");
        }
        int end = matchingBrace(content, start);
        if (end < 0) {
            throw new NotAnObjectException("the JSON object in the reply is not closed (a '}' is missing)");
        }
        try {
            JsonNode node = LENIENT.readTree(content.substring(start, end + 1));
            if (node instanceof ObjectNode object) {
                return object;
            }
            throw new NotAnObjectException("the reply is not a JSON object");
        } catch (JsonProcessingException e) {
            throw new NotAnObjectException("the reply is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static int matchingBrace(String text, int start) {
        int depth = 0;
        boolean inString = false;
        char quote = 0;
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    inString = false;
                }
            } else if (c == '"' || c == '\'') {
                inString = true;
                quote = c;
            } else if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** A text field, or null when absent, null or not text. */
    public static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }
}
