package dev.escalation.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.escalation.core.Department;
import dev.escalation.core.Intent;
import dev.escalation.core.Priority;
import dev.escalation.core.simulation.Profile;
import dev.escalation.llm.internal.TokenCounter;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ServerSocketFactory;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.ByteString;

/**
 * A scripted OpenAI-compatible server that behaves like a competent model for the simulated
 * customers of a set of {@link Profile}s: a mockwebserver3 {@link Dispatcher} answering
 * {@code GET /models}, extraction requests (non-streamed chat completions) and streamed reply requests
 * in OpenAI's wire format, with {@code usage}.
 *
 * <p>An extraction is answered from the customer's message, read out of the request body between the
 * {@code <customer_message>} tags, with the reading a good model would give: a profile's opening,
 * details or department answer get the profile's labels (its department, unless the profile is
 * tagged {@code ambiguous_department} and the text is the opening or the details; its priority;
 * states_reason, and states_details for the details or an {@code all_in_one} opening); the
 * simulated customer's fixed phrases give CONFIRM, CORRECT (department or priority), DENY,
 * STATUS_QUERY with the ticket id, or ADD_UPDATE with the note. Only the properties of the request's
 * JSON schema are filled in, in its order; when the request offers native tools, a status or update
 * request is answered with a tool call instead. A reply request is answered by a plausible reply
 * that says each numbered point of the prompt with its facts (ticket id, department, priority,
 * status), streamed word by word as SSE chunks, then a usage chunk (when asked for) and
 * {@code data: [DONE]}.
 *
 * <p>Token counts are realistic rather than recorded: {@code prompt_tokens} counts the request's
 * messages, tools and schema with OpenAI's {@code o200k_base} encoding (jtokkit), and
 * {@code completion_tokens} the text or tool call returned.
 *
 * <p>Thread-safe: mockwebserver3 may dispatch on several threads. Example:
 * <pre>{@code
 * try (MockWebServer server = new ScriptedModelServer(Profiles.dev(), "x").start()) {
 *   // ESCALATION_LANGUAGE_MODEL=openai_compatible/x, ESCALATION_LANGUAGE_MODEL_API_BASE=server.url("/v1")
 * }
 * }</pre>
 */
public final class ScriptedModelServer extends Dispatcher {

    /** The simulated customer's fixed phrases (see {@code SimulatedCustomer}). */
    private static final String YES = "Yes, please create the ticket.";

    private static final String NO = "No, please cancel it.";
    private static final Pattern CORRECT_DEPARTMENT = Pattern.compile("No, that's wrong - this is a (.+) issue\\.");
    private static final Pattern CORRECT_PRIORITY =
            Pattern.compile("Please make this (\\w+) priority.*", Pattern.DOTALL);
    private static final Pattern STATUS =
            Pattern.compile(".*status of (?:my )?ticket (TK-[A-Z0-9]{8}).*", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
    private static final Pattern UPDATE = Pattern.compile("Please add this to my ticket: (.+)", Pattern.DOTALL);

    private static final Pattern POINT = Pattern.compile("^\\d+\\. (.*)$", Pattern.MULTILINE);
    private static final Pattern SUMMARY = Pattern.compile(
            "Summarise the ticket to be created: department (.+?), priority (\\w+), description \"(.*)\"\\. Ask them.*",
            Pattern.DOTALL);
    private static final Pattern CREATED = Pattern.compile(
            "Tell them their ticket was created: ticket id (\\S+), department (.+?), priority (\\w+), status (.+?)\\. .*");
    private static final Pattern REPORT = Pattern.compile(
            "Report ticket (\\S+): status (.+?), department (.+?), priority (\\w+)(?:, (created|last change|last note) on"
                    + " (\\d+ \\w+ \\d+).*)?\\.");
    private static final Pattern NOTE_ADDED = Pattern.compile("Tell them their note was added to ticket (\\S+): .*");
    private static final Pattern NOT_FOUND = Pattern.compile("Say no ticket \"(.*)\" was found on their account.*");
    private static final Pattern FURTHER_HELP = Pattern.compile(
            "Ask whether there is anything else you can help with(?: \\(their ticket (\\S+) is (.+?); .*)?\\.");
    private static final Pattern SAME_OR_NEW = Pattern.compile(
            "Ask in one short question whether their message is about ticket (\\S+) or about something new\\.");
    private static final Pattern OFFER_PARKED = Pattern.compile(
            "Remind them they also mentioned \"(.*)\" and ask whether to start a new request for it now.*");
    private static final Pattern EXTRA_SLOT = Pattern.compile("Ask for their (.+)\\.");
    private static final Pattern REFUSED =
            Pattern.compile("Explain that the message could not be taken: (.*)", Pattern.DOTALL);
    private static final Pattern WORD = Pattern.compile("\\s*\\S+");

    private static final long CREATED_AT = 1_747_312_345L;
    private static final String FINGERPRINT = "fp_34a54ae93c";

    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Script> scripts = new HashMap<>();
    private final List<String> models;
    private final AtomicInteger completions = new AtomicInteger();
    private final AtomicInteger extractions = new AtomicInteger();
    private final AtomicInteger replies = new AtomicInteger();
    private final AtomicInteger turns = new AtomicInteger();
    private final java.util.Set<String> cachedPrefixes = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final List<String> unrecognised = new CopyOnWriteArrayList<>();

    /** What a message of a profile is. */
    private enum Part {
        OPENING,
        DETAILS,
        DEPARTMENT_ANSWER
    }

    private record Script(Profile profile, Part part) {
        Script {
            Objects.requireNonNull(profile, "profile");
            Objects.requireNonNull(part, "part");
        }
    }

    /** What the model read in a message: the schema's properties by name. */
    private record Reading(Map<String, Object> fields) {
        Reading {
            fields = new LinkedHashMap<>(Objects.requireNonNull(fields, "fields"));
            if (!(fields.get("intent") instanceof String)) {
                throw new IllegalArgumentException("a reading needs an intent, but had " + fields.get("intent"));
            }
        }

        Intent intent() {
            return Intent.valueOf((String) fields.get("intent"));
        }
    }

    /**
     * A server scripted for {@code profiles}, listing {@code models} at {@code GET /models} (none: an
     * empty list, which the adapter accepts for any model).
     */
    public ScriptedModelServer(List<Profile> profiles, String... models) {
        Objects.requireNonNull(profiles, "profiles");
        for (Profile profile : profiles) {
            scripts.put(profile.opening(), new Script(profile, Part.OPENING));
            scripts.put(profile.details(), new Script(profile, Part.DETAILS));
            scripts.put(profile.departmentAnswer(), new Script(profile, Part.DEPARTMENT_ANSWER));
        }
        this.models = List.of(models);
    }

    /**
     * A started local server answering with this script. Its sockets send without delay (TCP_NODELAY):
     * with Nagle's algorithm each exchange would wait about 40 ms for a delayed acknowledgement, which
     * adds up over the hundreds of calls of a profile run. The caller closes it.
     */
    public MockWebServer start() throws IOException {
        // The tokenizer loads its 200k-token vocabulary on first use, which on a busy machine took longer
        // than a client's read timeout and so cost the first call a retry; load it before serving.
        TokenCounter.count("warm up");
        MockWebServer server = new MockWebServer();
        server.setServerSocketFactory(new NoDelayServerSockets());
        server.setDispatcher(this);
        server.start();
        return server;
    }

    /** Server sockets whose accepted connections have TCP_NODELAY set; for any MockWebServer on loopback. */
    public static final class NoDelayServerSockets extends ServerSocketFactory {
        @Override
        public ServerSocket createServerSocket() throws IOException {
            return new ServerSocket() {
                @Override
                public Socket accept() throws IOException {
                    Socket socket = new Socket();
                    implAccept(socket);
                    socket.setTcpNoDelay(true);
                    return socket;
                }
            };
        }

        @Override
        public ServerSocket createServerSocket(int port) throws IOException {
            return createServerSocket(port, 50, null);
        }

        @Override
        public ServerSocket createServerSocket(int port, int backlog) throws IOException {
            return createServerSocket(port, backlog, null);
        }

        @Override
        public ServerSocket createServerSocket(int port, int backlog, InetAddress address) throws IOException {
            ServerSocket socket = createServerSocket();
            socket.bind(new InetSocketAddress(address, port), backlog);
            return socket;
        }
    }

    /**
     * Changes what the script reads in a message before it answers, to play a less competent model.
     *
     * <p>Called on mockwebserver3's threads; must be thread-safe.
     */
    @FunctionalInterface
    public interface ReadingAdjuster {
        /**
         * @param request the request's JSON body
         * @param customerText the customer's message being read
         * @param fields the schema's properties as the script read them (intent, department, ...); change in place
         */
        void adjust(JsonNode request, String customerText, Map<String, Object> fields);
    }

    private volatile ReadingAdjuster adjuster;

    /** Lets {@code adjuster} change every reading before it is answered; returns this server. */
    public ScriptedModelServer adjustingReadings(ReadingAdjuster adjuster) {
        this.adjuster = Objects.requireNonNull(adjuster, "adjuster");
        return this;
    }

    /** How many extraction (non-streamed) requests were answered. */
    public int extractions() {
        return extractions.get();
    }

    /** How many streamed reply requests were answered. */
    public int replies() {
        return replies.get();
    }

    /** How many one-call turn requests (reading and reply in one streamed answer) were answered. */
    public int turns() {
        return turns.get();
    }

    /** Customer messages and reply points the script had no answer for; empty when all went as planned. */
    public List<String> unrecognised() {
        return List.copyOf(unrecognised);
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        if ("GET".equals(request.getMethod()) && path.endsWith("/models")) {
            return modelList();
        }
        if ("POST".equals(request.getMethod()) && path.endsWith("/chat/completions")) {
            ByteString bytes = request.getBody();
            JsonNode body;
            try {
                body = json.readTree(bytes == null ? "" : bytes.utf8());
            } catch (JsonProcessingException e) {
                return error(400, "We could not parse the JSON body of your request.", "invalid_request_error", null);
            }
            if (body == null || !body.isObject()) {
                return error(400, "We could not parse the JSON body of your request.", "invalid_request_error", null);
            }
            if (isTurn(body)) {
                return turn(body);
            }
            return body.path("stream").asBoolean(false) ? reply(body) : extraction(body);
        }
        return error(404, "Invalid URL (" + request.getMethod() + " " + path + ")", "invalid_request_error", null);
    }

    // ---- GET /models

    private MockResponse modelList() {
        ObjectNode list = json.createObjectNode();
        list.put("object", "list");
        ArrayNode data = list.putArray("data");
        for (String model : models) {
            data.addObject()
                    .put("id", model)
                    .put("object", "model")
                    .put("created", CREATED_AT)
                    .put("owned_by", "system");
        }
        return jsonResponse(200, list);
    }

    // ---- extraction

    private MockResponse extraction(JsonNode body) {
        extractions.incrementAndGet();
        String text = customerMessage(body);
        Reading reading = read(text);
        if (adjuster != null) {
            Map<String, Object> fields = new LinkedHashMap<>(reading.fields());
            adjuster.adjust(body, text, fields);
            reading = new Reading(fields);
        }
        boolean tools = body.path("tools").isArray() && !body.path("tools").isEmpty();
        Intent intent = reading.intent();
        String id = nextId();
        ObjectNode message = json.createObjectNode();
        message.put("role", "assistant");
        String finish;
        long completionTokens;
        if (tools && (intent == Intent.STATUS_QUERY || intent == Intent.ADD_UPDATE)) {
            ObjectNode arguments = json.createObjectNode();
            arguments.set("ticket_id", json.valueToTree(reading.fields().get("ticket_reference")));
            String name = "get_ticket_status";
            if (intent == Intent.ADD_UPDATE) {
                name = "update_ticket";
                arguments.put("note", (String) reading.fields().get("note"));
            }
            String argumentText = write(arguments);
            message.putNull("content");
            ObjectNode call = message.putArray("tool_calls").addObject();
            call.put("id", "call_" + id.substring(id.length() - 24));
            call.put("type", "function");
            call.putObject("function").put("name", name).put("arguments", argumentText);
            finish = "tool_calls";
            completionTokens = TokenCounter.count(name) + TokenCounter.count(argumentText) + 3;
        } else {
            ObjectNode content = json.createObjectNode();
            for (String field : schemaFields(body)) {
                content.set(field, json.valueToTree(reading.fields().get(field)));
            }
            String contentText = write(content);
            message.put("content", contentText);
            finish = "stop";
            completionTokens = TokenCounter.count(contentText);
        }
        message.putNull("refusal");
        message.putArray("annotations");

        ObjectNode response = json.createObjectNode();
        response.put("id", id);
        response.put("object", "chat.completion");
        response.put("created", CREATED_AT + completions.get());
        response.put("model", body.path("model").asText());
        ObjectNode choice = response.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("message", message);
        choice.putNull("logprobs");
        choice.put("finish_reason", finish);
        response.set("usage", usage(TokenCounter.prompt(body), completionTokens));
        response.put("service_tier", "default");
        response.put("system_fingerprint", FINGERPRINT);
        return jsonResponse(200, response);
    }

    /** The properties the request's JSON schema asks for, in order; every property when it sends none. */
    private static List<String> schemaFields(JsonNode body) {
        JsonNode properties =
                body.path("response_format").path("json_schema").path("schema").path("properties");
        List<String> fields = new ArrayList<>();
        if (properties.isObject()) {
            for (Iterator<String> names = properties.fieldNames(); names.hasNext(); ) {
                fields.add(names.next());
            }
            return fields;
        }
        return List.of(
                "intent",
                "states_reason",
                "states_details",
                "adds_details",
                "department",
                "department_named",
                "priority",
                "priority_requested",
                "contact",
                "ticket_reference",
                "note");
    }

    /**
     * The customer's words: the text between the tags of the last user message holding them (earlier
     * ones are few-shot demonstrations).
     */
    private static String customerMessage(JsonNode body) {
        List<JsonNode> messages = new ArrayList<>();
        body.path("messages").forEach(messages::add);
        java.util.Collections.reverse(messages);
        for (JsonNode message : messages) {
            String content = message.path("content").asText("");
            int start = content.indexOf("<customer_message>\n");
            int end = content.lastIndexOf("\n</customer_message>");
            if ("user".equals(message.path("role").asText()) && start >= 0 && end > start) {
                return content.substring(start + "<customer_message>\n".length(), end);
            }
        }
        return "";
    }

    /** What a competent model reads in {@code text}. */
    private Reading read(String text) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("intent", Intent.PROVIDE_INFO.name());
        for (String flag :
                List.of("states_reason", "states_details", "adds_details", "department_named", "priority_requested")) {
            fields.put(flag, false);
        }
        for (String value : List.of("department", "priority", "contact", "ticket_reference", "note")) {
            fields.put(value, null);
        }
        Script script = scripts.get(text);
        Matcher matcher;
        if (script != null) {
            Profile profile = script.profile();
            boolean ambiguous =
                    profile.tags().contains("ambiguous_department") && script.part() != Part.DEPARTMENT_ANSWER;
            fields.put("states_reason", script.part() != Part.DEPARTMENT_ANSWER);
            fields.put(
                    "states_details",
                    script.part() == Part.DETAILS
                            || script.part() == Part.OPENING && profile.tags().contains("all_in_one"));
            fields.put("adds_details", script.part() == Part.DETAILS);
            fields.put("department", ambiguous ? null : profile.department().displayName());
            fields.put("department_named", script.part() == Part.DEPARTMENT_ANSWER);
            fields.put("priority", profile.priority().wireName());
        } else if (text.equals(YES)) {
            fields.put("intent", Intent.CONFIRM.name());
        } else if (text.equals(NO)) {
            fields.put("intent", Intent.DENY.name());
        } else if ((matcher = CORRECT_DEPARTMENT.matcher(text)).matches()
                && Department.parse(matcher.group(1)).isPresent()) {
            fields.put("intent", Intent.CORRECT.name());
            fields.put("department", Department.parse(matcher.group(1)).get().displayName());
            fields.put("department_named", true);
        } else if ((matcher = CORRECT_PRIORITY.matcher(text)).matches()
                && Priority.parse(matcher.group(1)).isPresent()) {
            fields.put("intent", Intent.CORRECT.name());
            fields.put("priority", Priority.parse(matcher.group(1)).get().wireName());
            fields.put("priority_requested", true);
        } else if ((matcher = STATUS.matcher(text)).matches()) {
            fields.put("intent", Intent.STATUS_QUERY.name());
            fields.put("ticket_reference", matcher.group(1).toUpperCase(Locale.ROOT));
        } else if ((matcher = UPDATE.matcher(text)).matches()) {
            fields.put("intent", Intent.ADD_UPDATE.name());
            fields.put("note", matcher.group(1).strip());
        } else {
            unrecognised.add("message: " + text);
        }
        return new Reading(fields);
    }

    // ---- one-call turn: the reading, the move and the reply in one streamed JSON answer

    private static final String TURN_PROMPT = "You are the escalation assistant of a support desk.";
    private static final Pattern STATE = Pattern.compile("^State: (\\w+)\\.", Pattern.MULTILINE);
    private static final Pattern KNOWN_DEPARTMENT = Pattern.compile("department ([^;(.]+?)(?: \\(|;|\\.$)");
    private static final Pattern KNOWN_PRIORITY = Pattern.compile("priority (\\w+)");

    private static boolean isTurn(JsonNode body) {
        JsonNode first = body.path("messages").path(0);
        return body.path("stream").asBoolean(false)
                && "system".equals(first.path("role").asText())
                && first.path("content").asText("").startsWith(TURN_PROMPT);
    }

    /**
     * A competent model's one-call answer: the reading as for an extraction, then the move the prompt's
     * rules give from what the user message says is known and what it read, then the reply for that
     * move; streamed a few characters at a time. A status or update request is a streamed tool call
     * when the request offers tools.
     */
    private MockResponse turn(JsonNode body) {
        turns.incrementAndGet();
        String text = customerMessage(body);
        Reading reading = read(text);
        if (adjuster != null) {
            Map<String, Object> fields = new LinkedHashMap<>(reading.fields());
            adjuster.adjust(body, text, fields);
            reading = new Reading(fields);
        }
        String id = nextId();
        String model = body.path("model").asText();
        StringBuilder events = new StringBuilder();
        ObjectNode first = chunk(id, model);
        choice(first, json.createObjectNode().put("role", "assistant").put("content", ""), null);
        event(events, first);
        Intent intent = reading.intent();
        boolean tools = body.path("tools").isArray() && !body.path("tools").isEmpty();
        String answered;
        String finish = "stop";
        if (tools && (intent == Intent.STATUS_QUERY || intent == Intent.ADD_UPDATE)) {
            ObjectNode arguments = json.createObjectNode();
            arguments.set("ticket_id", json.valueToTree(reading.fields().get("ticket_reference")));
            String name = intent == Intent.ADD_UPDATE ? "update_ticket" : "get_ticket_status";
            if (intent == Intent.ADD_UPDATE) {
                arguments.put("note", (String) reading.fields().get("note"));
            }
            answered = write(arguments);
            ObjectNode call = json.createObjectNode()
                    .put("index", 0)
                    .put("id", "call_" + id.substring(id.length() - 24))
                    .put("type", "function");
            call.putObject("function").put("name", name).put("arguments", answered);
            ObjectNode delta = json.createObjectNode();
            delta.putArray("tool_calls").add(call);
            ObjectNode piece = chunk(id, model);
            choice(piece, delta, null);
            event(events, piece);
            answered = name + answered;
            finish = "tool_calls";
        } else {
            String user = body.path("messages")
                    .path(body.path("messages").size() - 1)
                    .path("content")
                    .asText("");
            ObjectNode content = json.createObjectNode();
            for (String field : schemaFields(body)) {
                if (!field.equals("next") && !field.equals("reply")) {
                    content.set(field, json.valueToTree(reading.fields().get(field)));
                }
            }
            String[] move = move(user, reading);
            content.put("next", move[0]);
            // A reading adjuster may word the reply itself, to play a model that writes what it should not.
            content.put("reply", reading.fields().get("reply") instanceof String wording ? wording : move[1]);
            answered = write(content);
            for (int i = 0; i < answered.length(); i += 8) {
                ObjectNode piece = chunk(id, model);
                choice(
                        piece,
                        json.createObjectNode()
                                .put("content", answered.substring(i, Math.min(answered.length(), i + 8))),
                        null);
                event(events, piece);
            }
        }
        ObjectNode last = chunk(id, model);
        choice(last, json.createObjectNode(), finish);
        event(events, last);
        if (body.path("stream_options").path("include_usage").asBoolean(false)) {
            ObjectNode usage = chunk(id, model);
            usage.putArray("choices");
            ObjectNode counts = usage(TokenCounter.prompt(body), TokenCounter.count(answered));
            ((ObjectNode) counts.path("prompt_tokens_details")).put("cached_tokens", cached(body));
            usage.set("usage", counts);
            event(events, usage);
        }
        events.append("data: [DONE]\n\n");
        return new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", "text/event-stream")
                .setHeader("Cache-Control", "no-cache")
                .body(events.toString())
                .build();
    }

    /**
     * Prompt tokens a server with a prefix cache would find cached: the system message, schema and
     * tools, once a request with the same ones was answered before.
     */
    private long cached(JsonNode body) {
        ObjectNode prefix = body.deepCopy();
        ArrayNode messages = prefix.putArray("messages");
        messages.add(body.path("messages").path(0));
        return cachedPrefixes.add(write(prefix)) ? 0 : TokenCounter.prompt(prefix);
    }

    /** The move the prompt's rules give, and the reply for it. */
    private String[] move(String user, Reading reading) {
        Intent intent = reading.intent();
        Matcher state = STATE.matcher(user);
        String known = user.lines()
                .filter(line -> line.startsWith("Known so far: "))
                .findFirst()
                .orElse("");
        Matcher knownDepartment = KNOWN_DEPARTMENT.matcher(known.replaceFirst("description \".*\"", ""));
        Matcher knownPriority = KNOWN_PRIORITY.matcher(known.replaceFirst("description \".*\"", ""));
        String department = (String) reading.fields().get("department");
        if (department == null && knownDepartment.find()) {
            department = knownDepartment.group(1).strip();
        }
        String priority = (String) reading.fields().get("priority");
        if (priority == null) {
            priority = knownPriority.find() ? knownPriority.group(1) : "medium";
        }
        if (intent == Intent.CANCEL) {
            return new String[] {"cancelled", "Understood, I've cancelled the escalation and no ticket was created."};
        }
        if (intent == Intent.CONFIRM && state.find() && state.group(1).equals("CONFIRMATION")) {
            return new String[] {
                "ticket_created",
                "Your ticket has been created for " + department + " with " + priority
                        + " priority. The team will be in touch, and you can ask me about it at any time."
            };
        }
        if (intent == Intent.STATUS_QUERY || intent == Intent.ADD_UPDATE) {
            return new String[] {"lookup", ""};
        }
        boolean reason = known.contains("reason given")
                || Boolean.TRUE.equals(reading.fields().get("states_reason"));
        boolean details = known.contains("details given")
                || Boolean.TRUE.equals(reading.fields().get("states_details"));
        if (!reason) {
            return new String[] {"ask_reason", say("Ask why they would like to escalate")};
        }
        if (!details) {
            return new String[] {"ask_details", say("Ask them to describe the problem in detail")};
        }
        if (department == null) {
            return new String[] {"ask_department", say("Ask whether this is for Technical Support, Billing or Sales.")};
        }
        return new String[] {
            "summarize",
            "Here is what I have: a " + priority + " priority ticket for " + department
                    + ". Shall I create it? Please reply yes, or tell me what to change."
        };
    }

    // ---- streamed reply

    private MockResponse reply(JsonNode body) {
        replies.incrementAndGet();
        JsonNode messages = body.path("messages");
        String prompt = messages.get(messages.size() - 1).path("content").asText("");
        int end = prompt.indexOf("\nConversation state:");
        Matcher points = POINT.matcher(end < 0 ? prompt : prompt.substring(0, end));
        List<String> sentences = new ArrayList<>();
        while (points.find()) {
            sentences.add(say(points.group(1)));
        }
        if (sentences.isEmpty()) {
            unrecognised.add("reply prompt without points: " + prompt);
            sentences.add("Thanks for your message.");
        }
        String text = String.join(" ", sentences);
        String id = nextId();
        String model = body.path("model").asText();
        StringBuilder events = new StringBuilder();
        ObjectNode first = chunk(id, model);
        ObjectNode firstDelta = json.createObjectNode().put("role", "assistant").put("content", "");
        firstDelta.putNull("refusal");
        choice(first, firstDelta, null);
        event(events, first);
        Matcher words = WORD.matcher(text);
        while (words.find()) {
            ObjectNode piece = chunk(id, model);
            choice(piece, json.createObjectNode().put("content", words.group()), null);
            event(events, piece);
        }
        ObjectNode last = chunk(id, model);
        choice(last, json.createObjectNode(), "stop");
        event(events, last);
        if (body.path("stream_options").path("include_usage").asBoolean(false)) {
            ObjectNode usage = chunk(id, model);
            usage.putArray("choices");
            usage.set("usage", usage(TokenCounter.prompt(body), TokenCounter.count(text)));
            event(events, usage);
        }
        events.append("data: [DONE]\n\n");
        return new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", "text/event-stream")
                .setHeader("Cache-Control", "no-cache")
                .body(events.toString())
                .build();
    }

    /** The reply to one numbered point of the prompt. */
    private String say(String point) {
        Matcher m;
        if (point.startsWith("Ask why they would like to escalate")) {
            return "I'm sorry to hear something went wrong. Could you tell me what happened?";
        }
        if (point.startsWith("Ask them to describe the problem in detail")) {
            return "Could you describe the problem in a little more detail: what happens, since when, and what you have"
                    + " already tried?";
        }
        if (point.startsWith("Ask whether this is for Technical Support, Billing or Sales")) {
            return "So I can send this to the right team: is it for Technical Support, Billing or Sales?";
        }
        if ((m = SUMMARY.matcher(point)).matches()) {
            return "Here is what I have: a " + m.group(2) + " priority ticket for " + m.group(1) + ", described as \""
                    + m.group(3) + "\". Shall I create it? Please reply yes, or tell me what to change.";
        }
        if ((m = CREATED.matcher(point)).matches()) {
            return "Your ticket " + m.group(1) + " has been created for " + m.group(2) + " with " + m.group(3)
                    + " priority, and its status is " + m.group(4).toLowerCase(Locale.ROOT)
                    + ". The team will be in touch,"
                    + " and you can ask me about it at any time.";
        }
        if (point.startsWith("Confirm the escalation is cancelled")) {
            return "Understood, I've cancelled the escalation and no ticket was created.";
        }
        if ((m = REPORT.matcher(point)).matches()) {
            String since = m.group(5) == null
                    ? ""
                    : switch (m.group(5)) {
                        case "created" -> " It was created on " + m.group(6) + ".";
                        case "last change" -> " It was last changed on " + m.group(6) + ".";
                        default -> " The last note was added on " + m.group(6) + ".";
                    };
            return "Ticket " + m.group(1) + " for " + m.group(3) + " (" + m.group(4) + " priority) is "
                    + m.group(2).toLowerCase(Locale.ROOT) + "." + since;
        }
        if ((m = NOTE_ADDED.matcher(point)).matches()) {
            return "Thanks, I've added your note to ticket " + m.group(1) + ".";
        }
        if (point.startsWith("Say they have no ticket with us yet")) {
            return "I can't find any ticket for you yet.";
        }
        if ((m = NOT_FOUND.matcher(point)).matches()) {
            return "I couldn't find a ticket \"" + m.group(1) + "\" on your account. Could you check the id?";
        }
        if (point.startsWith("Ask what they would like to add to the ticket")) {
            return "What would you like me to add to the ticket?";
        }
        if ((m = FURTHER_HELP.matcher(point)).matches()) {
            return m.group(1) == null
                    ? "Is there anything else I can help you with?"
                    : "Your ticket " + m.group(1) + " is " + m.group(2).toLowerCase(Locale.ROOT)
                            + ". Is there anything else I can help you with?";
        }
        if ((m = EXTRA_SLOT.matcher(point)).matches()) {
            return "Could you give me your " + m.group(1) + "?";
        }
        if ((m = REFUSED.matcher(point)).matches()) {
            return m.group(1);
        }
        if ((m = SAME_OR_NEW.matcher(point)).matches()) {
            return "Is this about ticket " + m.group(1) + " or something new?";
        }
        if (point.contains("sounds like a separate request")) {
            return "That sounds like a separate request; I'll take it up right after this one.";
        }
        if ((m = OFFER_PARKED.matcher(point)).matches()) {
            return "You also mentioned \"" + m.group(1) + "\". Shall I start a new request for it now?";
        }
        if (point.startsWith("Say you have set that other request aside")) {
            return "Okay, I've set that aside.";
        }
        if (point.startsWith("Apologise")) {
            return "I'm sorry, something went wrong on our side, and nothing you said was lost. Please try again in a"
                    + " moment.";
        }
        unrecognised.add("reply point: " + point);
        return "Thanks for your message.";
    }

    private ObjectNode chunk(String id, String model) {
        ObjectNode chunk = json.createObjectNode();
        chunk.put("id", id);
        chunk.put("object", "chat.completion.chunk");
        chunk.put("created", CREATED_AT + completions.get());
        chunk.put("model", model);
        chunk.put("service_tier", "default");
        chunk.put("system_fingerprint", FINGERPRINT);
        return chunk;
    }

    private static void choice(ObjectNode chunk, ObjectNode delta, String finishReason) {
        ObjectNode choice = chunk.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
        chunk.putNull("usage");
    }

    private void event(StringBuilder events, ObjectNode chunk) {
        events.append("data: ").append(write(chunk)).append("\n\n");
    }

    // ---- common

    private ObjectNode usage(long promptTokens, long completionTokens) {
        ObjectNode usage = json.createObjectNode();
        usage.put("prompt_tokens", promptTokens);
        usage.put("completion_tokens", completionTokens);
        usage.put("total_tokens", promptTokens + completionTokens);
        usage.putObject("prompt_tokens_details").put("cached_tokens", 0).put("audio_tokens", 0);
        usage.putObject("completion_tokens_details")
                .put("reasoning_tokens", 0)
                .put("audio_tokens", 0)
                .put("accepted_prediction_tokens", 0)
                .put("rejected_prediction_tokens", 0);
        return usage;
    }

    private String nextId() {
        return String.format(Locale.ROOT, "chatcmpl-scripted%024d", completions.incrementAndGet());
    }

    private MockResponse error(int code, String message, String type, String errorCode) {
        ObjectNode body = json.createObjectNode();
        ObjectNode error = body.putObject("error");
        error.put("message", message);
        error.put("type", type);
        error.putNull("param");
        error.put("code", errorCode);
        return jsonResponse(code, body);
    }

    private MockResponse jsonResponse(int code, JsonNode body) {
        return new MockResponse.Builder()
                .code(code)
                .setHeader("Content-Type", "application/json")
                .body(write(body))
                .build();
    }

    private String write(JsonNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
