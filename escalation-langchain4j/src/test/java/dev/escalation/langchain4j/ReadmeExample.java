package dev.escalation.langchain4j;

// README:begin
import dev.escalation.core.EscalationEngine;
import dev.escalation.core.handover.Handover;
import dev.escalation.store.EscalationDatabase;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import java.nio.file.Path;

class EscalationOnLangChain4j {
    /** Your LangChain4j models (Anthropic, Gemini, Ollama, OpenAI...) read and word; escalation decides. */
    static Handover handover(ChatModel chatModel, StreamingChatModel streamingModel) {
        EscalationDatabase database = EscalationDatabase.openSqlite(Path.of("escalation.db"));
        EscalationEngine engine = EscalationEngine.builder()
                .languageModel(LangChain4jLanguageModel.builder(chatModel)
                        .streamingModel(streamingModel)
                        .build())
                .conversationStore(database.conversationStore())
                .ticketStore(database.ticketStore())
                .build();
        return new Handover(engine);
    }

    /** Your agent's model can call escalate and continue_escalation itself. */
    static EscalationTool toolFor(Handover handover, String chatId, String userId) {
        return new EscalationTool(handover, chatId, userId); // pass to AiServices.builder(...).tools(...)
    }
}
// README:end
