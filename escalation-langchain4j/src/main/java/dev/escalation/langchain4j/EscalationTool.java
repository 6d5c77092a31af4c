package dev.escalation.langchain4j;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.escalation.core.handover.Handover;
import dev.escalation.core.handover.HandoverReply;
import dev.escalation.core.handover.TranscriptMessage;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import java.util.List;
import java.util.Objects;

/**
 * The hand-over as LangChain4j tools, so that a host agent's model can call "escalate" itself:
 * {@code escalate} starts an escalation with what the customer said so far, {@code continue_escalation}
 * passes each later customer message. Each returns JSON with the reply to give the customer word for
 * word, the flow's state, the ticket id once there is one and whether the escalation is finished.
 *
 * <p>The arguments are named {@code customerAccount} and {@code message} after the Java parameters
 * (this module is compiled with {@code -parameters}), which works with every LangChain4j 1.x; naming
 * them in {@code @P} needs a recent one.
 *
 * <p>One instance serves one customer conversation: the conversation and customer ids are fixed here,
 * never chosen by the model, so a customer cannot reach another's tickets through it. Give a new
 * instance to each chat (for example to the {@code AiServices} built for it).
 *
 * <p>Thread-safe. Example:
 * {@code AiServices.builder(Assistant.class).chatModel(model).tools(new EscalationTool(handover, chatId, userId)).build();}
 */
public final class EscalationTool {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Handover handover;
    private final String conversationId;
    private final String customerId;

    /** Tools for the conversation {@code conversationId} of {@code customerId}. */
    public EscalationTool(Handover handover, String conversationId, String customerId) {
        this.handover = Objects.requireNonNull(handover, "handover");
        this.conversationId = Objects.requireNonNull(conversationId, "conversationId");
        this.customerId = Objects.requireNonNull(customerId, "customerId");
    }

    /** Starts the escalation; returns the reply as JSON (see the class comment). */
    @Tool(
            name = "escalate",
            value = {
                "Hands the customer over to the escalation agent, which creates a support"
                        + " ticket for a human team after the customer confirms it. Call it when the customer wants a human or"
                        + " when you cannot solve the problem. Returns JSON: give the customer the reply field word for word,"
                        + " and pass their next messages with continue_escalation until finished is true."
            })
    public String escalate(
            @P("Everything the customer said about the problem so far, in their own words") String customerAccount) {
        return json(handover.start(conversationId, customerId, List.of(TranscriptMessage.customer(customerAccount))));
    }

    /** Passes the customer's next message; returns the reply as JSON (see the class comment). */
    @Tool(
            name = "continue_escalation",
            value = {
                "Passes the customer's latest message to the escalation started"
                        + " with escalate. Returns JSON: give the customer the reply field word for word."
            })
    public String continueEscalation(@P("The customer's latest message, verbatim") String message) {
        return json(handover.forward(conversationId, customerId, message));
    }

    static String json(HandoverReply reply) {
        ObjectNode node = JSON.createObjectNode();
        node.put("reply", reply.reply());
        node.put("state", reply.state().name());
        node.put("ticket_id", reply.ticketId().orElse(null));
        node.put("finished", reply.finished());
        return node.toString();
    }
}
