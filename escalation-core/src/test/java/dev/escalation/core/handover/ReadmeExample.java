package dev.escalation.core.handover;

// README:begin
import dev.escalation.core.EscalationEngine;
import java.util.List;

class HostAgent {
    private final Handover handover;

    HostAgent(EscalationEngine engine) {
        this.handover = new Handover(engine);
    }

    /** The customer asked for a human: hand over what they said; the reply is streamed to them. */
    HandoverReply escalate(String chatId, String userId, List<TranscriptMessage> transcript) {
        return handover.start(chatId, userId, transcript, chunk -> System.out.print(chunk));
    }

    /** Until reply.finished(), each customer message goes to the escalation. */
    HandoverReply onCustomerMessage(String chatId, String userId, String text) {
        return handover.forward(chatId, userId, text);
    }
}
// README:end
