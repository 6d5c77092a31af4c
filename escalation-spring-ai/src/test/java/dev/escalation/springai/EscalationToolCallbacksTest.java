package dev.escalation.springai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.escalation.core.EscalationEngine;
import dev.escalation.core.InMemoryStore;
import dev.escalation.core.OfflineLanguageModel;
import dev.escalation.core.handover.Handover;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.model.ToolContext;
import org.springframework.ai.tool.ToolCallback;

class EscalationToolCallbacksTest {

    private static final String ACCOUNT = "I've been trying to resolve this for weeks and I'm frustrated! My car"
            + " insurance premium has been taken twice every month since March, and nothing ever shows up on my bank"
            + " statement. I just want the duplicate payments returned.";

    private final ObjectMapper json = new ObjectMapper();
    private final InMemoryStore store = new InMemoryStore();
    private final Handover handover = new Handover(EscalationEngine.builder()
            .languageModel(new OfflineLanguageModel())
            .conversationStore(store)
            .ticketStore(store)
            .build());

    private static ToolCallback named(List<ToolCallback> tools, String name) {
        return tools.stream()
                .filter(t -> t.getToolDefinition().name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void theToolsDescribeOneRequiredTextArgumentEachInTheirInputSchema() throws Exception {
        List<ToolCallback> tools = EscalationToolCallbacks.forConversation(handover, "chat-1", "customer-1");

        assertThat(tools)
                .extracting(t -> t.getToolDefinition().name())
                .containsExactly("escalate", "continue_escalation");
        JsonNode schema =
                json.readTree(named(tools, "escalate").getToolDefinition().inputSchema());
        assertThat(schema.path("required").get(0).asText()).isEqualTo("customer_account");
    }

    @Test
    void escalatingAndConfirmingCreatesATicketForTheCustomerOfTheToolContext() throws Exception {
        List<ToolCallback> tools = EscalationToolCallbacks.fromToolContext(handover);
        ToolContext context = new ToolContext(Map.of(
                EscalationToolCallbacks.CONVERSATION_ID, "chat-2", EscalationToolCallbacks.CUSTOMER_ID, "customer-2"));

        JsonNode first = json.readTree(
                named(tools, "escalate").call(json.writeValueAsString(Map.of("customer_account", ACCOUNT)), context));
        JsonNode second = json.readTree(
                named(tools, "continue_escalation").call("{\"message\":\"Yes, please create the ticket.\"}", context));

        assertThat(first.path("state").asText()).isEqualTo("CONFIRMATION");
        assertThat(second.path("state").asText()).isEqualTo("TICKET_CREATED");
        assertThat(second.path("finished").asBoolean()).isTrue();
        assertThat(store.listForCustomer("customer-2"))
                .extracting(t -> t.ticketId().value())
                .containsExactly(second.path("ticket_id").asText());
    }

    @Test
    void aCallWithoutTheIdsInTheToolContextIsRefusedNamingTheKeys() {
        ToolCallback escalate = named(EscalationToolCallbacks.fromToolContext(handover), "escalate");

        assertThatThrownBy(() -> escalate.call("{\"customer_account\":\"help\"}", new ToolContext(Map.of())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(EscalationToolCallbacks.CONVERSATION_ID);
    }

    @Test
    void anInputWithoutTheArgumentIsRefusedNamingIt() {
        ToolCallback escalate =
                named(EscalationToolCallbacks.forConversation(handover, "chat-3", "customer-3"), "escalate");

        assertThatThrownBy(() -> escalate.call("{\"text\":\"help\"}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("customer_account");
        assertThat(store.listForCustomer("customer-3")).isEmpty();
    }
}
