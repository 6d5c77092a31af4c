package dev.escalation.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.escalation.core.CustomerMessage;
import dev.escalation.core.EscalationEngine;
import dev.escalation.core.FlowDefinition;
import dev.escalation.core.InMemoryStore;
import dev.escalation.core.Priority;
import dev.escalation.core.PrioritySpec;
import dev.escalation.core.State;
import dev.escalation.core.Ticket;
import dev.escalation.core.TurnResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bank example flow with this adapter and a scripted OpenAI-compatible server: the flow's own
 * slots are in the JSON schema sent to the server (with descriptions and enums, and the flow's
 * departments), values that do not fit a slot's type are dropped, and what fits ends on the ticket.
 */
class CustomFlowOverHttpTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final FlowDefinition BANK = FlowDefinition.load(Path.of("../flows/bank.yaml"));

    private final MockWebServer server = new MockWebServer();
    private final List<JsonNode> extractions = new CopyOnWriteArrayList<>();
    private OpenAiCompatibleModel model;

    /** Reads each message as a good model would, from a fixed table; replies with a fixed stream. */
    private final class BankModel extends Dispatcher {
        private final Map<String, Map<String, Object>> readings = Map.of(
                "Someone took 250 pounds with my card, a payment I did not make!",
                        Map.of(
                                "intent",
                                "PROVIDE_INFO",
                                "states_reason",
                                true,
                                "states_details",
                                true,
                                "department",
                                "Fraud",
                                "priority",
                                "high",
                                "unrecognised_payment",
                                "yes",
                                "payment_amount",
                                "250",
                                "account_number",
                                "1234"),
                "It is 12345678", Map.of("intent", "PROVIDE_INFO", "account_number", "12345678"),
                // A model that sees the fraud but misses the amount the customer gave.
                "A payment of 89.90 euros left my account, I did not make it!",
                        Map.of(
                                "intent",
                                "PROVIDE_INFO",
                                "states_reason",
                                true,
                                "states_details",
                                true,
                                "department",
                                "Fraud",
                                "unrecognised_payment",
                                "yes"),
                "yes", Map.of("intent", "CONFIRM"));

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            JsonNode body = Replay.bodyOf(request);
            if (body.path("stream").asBoolean(false)) {
                return Replay.sse("lmstudio-stream-no-usage.sse");
            }
            extractions.add(body);
            JsonNode messages = body.path("messages");
            String user = messages.get(messages.size() - 1).path("content").asText();
            String text = user.substring(
                            user.indexOf("<customer_message>") + "<customer_message>".length(),
                            user.indexOf("</customer_message>"))
                    .strip();
            ObjectNode answer = JSON.createObjectNode();
            body.at("/response_format/json_schema/schema/properties")
                    .fieldNames()
                    .forEachRemaining(answer::putNull);
            readings.getOrDefault(text, Map.of("intent", "PROVIDE_INFO"))
                    .forEach((k, v) -> answer.set(k, JSON.valueToTree(v)));
            return completion(answer.toString());
        }
    }

    private static MockResponse completion(String content) {
        ObjectNode body = JSON.createObjectNode();
        body.put("id", "chatcmpl-bank")
                .put("object", "chat.completion")
                .put("created", 1)
                .put("model", "x");
        ObjectNode choice = body.putArray("choices").addObject();
        choice.put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", content);
        body.putObject("usage")
                .put("prompt_tokens", 100)
                .put("completion_tokens", 20)
                .put("total_tokens", 120);
        return new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", "application/json")
                .body(body.toString())
                .build();
    }

    @BeforeEach
    void start() throws IOException {
        server.setDispatcher(new BankModel());
        server.start();
        model = new OpenAiCompatibleModel(Replay.openAi(server).build());
    }

    @AfterEach
    void stop() {
        model.close();
        server.close();
    }

    @Test
    void theFlowsOwnSlotsAreAskedForExtractedValidatedAndStoredOnTheTicket() {
        InMemoryStore store = new InMemoryStore();
        EscalationEngine engine = EscalationEngine.builder()
                .flow(BANK)
                .languageModel(model)
                .conversationStore(store)
                .ticketStore(store)
                .build();

        TurnResult first = engine.handle(
                new CustomerMessage("c-1", "u-1", "Someone took 250 pounds with my card, a payment I did not make!"));
        TurnResult second = engine.handle(new CustomerMessage("c-1", "u-1", "It is 12345678"));
        TurnResult third = engine.handle(new CustomerMessage("c-1", "u-1", "yes"));

        JsonNode schema = extractions.get(0).at("/response_format/json_schema/schema/properties");
        assertThat(schema.at("/department/enum").toString()).isEqualTo("[\"Cards\",\"Loans\",\"Fraud\",null]");
        assertThat(schema.at("/account_number/description").asText())
                .isEqualTo("the customer's 8-digit account number, digits only (matching ^[0-9]{8}$)");
        assertThat(schema.at("/unrecognised_payment/enum").toString()).isEqualTo("[\"yes\",null]");
        assertThat(first.slots().extra()).containsEntry("payment_amount", "250").doesNotContainKey("account_number");
        assertThat(first.slots().priority()).isEqualTo(Priority.CRITICAL);
        assertThat(first.state()).isEqualTo(State.of("VERIFY_IDENTITY"));
        assertThat(second.state()).isEqualTo(State.CONFIRMATION);
        Ticket ticket = third.ticket().orElseThrow();
        assertThat(ticket.department().displayName()).isEqualTo("Fraud");
        assertThat(ticket.priority()).isEqualTo(Priority.CRITICAL);
        assertThat(ticket.fields()).isEqualTo(Map.of("account_number", "12345678", "payment_amount", "250"));
        assertThat(first.degraded() || second.degraded() || third.degraded()).isFalse();
    }

    @Test
    void theFlowsOwnRubricIsWhatTheModelIsToldAndWhatTheOfflineModelReads() {
        FlowDefinition swallowed = BANK.toBuilder()
                .priority(PrioritySpec.of(Priority.HIGH, "a card kept by a cash machine")
                        .cues(2.5, "swallow*"))
                .build();
        String message = "The cash machine swallowed my card this morning, please escalate this.";
        InMemoryStore store = new InMemoryStore();
        EscalationEngine overHttp = EscalationEngine.builder()
                .flow(swallowed)
                .languageModel(model)
                .conversationStore(store)
                .ticketStore(store)
                .build();
        EscalationEngine offline = EscalationEngine.builder()
                .flow(swallowed)
                .conversationStore(store)
                .ticketStore(store)
                .build();

        overHttp.handle(new CustomerMessage("c-2", "u-2", message));
        TurnResult read = offline.handle(new CustomerMessage("c-3", "u-3", message));

        String systemPrompt = extractions.get(0).at("/messages/0/content").asText();
        assertThat(systemPrompt)
                .contains("- high: a card kept by a cash machine")
                .contains("- critical: " + BANK.priorityRubric().get(Priority.CRITICAL))
                .doesNotContain(FlowDefinition.standard().priorityRubric().get(Priority.HIGH));
        assertThat(read.slots().priority()).isEqualTo(Priority.HIGH);
    }

    @Test
    void anAmountTheModelMissedIsFoundInWhatTheCustomerSaidAndNotAskedFor() {
        InMemoryStore store = new InMemoryStore();
        EscalationEngine engine = EscalationEngine.builder()
                .flow(BANK)
                .languageModel(model)
                .conversationStore(store)
                .ticketStore(store)
                .build();

        TurnResult first = engine.handle(
                new CustomerMessage("c-4", "u-4", "A payment of 89.90 euros left my account, I did not make it!"));

        assertThat(first.slots().extra()).containsEntry("payment_amount", "89.90");
        assertThat(first.state()).isEqualTo(State.of("VERIFY_IDENTITY"));
        assertThat(first.degraded()).isFalse();
    }
}
