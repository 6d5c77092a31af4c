package dev.escalation.runner.eggai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.escalation.core.CustomerMessage;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes the EggAI wire format (see {@code docs/eggai-protocol.md}): takes
 * {@code ticketing_request} and {@code escalation_request} envelopes from the agents channel and
 * writes the {@code agent_message_stream_*} and {@code agent_message} envelopes of a reply.
 *
 * <p>Thread-safe. Example: {@code codec.decode(bytes).ifPresent(request -> ...)}.
 */
public final class EggAiCodec {

    /** The {@code source} of everything this agent sends, and the {@code agent} it names. */
    public static final String AGENT = "Escalation";
    /** The request types this agent answers. */
    public static final Set<String> REQUEST_TYPES = Set.of("ticketing_request", "escalation_request");
    /** The default longest accepted message, in bytes. */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 64 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");
    // A line of the flattened history: "User: ...", "<Agent>: ..." or a routing label such as
    // "TargetAgent.EscalationAgent: " (an enum member as Python 3.11 formats a str-mixin Enum).
    private static final Pattern SPEAKER = Pattern.compile("^([A-Za-z][A-Za-z0-9 ._-]{0,60}):\\s?(.*)$");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int maxMessageBytes;
    private final Clock clock;

    /**
     * @param maxMessageBytes longer messages are refused as {@code too_large}
     * @param clock gives the {@code time} of sent envelopes
     */
    public EggAiCodec(int maxMessageBytes, Clock clock) {
        if (maxMessageBytes < 1) {
            throw new IllegalArgumentException("maxMessageBytes must be at least 1, but was " + maxMessageBytes);
        }
        this.maxMessageBytes = maxMessageBytes;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Reads one message of the agents channel.
     *
     * @return the request, or empty when the message is a well-formed envelope of another type (not ours)
     * @throws InvalidMessageException when the message cannot be taken, naming why
     */
    public Optional<EscalationRequest> decode(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length > maxMessageBytes) {
            throw new InvalidMessageException(
                    "too_large", "the message is " + bytes.length + " bytes long; the limit is " + maxMessageBytes);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InvalidMessageException("invalid_utf8", "the message is not valid UTF-8: " + e.getMessage());
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InvalidMessageException("not_json", "the message is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidMessageException(
                    "not_object",
                    "the message is not a JSON object but "
                            + (root == null
                                    ? "empty"
                                    : root.getNodeType().name().toLowerCase()));
        }
        String type = requiredText(root, "type", "type");
        if (!REQUEST_TYPES.contains(type)) {
            return Optional.empty();
        }
        String id = requiredText(root, "id", "id");
        if (id.length() > CustomerMessage.MAX_ID_LENGTH) {
            throw new InvalidMessageException("wrong_type", "id is longer than " + CustomerMessage.MAX_ID_LENGTH);
        }
        JsonNode data = root.get("data");
        if (data == null || data.isNull()) {
            throw new InvalidMessageException("missing_field", "data is missing");
        }
        if (!data.isObject()) {
            throw new InvalidMessageException("wrong_type", "data must be an object");
        }
        String connectionId = requiredText(data, "connection_id", "data.connection_id");
        if (connectionId.length() > CustomerMessage.MAX_ID_LENGTH) {
            throw new InvalidMessageException(
                    "wrong_type", "data.connection_id is longer than " + CustomerMessage.MAX_ID_LENGTH);
        }
        JsonNode messages = data.get("chat_messages");
        if (messages == null || messages.isNull()) {
            throw new InvalidMessageException("missing_field", "data.chat_messages is missing");
        }
        if (!messages.isArray()) {
            throw new InvalidMessageException("wrong_type", "data.chat_messages must be a list");
        }
        optionalText(data, "message_id", "data.message_id");
        String userId = null;
        JsonNode security = data.get("security_context");
        if (security != null && !security.isNull()) {
            if (!security.isObject()) {
                throw new InvalidMessageException("wrong_type", "data.security_context must be an object");
            }
            userId = optionalText(security, "user_id", "data.security_context.user_id");
            if (userId != null && (userId.isBlank() || userId.length() > CustomerMessage.MAX_ID_LENGTH)) {
                userId = null;
            }
        }
        String utterance = newestCustomerUtterance(messages);
        Envelope envelope = new Envelope(
                id,
                type,
                optionalText(root, "source", "source"),
                optionalText(root, "specversion", "specversion"),
                optionalText(root, "datacontenttype", "datacontenttype"),
                optionalText(root, "subject", "subject"),
                optionalText(root, "time", "time"),
                (ObjectNode) data,
                optionalText(root, "traceparent", "traceparent"),
                optionalText(root, "tracestate", "tracestate"),
                optionalText(root, "service_tier", "service_tier"));
        return Optional.of(new EscalationRequest(envelope, connectionId, userId, utterance));
    }

    private static String newestCustomerUtterance(JsonNode messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            JsonNode message = messages.get(i);
            if (!message.isObject()) {
                throw new InvalidMessageException("wrong_type", "data.chat_messages[" + i + "] must be an object");
            }
            String role = requiredText(message, "role", "data.chat_messages[" + i + "].role");
            String content = requiredText(message, "content", "data.chat_messages[" + i + "].content");
            optionalText(message, "agent", "data.chat_messages[" + i + "].agent");
            if (role.equalsIgnoreCase("user")) {
                String newest = fromFlattened(content).strip();
                if (newest.isEmpty()) {
                    throw new InvalidMessageException("no_user_message", "the newest user message is empty");
                }
                return newest;
            }
        }
        throw new InvalidMessageException("no_user_message", "data.chat_messages has no user message");
    }

    /**
     * The newest customer utterance of a history flattened into one text ("User: …\nEscalation: …\nUser:
     * …"); the text itself when it is not such a history.
     */
    static String fromFlattened(String content) {
        String[] lines = content.strip().split("\\R", -1);
        Matcher first = SPEAKER.matcher(lines[0]);
        if (!first.matches() || !isSpeaker(first.group(1))) {
            return content;
        }
        StringBuilder newest = null;
        boolean inUser = false;
        for (String line : lines) {
            Matcher speaker = SPEAKER.matcher(line);
            if (speaker.matches() && isSpeaker(speaker.group(1))) {
                inUser = CUSTOMER_LABELS.contains(speaker.group(1).strip().toLowerCase(java.util.Locale.ROOT));
                if (inUser) {
                    newest = new StringBuilder(speaker.group(2));
                }
            } else if (inUser) {
                newest.append('\n').append(line);
            }
        }
        return newest == null ? content : newest.toString();
    }

    // Only the customer's and the agents' own labels start a new speaker, so a line of the customer's
    // own text such as "Note: the order number is 1234" stays part of what they said. The labels are the
    // roles the EggAI front end writes ("User", "assistant") and agent names ("TriageAgent", "Billing
    // Agent", "Escalation").
    private static final java.util.Set<String> CUSTOMER_LABELS =
            java.util.Set.of("user", "customer", "human", "client");
    private static final java.util.Set<String> AGENT_LABELS = java.util.Set.of(
            "assistant",
            "system",
            "agent",
            "bot",
            "escalation",
            "triage",
            "billing",
            "policies",
            "policy",
            "claims",
            "ticketing",
            "audit",
            "frontend");

    private static boolean isSpeaker(String label) {
        String qualified = label.strip().toLowerCase(java.util.Locale.ROOT);
        String name = qualified.substring(qualified.lastIndexOf('.') + 1);
        if (CUSTOMER_LABELS.contains(name) || AGENT_LABELS.contains(name)) {
            return true;
        }
        String compact = name.replaceAll("[ _-]", "");
        return compact.endsWith("agent") || compact.endsWith("assistant") || compact.endsWith("bot");
    }

    private static String requiredText(JsonNode node, String field, String path) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new InvalidMessageException("missing_field", path + " is missing");
        }
        if (!value.isTextual()) {
            throw new InvalidMessageException("wrong_type", path + " must be a string");
        }
        if (value.asText().isBlank() && !field.equals("content")) {
            throw new InvalidMessageException("missing_field", path + " is blank");
        }
        return value.asText();
    }

    private static String optionalText(JsonNode node, String field, String path) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidMessageException("wrong_type", path + " must be a string");
        }
        return value.asText();
    }

    /** {@code agent_message_stream_start} on human_stream. */
    public byte[] streamStart(EscalationRequest request, String traceparent) {
        ObjectNode data = NODES.objectNode();
        data.put("message_id", request.envelope().id());
        data.put("connection_id", request.connectionId());
        return envelope("agent_message_stream_start", data, request, traceparent);
    }

    /** {@code agent_message_stream_chunk} on human_stream; {@code chunkIndex} counts from 1. */
    public byte[] streamChunk(EscalationRequest request, String traceparent, String chunk, int chunkIndex) {
        ObjectNode data = NODES.objectNode();
        data.put("message_chunk", chunk);
        data.put("message_id", request.envelope().id());
        data.put("chunk_index", chunkIndex);
        data.put("connection_id", request.connectionId());
        return envelope("agent_message_stream_chunk", data, request, traceparent);
    }

    /** {@code agent_message_stream_end} on human_stream, with the whole reply. */
    public byte[] streamEnd(EscalationRequest request, String traceparent, String reply) {
        ObjectNode data = NODES.objectNode();
        data.put("message_id", request.envelope().id());
        data.put("message", reply);
        data.put("agent", AGENT);
        data.put("connection_id", request.connectionId());
        return envelope("agent_message_stream_end", data, request, traceparent);
    }

    /** {@code agent_message} on human, with the whole reply. */
    public byte[] agentMessage(EscalationRequest request, String traceparent, String reply) {
        ObjectNode data = NODES.objectNode();
        data.put("message", reply);
        data.put("connection_id", request.connectionId());
        data.put("message_id", request.envelope().id());
        data.put("agent", AGENT);
        return envelope("agent_message", data, request, traceparent);
    }

    /**
     * The trace parent of the turn answering {@code request}: the caller's trace with a new span, or a
     * new trace when the request carries none (or an invalid one).
     */
    public static String childTraceparent(String parent) {
        byte[] span = new byte[8];
        RANDOM.nextBytes(span);
        Matcher matcher = parent == null ? null : TRACEPARENT.matcher(parent.strip());
        if (matcher != null && matcher.matches()) {
            return "00-" + matcher.group(1) + "-" + HexFormat.of().formatHex(span) + "-" + matcher.group(3);
        }
        byte[] trace = new byte[16];
        RANDOM.nextBytes(trace);
        return "00-" + HexFormat.of().formatHex(trace) + "-" + HexFormat.of().formatHex(span) + "-01";
    }

    private byte[] envelope(String type, ObjectNode data, EscalationRequest request, String traceparent) {
        ObjectNode root = NODES.objectNode();
        root.put("id", UUID.randomUUID().toString());
        root.put("type", type);
        root.put("source", AGENT);
        root.put("specversion", "1.0");
        root.put("datacontenttype", "application/json");
        root.putNull("subject");
        root.put("time", clock.instant().toString());
        root.set("data", data);
        root.put("traceparent", traceparent);
        root.put("tracestate", request.envelope().tracestate());
        root.put("service_tier", request.envelope().serviceTier());
        try {
            return JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unable to write a " + type + " envelope: " + e.getMessage(), e);
        }
    }

    // Kept for callers that need the text of raw bytes in logs.
    static String preview(byte[] bytes) {
        CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(bytes, 0, Math.min(bytes.length, 200)));
        return chars.toString().replaceAll("\\p{Cntrl}", " ");
    }
}
