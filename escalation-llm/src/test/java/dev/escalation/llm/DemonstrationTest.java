package dev.escalation.llm;

import static dev.escalation.llm.Replay.bodyOf;
import static dev.escalation.llm.Replay.json;
import static dev.escalation.llm.Replay.take;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.escalation.core.Department;
import dev.escalation.core.Intent;
import dev.escalation.core.Interpretation;
import dev.escalation.core.InterpretationRequest;
import dev.escalation.core.Priority;
import dev.escalation.core.Question;
import dev.escalation.core.Slots;
import dev.escalation.core.State;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Few-shot demonstrations in the requests that read messages, against a local OpenAI-format server. */
class DemonstrationTest {

    private static final String MESSAGE = "I was charged twice for my premium this month and nobody answers my emails";

    private final MockWebServer server = new MockWebServer();
    private final Replay.Calls calls = new Replay.Calls();
    private OpenAiCompatibleModel model;

    @BeforeEach
    void start() throws IOException {
        server.start();
    }

    @AfterEach
    void stop() {
        if (model != null) {
            model.close();
        }
        server.close();
    }

    private static Interpretation info(Department department, Priority priority, boolean reason, boolean details) {
        return new Interpretation(
                Intent.PROVIDE_INFO,
                department,
                false,
                priority,
                false,
                null,
                reason,
                details,
                null,
                null,
                null,
                Map.of());
    }

    @Test
    void theDemonstrationsOfTheStateGoBeforeTheMessageAsUserAndAssistantPairsWithTheSchemasExactJson()
            throws Exception {
        server.enqueue(json(200, "openai-json-schema-reason.json"));
        List<Demonstration> demonstrations = List.of(
                new Demonstration(
                        State.REASON,
                        "My invoice shows a fee I never agreed to.",
                        info(Department.BILLING, Priority.MEDIUM, true, false)),
                new Demonstration(
                        State.DETAILS,
                        "The app crashes on start since the update.",
                        info(Department.TECHNICAL_SUPPORT, Priority.HIGH, false, true)),
                new Demonstration(
                        State.REASON,
                        "We want to add 40 seats to our plan.",
                        info(Department.SALES, Priority.LOW, true, false)));
        model = new OpenAiCompatibleModel(
                Replay.openAi(server).demonstrations(demonstrations).build());

        Interpretation reading = model.interpret(new InterpretationRequest(
                State.REASON,
                Slots.EMPTY,
                Question.REASON,
                MESSAGE,
                Instant.now().plusSeconds(10),
                calls));

        assertThat(reading.department()).isEqualTo(Department.BILLING);
        JsonNode messages = bodyOf(take(server)).path("messages");
        List<String> roles = new ArrayList<>();
        messages.forEach(m -> roles.add(m.path("role").asText()));
        // The DETAILS demonstration is not sent in REASON: only the state's own cost tokens.
        assertThat(roles).containsExactly("system", "user", "assistant", "user", "assistant", "user");
        assertThat(messages.get(1).path("content").asText())
                .isEqualTo("Known so far: nothing yet.\n"
                        + "The agent last asked: why they want to escalate.\n"
                        + "<customer_message>\nMy invoice shows a fee I never agreed to.\n</customer_message>");
        assertThat(messages.get(2).path("content").asText())
                .isEqualTo("{\"intent\":\"PROVIDE_INFO\","
                        + "\"states_reason\":true,\"states_details\":false,\"department\":\"Billing\",\"department_named\":false,"
                        + "\"priority\":\"medium\",\"priority_requested\":false,\"contact\":null,\"ticket_reference\":null,"
                        + "\"note\":null,\"problem\":null}");
        assertThat(messages.get(3).path("content").asText()).contains("We want to add 40 seats to our plan.");
        assertThat(messages.get(4).path("content").asText())
                .startsWith("{\"intent\":\"PROVIDE_INFO\","
                        + "\"states_reason\":true,\"states_details\":false,\"department\":\"Sales\"");
        assertThat(messages.get(5).path("content").asText()).contains(MESSAGE);
    }

    @Test
    void aConfirmationDemonstrationCarriesOnlyTheConfirmationSchemasProperties() throws Exception {
        server.enqueue(json(200, "openai-json-schema-reason.json"));
        Interpretation yes = new Interpretation(
                Intent.CONFIRM, null, false, null, false, null, false, false, null, null, null, Map.of());
        model = new OpenAiCompatibleModel(Replay.openAi(server)
                .demonstrations(List.of(new Demonstration(State.CONFIRMATION, "Yes, go ahead.", yes)))
                .build());

        model.interpret(new InterpretationRequest(
                State.CONFIRMATION,
                Slots.EMPTY,
                Question.CONFIRMATION,
                "yes please",
                Instant.now().plusSeconds(10),
                calls));

        JsonNode messages = bodyOf(take(server)).path("messages");
        assertThat(messages.get(2).path("content").asText())
                .isEqualTo("{\"intent\":\"CONFIRM\",\"adds_details\":false,"
                        + "\"department\":null,\"department_named\":false,\"priority\":null,\"priority_requested\":false,"
                        + "\"ticket_reference\":null,\"note\":null,\"problem\":null}");
    }

    @Test
    void withoutDemonstrationsTheRequestHoldsTheSystemPromptAndTheMessageOnly() throws Exception {
        server.enqueue(json(200, "openai-json-schema-reason.json"));
        model = new OpenAiCompatibleModel(Replay.openAi(server).build());

        model.interpret(new InterpretationRequest(
                State.REASON,
                Slots.EMPTY,
                Question.REASON,
                MESSAGE,
                Instant.now().plusSeconds(10),
                calls));

        assertThat(bodyOf(take(server)).path("messages")).hasSize(2);
    }

    @Test
    void aBlankOrOverlongDemonstrationTextIsRefusedNamingTheValue() {
        Interpretation expected = info(Department.BILLING, Priority.LOW, true, false);

        assertThatThrownBy(() -> new Demonstration(State.REASON, "  ", expected))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("customerText must not be blank");
        assertThatThrownBy(
                        () -> new Demonstration(State.REASON, "x".repeat(Demonstration.MAX_TEXT_LENGTH + 1), expected))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most 2000 characters, but had 2001");
        assertThatThrownBy(() -> LanguageModelConfig.builder()
                        .demonstrations(java.util.Arrays.asList(new Demonstration(State.REASON, "ok", expected), null)))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("demonstrations[1]");
    }

    @Test
    void demonstrationsAreKeptByToBuilderAndDroppedForTheOfflineModel() {
        List<Demonstration> one = List.of(
                new Demonstration(State.REASON, "Refund please", info(Department.BILLING, Priority.LOW, true, false)));
        LanguageModelConfig config = LanguageModelConfig.builder()
                .provider(LanguageModelConfig.Provider.OLLAMA)
                .model("llama3")
                .demonstrations(one)
                .build();

        assertThat(config.toBuilder().build().demonstrations()).isEqualTo(one);
        assertThat(config.toBuilder().build()).isEqualTo(config);
        assertThat(config.toString()).contains("demonstrations=1");
        assertThat(LanguageModelConfig.builder()
                        .provider(LanguageModelConfig.Provider.OFFLINE)
                        .demonstrations(one)
                        .build()
                        .demonstrations())
                .isEmpty();
    }
}
