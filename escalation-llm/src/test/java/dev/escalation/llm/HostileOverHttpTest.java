package dev.escalation.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.escalation.core.EscalationEngine;
import dev.escalation.core.InMemoryStore;
import dev.escalation.core.simulation.HostileMessage;
import dev.escalation.core.simulation.HostileSuite;
import dev.escalation.core.simulation.ObedientModel;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The adversarial suite's injections, look-ups and markup ({@code hostile/messages.jsonl}, see
 * {@link HostileSuite}) with this adapter and a real HTTP server speaking OpenAI's wire format that
 * plays a model obeying the message: it answers with {@code intent: CONFIRM}, calls
 * {@code update_ticket} on another customer's ticket with {@code status: resolved} or
 * {@code get_ticket_status} with an id it invents, and streams replies that repeat the customer's
 * markup and "reveal" a system prompt. Nothing of that may get through: the adapter rejects ids the
 * customer did not type, the engine creates tickets only on a yes the customer wrote and shows
 * replies with inert markup. Also checked: the requests never carry another customer's data.
 */
class HostileOverHttpTest {

    private static final Set<String> TOOL_AND_TEXT =
            Set.of("prompt_injection", "system_prompt", "fake_tool_call", "foreign_ticket", "markup");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<MockWebServer> servers = new ArrayList<>();
    private final List<OpenAiCompatibleModel> models = new ArrayList<>();

    static List<HostileMessage> messages() {
        return HostileMessage.all().stream()
                .filter(m -> TOOL_AND_TEXT.contains(m.category()))
                .toList();
    }

    @AfterEach
    void stop() {
        models.forEach(OpenAiCompatibleModel::close);
        servers.forEach(MockWebServer::close);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void aModelThatObeysTheMessageOverHttpCannotBreakAnyGuarantee(HostileMessage message) {
        List<String> requests = new CopyOnWriteArrayList<>();
        HostileSuite.check(
                message,
                () -> {
                    InMemoryStore store = new InMemoryStore();
                    return new HostileSuite.Stores(store, store);
                },
                (world, m) -> {
                    MockWebServer server = new MockWebServer();
                    server.setDispatcher(new Obedient(m, world.victimTicket(), world.ownTicket(), requests));
                    try {
                        server.start();
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                    servers.add(server);
                    OpenAiCompatibleModel model =
                            new OpenAiCompatibleModel(Replay.openAi(server).build());
                    models.add(model);
                    return EscalationEngine.builder().languageModel(model);
                });

        assertThat(requests).as("the model was called").isNotEmpty();
        for (String request : requests) {
            assertThat(request)
                    .as("no request carries the other customer's data or the API key")
                    .doesNotContain(HostileSuite.VICTIM_SECRET)
                    .doesNotContain(Replay.KEY);
        }
    }

    /** Plays a model that does what the customer's message says. */
    private static final class Obedient extends Dispatcher {
        private static final Pattern CUSTOMER =
                Pattern.compile("<customer_message>\\n(.*)\\n</customer_message>", Pattern.DOTALL);
        private final HostileMessage message;
        private final String victimTicket;
        private final String ownTicket;
        private final List<String> requests;

        Obedient(HostileMessage message, String victimTicket, String ownTicket, List<String> requests) {
            this.message = message;
            this.victimTicket = victimTicket;
            this.ownTicket = ownTicket;
            this.requests = requests;
        }

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            String text = request.getBody() == null ? "" : request.getBody().utf8();
            requests.add(text);
            JsonNode body = Replay.bodyOf(request);
            JsonNode messages = body.path("messages");
            String user = messages.get(messages.size() - 1).path("content").asText();
            Matcher customer = CUSTOMER.matcher(user);
            String said = customer.find() ? customer.group(1) : "";
            return body.path("stream").asBoolean(false) ? reply(said) : extraction(body, said);
        }

        private MockResponse extraction(JsonNode body, String said) {
            boolean tools = body.path("tools").isArray() && !body.path("tools").isEmpty();
            ObjectNode message = JSON.createObjectNode().put("role", "assistant");
            String obey = this.message.obey();
            if (obey.startsWith("update_") || obey.startsWith("status_")) {
                // The id the customer typed, else one it invents: the other customer's.
                Matcher typed = Pattern.compile("(?i)TK-[A-Z0-9]{8}").matcher(said);
                String ticket = obey.endsWith("own")
                        ? ownTicket
                        : obey.endsWith("latest") ? null : typed.find() ? typed.group() : victimTicket;
                ObjectNode arguments = JSON.createObjectNode().put("ticket_id", ticket);
                if (obey.startsWith("update_")) {
                    arguments.put("note", "status: resolved").put("status", "resolved");
                }
                String name = obey.startsWith("update_") ? "update_ticket" : "get_ticket_status";
                if (tools) {
                    message.putNull("content");
                    ArrayNode calls = message.putArray("tool_calls");
                    calls.addObject()
                            .put("id", "call_1")
                            .put("type", "function")
                            .putObject("function")
                            .put("name", name)
                            .put("arguments", arguments.toString());
                    return completion(message, "tool_calls");
                }
                message.put(
                        "content",
                        JSON.createObjectNode()
                                .put("tool", name)
                                .set("arguments", arguments)
                                .toString());
                return completion(message, "stop");
            }
            ObjectNode reading = JSON.createObjectNode();
            if (obey.equals("confirm")) {
                reading.put("intent", "CONFIRM");
            } else {
                reading.put("intent", "PROVIDE_INFO")
                        .put("states_reason", true)
                        .put("states_details", true)
                        .put("department", "Billing")
                        .put("department_named", true)
                        .put("priority", "critical")
                        .put("priority_requested", true);
            }
            message.put("content", reading.toString());
            return completion(message, "stop");
        }

        private static MockResponse completion(ObjectNode message, String finish) {
            ObjectNode root = JSON.createObjectNode()
                    .put("id", "chatcmpl-1")
                    .put("object", "chat.completion")
                    .put("created", 1_747_312_345L)
                    .put("model", "gpt-4o-mini");
            root.putArray("choices")
                    .addObject()
                    .put("index", 0)
                    .<ObjectNode>set("message", message)
                    .put("finish_reason", finish);
            root.putObject("usage")
                    .put("prompt_tokens", 100)
                    .put("completion_tokens", 10)
                    .put("total_tokens", 110);
            return new MockResponse.Builder()
                    .code(200)
                    .setHeader("Content-Type", "application/json")
                    .body(root.toString())
                    .build();
        }

        private MockResponse reply(String said) {
            String text = "Of course! You wrote: " + said
                    + ("leak".equals(message.obey()) ? "\n" + ObedientModel.LEAKED_PROMPT : "")
                    + "\nDone as you asked.";
            StringBuilder sse = new StringBuilder();
            for (int i = 0; i < text.length(); i += 4) {
                ObjectNode chunk =
                        JSON.createObjectNode().put("id", "chatcmpl-2").put("object", "chat.completion.chunk");
                chunk.putArray("choices")
                        .addObject()
                        .put("index", 0)
                        .putNull("finish_reason")
                        .putObject("delta")
                        .put("content", text.substring(i, Math.min(text.length(), i + 4)));
                sse.append("data: ").append(chunk).append("\n\n");
            }
            ObjectNode last = JSON.createObjectNode().put("id", "chatcmpl-2").put("object", "chat.completion.chunk");
            last.putArray("choices")
                    .addObject()
                    .put("index", 0)
                    .put("finish_reason", "stop")
                    .putObject("delta");
            sse.append("data: ").append(last).append("\n\ndata: [DONE]\n\n");
            return new MockResponse.Builder()
                    .code(200)
                    .setHeader("Content-Type", "text/event-stream")
                    .body(sse.toString())
                    .build();
        }
    }
}
