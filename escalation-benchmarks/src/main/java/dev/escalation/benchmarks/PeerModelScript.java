package dev.escalation.benchmarks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.escalation.core.Department;
import dev.escalation.core.Priority;
import dev.escalation.core.simulation.Profile;
import dev.escalation.llm.ScriptedModelServer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okio.ByteString;

/**
 * The scripted model for all three designs: requests of our engine (extraction with a JSON schema,
 * streamed replies) go to the llm module's {@link ScriptedModelServer} unchanged; requests of the
 * ReAct loop (recognised by the {@code create_ticket} tool) get what a competent model would do with
 * the whole history, using the same knowledge of the profiles (the same department, priority, and
 * the same ambiguity of the {@code ambiguous_department} profiles) and the same reply sentences, so
 * neither design is helped by a smarter script. Answers arrive at once (zero model latency).
 *
 * <p>Thread-safe. Example: {@code new CountingDispatcher(new PeerModelScript(Profiles.dev()))}.
 */
public final class PeerModelScript extends Dispatcher {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CORRECT_DEPARTMENT = Pattern.compile("No, that's wrong - this is a (.+) issue\\.");
    private static final Pattern CORRECT_PRIORITY =
            Pattern.compile("Please make this (\\w+) priority.*", Pattern.DOTALL);
    private static final Pattern STATUS =
            Pattern.compile(".*status of (?:my )?ticket (TK-[A-Z0-9]{8}).*", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
    private static final Pattern UPDATE = Pattern.compile("Please add this to my ticket: (.+)", Pattern.DOTALL);

    private enum Part {
        OPENING,
        DETAILS,
        DEPARTMENT_ANSWER
    }

    private record Script(Profile profile, Part part) {}

    private final ScriptedModelServer engineScript;
    private final Map<String, Script> scripts = new HashMap<>();
    private final AtomicInteger ids = new AtomicInteger();

    public PeerModelScript(List<Profile> profiles) {
        this.engineScript = new ScriptedModelServer(profiles);
        for (Profile profile : profiles) {
            scripts.put(profile.opening(), new Script(profile, Part.OPENING));
            scripts.put(profile.details(), new Script(profile, Part.DETAILS));
            scripts.put(profile.departmentAnswer(), new Script(profile, Part.DEPARTMENT_ANSWER));
        }
    }

    /** What the llm module's script could not place (empty when every request went as planned). */
    public List<String> unrecognised() {
        return engineScript.unrecognised();
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        ByteString bytes = request.getBody();
        if ("POST".equals(request.getMethod()) && bytes != null && bytes.size() > 0) {
            try {
                JsonNode body = JSON.readTree(bytes.utf8());
                for (JsonNode tool : body.path("tools")) {
                    if ("create_ticket"
                            .equals(tool.path("function").path("name").asText())) {
                        return react(body);
                    }
                }
            } catch (JsonProcessingException e) {
                // Not ours to judge: the engine's script answers it with its own error.
            }
        }
        return engineScript.dispatch(request);
    }

    // ---- the ReAct loop's model

    private MockResponse react(JsonNode body) {
        List<JsonNode> messages = new ArrayList<>();
        body.path("messages").forEach(messages::add);
        JsonNode last = messages.get(messages.size() - 1);
        if ("tool".equals(last.path("role").asText())) {
            return text(afterTool(messages, last));
        }
        String said = last.path("content").asText("");
        Facts facts = facts(messages);
        Matcher m;
        if (said.equals(CustomerPolicy.YES) && facts.profile != null && facts.department != null) {
            ObjectNode arguments = JSON.createObjectNode();
            arguments.put("department", facts.department.displayName());
            arguments.put("priority", facts.priority.wireName());
            arguments.put("description", facts.description());
            return toolCall("create_ticket", arguments);
        }
        if (said.equals(CustomerPolicy.NO)) {
            return text("Understood, I've cancelled the escalation and no ticket was created.");
        }
        if ((m = STATUS.matcher(said)).matches()) {
            return toolCall(
                    "get_ticket_status",
                    JSON.createObjectNode().put("ticket_id", m.group(1).toUpperCase(Locale.ROOT)));
        }
        if ((m = UPDATE.matcher(said)).matches() && facts.ticketId != null) {
            return toolCall(
                    "update_ticket",
                    JSON.createObjectNode()
                            .put("ticket_id", facts.ticketId)
                            .put("note", m.group(1).strip()));
        }
        if (facts.profile == null) {
            return text("I'm sorry to hear something went wrong. Could you tell me what happened?");
        }
        if (!facts.detailsGiven) {
            return text("Could you describe the problem in a little more detail: what happens, since when, and what you"
                    + " have already tried?");
        }
        if (facts.department == null) {
            return text("So I can send this to the right team: is it for Technical Support, Billing or Sales?");
        }
        return text("Here is what I have: a " + facts.priority.wireName() + " priority ticket for "
                + facts.department.displayName() + ", described as \"" + facts.description() + "\". Shall I create it?"
                + " Please reply yes, or tell me what to change.");
    }

    /** What the history establishes. */
    private static final class Facts {
        Profile profile;
        boolean detailsGiven;
        Department department;
        Priority priority;
        final List<String> problem = new ArrayList<>();
        String ticketId;

        String description() {
            return String.join(" ", problem);
        }
    }

    private Facts facts(List<JsonNode> messages) {
        Facts facts = new Facts();
        for (JsonNode message : messages) {
            String role = message.path("role").asText();
            String content = message.path("content").asText("");
            if ("tool".equals(role)) {
                JsonNode result = parse(content);
                if (result.has("ticket_id")) {
                    facts.ticketId = result.get("ticket_id").asText();
                }
                continue;
            }
            if (!"user".equals(role)) {
                continue;
            }
            Script script = scripts.get(content);
            Matcher m;
            if (script != null) {
                Profile profile = script.profile();
                facts.profile = profile;
                boolean ambiguous =
                        profile.tags().contains("ambiguous_department") && script.part() != Part.DEPARTMENT_ANSWER;
                if (!ambiguous && facts.department == null || script.part() == Part.DEPARTMENT_ANSWER) {
                    facts.department = profile.department();
                }
                if (facts.priority == null) {
                    facts.priority = profile.priority();
                }
                if (script.part() == Part.DETAILS
                        || script.part() == Part.OPENING && profile.tags().contains("all_in_one")) {
                    facts.detailsGiven = true;
                }
                if (script.part() != Part.DEPARTMENT_ANSWER) {
                    facts.problem.add(content);
                }
            } else if ((m = CORRECT_DEPARTMENT.matcher(content)).matches()
                    && Department.parse(m.group(1)).isPresent()) {
                facts.department = Department.parse(m.group(1)).get();
            } else if ((m = CORRECT_PRIORITY.matcher(content)).matches()
                    && Priority.parse(m.group(1)).isPresent()) {
                facts.priority = Priority.parse(m.group(1)).get();
            }
        }
        return facts;
    }

    private static String afterTool(List<JsonNode> messages, JsonNode last) {
        String tool = "";
        for (JsonNode message : messages) {
            for (JsonNode call : message.path("tool_calls")) {
                if (call.path("id").asText().equals(last.path("tool_call_id").asText())) {
                    tool = call.path("function").path("name").asText();
                }
            }
        }
        JsonNode result = parse(last.path("content").asText("{}"));
        if (result.has("error")) {
            return "I couldn't find that ticket on your account. Could you check the id?";
        }
        String id = result.path("ticket_id").asText();
        String department = result.path("department").asText();
        String priority = result.path("priority").asText();
        String status = result.path("status").asText().replace('_', ' ');
        return switch (tool) {
            case "create_ticket" ->
                "Your ticket " + id + " has been created for " + department + " with " + priority
                        + " priority, and its status is " + status
                        + ". The team will be in touch, and you can ask me about it"
                        + " at any time.";
            case "update_ticket" -> "Thanks, I've added your note to ticket " + id + ".";
            default -> "Ticket " + id + " for " + department + " (" + priority + " priority) is " + status + ".";
        };
    }

    private MockResponse text(String content) {
        ObjectNode message = JSON.createObjectNode().put("role", "assistant").put("content", content);
        return completion(message, "stop");
    }

    private MockResponse toolCall(String name, ObjectNode arguments) {
        ObjectNode message = JSON.createObjectNode().put("role", "assistant");
        message.putNull("content");
        ObjectNode call = message.putArray("tool_calls").addObject();
        call.put("id", "call_" + ids.incrementAndGet());
        call.put("type", "function");
        call.putObject("function").put("name", name).put("arguments", write(arguments));
        return completion(message, "tool_calls");
    }

    private MockResponse completion(ObjectNode message, String finish) {
        ObjectNode response = JSON.createObjectNode();
        response.put("id", "chatcmpl-react" + ids.incrementAndGet());
        response.put("object", "chat.completion");
        ObjectNode choice = response.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("message", message);
        choice.put("finish_reason", finish);
        return new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", "application/json")
                .body(write(response))
                .build();
    }

    private static JsonNode parse(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            return node == null ? JSON.createObjectNode() : node;
        } catch (JsonProcessingException e) {
            return JSON.createObjectNode();
        }
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
