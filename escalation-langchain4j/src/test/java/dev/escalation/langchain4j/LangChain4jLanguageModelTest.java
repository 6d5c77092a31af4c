package dev.escalation.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.escalation.core.CustomerMessage;
import dev.escalation.core.Department;
import dev.escalation.core.EscalationEngine;
import dev.escalation.core.EscalationListener;
import dev.escalation.core.InMemoryStore;
import dev.escalation.core.LanguageModel;
import dev.escalation.core.ModelCall;
import dev.escalation.core.Priority;
import dev.escalation.core.State;
import dev.escalation.core.TurnResult;
import dev.escalation.core.simulation.Profile;
import dev.escalation.llm.ChatBackendModel;
import dev.escalation.llm.ScriptedModelServer;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * LangChain4j's own OpenAI clients pointed at the scripted OpenAI-compatible server over real HTTP,
 * driving the real engine to a ticket.
 */
class LangChain4jLanguageModelTest {

    static final Profile PROFILE = new Profile(
            "lc4j-1",
            "customer-1",
            "I want to escalate, I was charged twice for my premium and nobody answers my emails.",
            "Two identical payments of 84.20 left my account on 3 March; the bank statement shows both.",
            "Billing",
            Department.BILLING,
            Priority.HIGH,
            true,
            null,
            null,
            List.of());
    static final String YES = "Yes, please create the ticket.";

    private final ObjectMapper json = new ObjectMapper();
    private final List<JsonNode> bodies = new CopyOnWriteArrayList<>();
    private final List<ModelCall> calls = new CopyOnWriteArrayList<>();
    private MockWebServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** The scripted server, recording each chat request's body; {@code rejectSchema} plays a server without json_schema. */
    private String start(boolean rejectSchema) throws IOException {
        ScriptedModelServer script = new ScriptedModelServer(List.of(PROFILE), "gpt-4o-mini");
        server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                if (request.getBody() != null && request.getBody().size() > 0) {
                    try {
                        JsonNode body = json.readTree(request.getBody().utf8());
                        bodies.add(body);
                        if (rejectSchema && body.has("response_format")) {
                            return new MockResponse.Builder()
                                    .code(400)
                                    .setHeader("Content-Type", "application/json")
                                    .body(
                                            "{\"error\":{\"message\":\"response_format json_schema is not supported by this model\","
                                                    + "\"type\":\"invalid_request_error\",\"param\":\"response_format\",\"code\":null}}")
                                    .build();
                        }
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }
                return script.dispatch(request);
            }
        });
        server.start();
        return server.url("/v1").toString();
    }

    private EscalationEngine engine(LanguageModel model) {
        InMemoryStore store = new InMemoryStore();
        return EscalationEngine.builder()
                .languageModel(model)
                .conversationStore(store)
                .ticketStore(store)
                .listener(new EscalationListener() {
                    @Override
                    public void modelCalled(String conversationId, ModelCall call) {
                        calls.add(call);
                    }
                })
                .build();
    }

    private static List<TurnResult> playToTicket(EscalationEngine engine, List<String> streamed) {
        List<TurnResult> turns = new ArrayList<>();
        for (String text : List.of(PROFILE.opening(), PROFILE.details(), YES)) {
            turns.add(engine.handle(new CustomerMessage("c-1", PROFILE.customerId(), text), streamed::add));
        }
        return turns;
    }

    @Test
    void aModelDeclaringJsonSchemaGetsTheSchemaAndStreamsRepliesToATicket() throws IOException {
        String baseUrl = start(false);
        ChatBackendModel model = LangChain4jLanguageModel.builder(OpenAiChatModel.builder()
                        .baseUrl(baseUrl)
                        .apiKey("test-key")
                        .modelName("gpt-4o-mini")
                        .maxRetries(0)
                        .supportedCapabilities(Capability.RESPONSE_FORMAT_JSON_SCHEMA)
                        .build())
                .streamingModel(OpenAiStreamingChatModel.builder()
                        .baseUrl(baseUrl)
                        .apiKey("test-key")
                        .modelName("gpt-4o-mini")
                        .build())
                .build();
        List<String> streamed = new ArrayList<>();

        List<TurnResult> turns = playToTicket(engine(model), streamed);

        assertThat(model.structuredOutput()).isTrue();
        assertThat(turns)
                .extracting(TurnResult::state)
                .containsExactly(State.DETAILS, State.CONFIRMATION, State.TICKET_CREATED);
        assertThat(turns).noneMatch(TurnResult::degraded);
        TurnResult last = turns.get(2);
        assertThat(last.reply()).contains(last.ticket().orElseThrow().ticketId().value());
        assertThat(last.slots().department()).isEqualTo(Department.BILLING);
        assertThat(streamed.size()).isGreaterThan(6);
        assertThat(String.join("", streamed))
                .isEqualTo(turns.get(0).reply() + turns.get(1).reply() + last.reply());
        JsonNode extraction = bodies.stream()
                .filter(b -> !b.path("stream").asBoolean())
                .findFirst()
                .orElseThrow();
        assertThat(extraction.path("response_format").path("type").asText()).isEqualTo("json_schema");
        assertThat(extraction
                        .path("response_format")
                        .path("json_schema")
                        .path("schema")
                        .path("properties")
                        .has("intent"))
                .isTrue();
        assertThat(calls)
                .extracting(ModelCall::operation)
                .containsOnly("interpret", "reply")
                .hasSize(6);
        assertThat(calls).allSatisfy(call -> {
            assertThat(call.outcome()).isEqualTo("ok");
            assertThat(call.inputTokens()).isPositive();
            assertThat(call.outputTokens()).isPositive();
            assertThat(call.model()).isEqualTo("langchain4j/open_ai/gpt-4o-mini");
        });
        assertThat(calls)
                .filteredOn(call -> call.operation().equals("interpret"))
                .noneMatch(ModelCall::tokensEstimated);
        assertThat(calls)
                .filteredOn(call -> call.operation().equals("reply"))
                .allSatisfy(call -> assertThat(call.timeToFirstToken()).isNotNull());
    }

    @Test
    void aModelWithoutJsonSchemaGetsTheSchemaInThePromptAndStillReachesATicket() throws IOException {
        String baseUrl = start(false);
        ChatBackendModel model = LangChain4jLanguageModel.of(OpenAiChatModel.builder()
                .baseUrl(baseUrl)
                .apiKey("test-key")
                .modelName("gpt-4o-mini")
                .maxRetries(0)
                .build());

        List<TurnResult> turns = playToTicket(engine(model), new ArrayList<>());

        assertThat(model.structuredOutput()).isFalse();
        assertThat(turns.get(2).state()).isEqualTo(State.TICKET_CREATED);
        assertThat(turns).noneMatch(TurnResult::degraded);
        JsonNode extraction = bodies.get(0);
        assertThat(extraction.has("response_format")).isFalse();
        assertThat(extraction.path("messages").get(0).path("content").asText()).contains("\"intent\"");
    }

    @Test
    void aServerThatRejectsTheSchemaIsAskedAgainWithTheSchemaInThePromptFromThenOn() throws IOException {
        String baseUrl = start(true);
        ChatBackendModel model = LangChain4jLanguageModel.builder(OpenAiChatModel.builder()
                        .baseUrl(baseUrl)
                        .apiKey("test-key")
                        .modelName("gpt-4o-mini")
                        .maxRetries(0)
                        .build())
                .structuredOutput(true)
                .build();

        List<TurnResult> turns = playToTicket(engine(model), new ArrayList<>());

        assertThat(turns.get(2).state()).isEqualTo(State.TICKET_CREATED);
        assertThat(turns).noneMatch(TurnResult::degraded);
        assertThat(model.structuredOutput()).isFalse();
        assertThat(bodies.stream().filter(b -> b.has("response_format")).count())
                .isEqualTo(1);
        assertThat(calls).extracting(ModelCall::outcome).contains("schema_rejected");
    }

    @Test
    void aFailingProviderMakesTheTurnDegradedAndTheOfflineModelAnswers() throws IOException {
        server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse.Builder()
                        .code(503)
                        .body("{\"error\":{\"message\":\"overloaded\"}}")
                        .build();
            }
        });
        server.start();
        LanguageModel model = LangChain4jLanguageModel.of(OpenAiChatModel.builder()
                .baseUrl(server.url("/v1").toString())
                .apiKey("test-key")
                .modelName("gpt-4o-mini")
                .maxRetries(0)
                .build());

        TurnResult turn = engine(model).handle(new CustomerMessage("c-9", "u-9", PROFILE.opening()));

        assertThat(turn.degraded()).isTrue();
        assertThat(turn.reply()).isNotBlank();
        assertThat(calls).extracting(ModelCall::outcome).contains("error");
    }
}
