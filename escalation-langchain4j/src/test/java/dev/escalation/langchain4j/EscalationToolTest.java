package dev.escalation.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.escalation.core.EscalationEngine;
import dev.escalation.core.InMemoryStore;
import dev.escalation.core.OfflineLanguageModel;
import dev.escalation.core.handover.Handover;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.agent.tool.ToolSpecifications;
import dev.langchain4j.service.tool.DefaultToolExecutor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tools as LangChain4j sees and runs them: its own specification reader and tool executor. */
class EscalationToolTest {

    private final ObjectMapper json = new ObjectMapper();
    private final InMemoryStore store = new InMemoryStore();
    private final Handover handover = new Handover(EscalationEngine.builder()
            .languageModel(new OfflineLanguageModel())
            .conversationStore(store)
            .ticketStore(store)
            .build());
    private final EscalationTool tool = new EscalationTool(handover, "chat-1", "customer-1");

    @Test
    void langChain4jReadsTwoToolsEachTakingOneTextArgument() {
        List<ToolSpecification> specifications = ToolSpecifications.toolSpecificationsFrom(tool);

        assertThat(specifications)
                .extracting(ToolSpecification::name)
                .containsExactlyInAnyOrder("escalate", "continue_escalation");
        assertThat(specifications)
                .allSatisfy(spec -> assertThat(spec.parameters().properties()).hasSize(1));
        assertThat(specifications.stream()
                        .filter(s -> s.name().equals("escalate"))
                        .findFirst()
                        .orElseThrow()
                        .parameters()
                        .properties())
                .containsKey("customerAccount");
    }

    @Test
    void theHostModelsCallsEscalateAndConfirmToATicketOfTheBoundCustomer() throws Exception {
        JsonNode first = execute(
                "escalate",
                "customerAccount",
                "I've been trying to resolve this for weeks and I'm"
                        + " frustrated! My car insurance premium has been taken twice every month since March, and nothing ever"
                        + " shows up on my bank statement. I just want the duplicate payments returned.");
        JsonNode second = execute("continue_escalation", "message", "Yes, please create the ticket.");

        assertThat(first.path("state").asText()).isEqualTo("CONFIRMATION");
        assertThat(first.path("finished").asBoolean()).isFalse();
        assertThat(second.path("state").asText()).isEqualTo("TICKET_CREATED");
        assertThat(second.path("finished").asBoolean()).isTrue();
        String ticketId = second.path("ticket_id").asText();
        assertThat(second.path("reply").asText()).contains(ticketId);
        assertThat(store.listForCustomer("customer-1"))
                .extracting(t -> t.ticketId().value())
                .containsExactly(ticketId);
    }

    private JsonNode execute(String name, String parameter, String value) throws Exception {
        ToolExecutionRequest request = ToolExecutionRequest.builder()
                .id("call-" + name)
                .name(name)
                .arguments(json.writeValueAsString(java.util.Map.of(parameter, value)))
                .build();
        // As AiServices does: the method is the one whose @Tool carries the name the model called.
        java.lang.reflect.Method method = java.util.Arrays.stream(EscalationTool.class.getMethods())
                .filter(m -> m.isAnnotationPresent(dev.langchain4j.agent.tool.Tool.class)
                        && m.getAnnotation(dev.langchain4j.agent.tool.Tool.class)
                                .name()
                                .equals(name))
                .findFirst()
                .orElseThrow();
        return json.readTree(new DefaultToolExecutor(tool, method).execute(request, "memory-1"));
    }
}
