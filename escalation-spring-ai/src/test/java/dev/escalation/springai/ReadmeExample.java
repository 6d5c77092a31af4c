package dev.escalation.springai;

// README:begin
import dev.escalation.core.EscalationEngine;
import dev.escalation.core.handover.Handover;
import dev.escalation.store.EscalationDatabase;
import java.util.Map;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatModel;

class EscalationOnSpringAi {
    /** Your Spring AI model reads and words; escalation decides. */
    static Handover handover(ChatModel chatModel, EscalationDatabase database) {
        EscalationEngine engine = EscalationEngine.builder()
                .languageModel(SpringAiLanguageModel.of(chatModel))
                .conversationStore(database.conversationStore())
                .ticketStore(database.ticketStore())
                .build();
        return new Handover(engine);
    }

    /** Your agent's model can call escalate and continue_escalation itself, for the customer of this request. */
    static String answer(ChatClient chatClient, Handover handover, String chatId, String userId, String text) {
        return chatClient
                .prompt(text)
                .toolCallbacks(EscalationToolCallbacks.fromToolContext(handover))
                .toolContext(Map.of(
                        EscalationToolCallbacks.CONVERSATION_ID, chatId, EscalationToolCallbacks.CUSTOMER_ID, userId))
                .call()
                .content();
    }
}
// README:end
