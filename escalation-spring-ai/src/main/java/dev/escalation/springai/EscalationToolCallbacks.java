package dev.escalation.springai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.escalation.core.handover.Handover;
import dev.escalation.core.handover.HandoverReply;
import dev.escalation.core.handover.TranscriptMessage;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.ai.chat.model.ToolContext;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.ToolDefinition;

/**
 * The hand-over as Spring AI tool callbacks, so that a host agent's model can call "escalate"
 * itself: {@code escalate} starts an escalation with what the customer said so far,
 * {@code continue_escalation} passes each later customer message. Each returns JSON with the reply
 * to give the customer word for word, the flow's state, the ticket id once there is one and whether
 * the escalation is finished.
 *
 * <p>The conversation and customer ids are never chosen by the model, so a customer cannot reach
 * another's tickets: either fixed per conversation ({@link #forConversation}), or read from the
 * request's tool context ({@link #fromToolContext}, keys {@value #CONVERSATION_ID} and
 * {@value #CUSTOMER_ID}), for one {@code ChatClient} serving every customer.
 *
 * <p>Thread-safe. Example:
 * <pre>{@code
 * chatClient.prompt(userText)
 *     .toolCallbacks(EscalationToolCallbacks.fromToolContext(handover))
 *     .toolContext(Map.of(EscalationToolCallbacks.CONVERSATION_ID, chatId, EscalationToolCallbacks.CUSTOMER_ID, userId))
 *     .call().content();
 * }</pre>
 */
public final class EscalationToolCallbacks {
    /** The tool context key holding the conversation id, for {@link #fromToolContext}. */
    public static final String CONVERSATION_ID = "escalation_conversation_id";
    /** The tool context key holding the customer id, for {@link #fromToolContext}. */
    public static final String CUSTOMER_ID = "escalation_customer_id";

    private static final ObjectMapper JSON = new ObjectMapper();

    private EscalationToolCallbacks() {}

    /** The two tools for the conversation {@code conversationId} of {@code customerId}. */
    public static List<ToolCallback> forConversation(Handover handover, String conversationId, String customerId) {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(customerId, "customerId");
        return tools(handover, context -> new String[] {conversationId, customerId});
    }

    /** The two tools, taking the conversation and customer ids from each call's tool context. */
    public static List<ToolCallback> fromToolContext(Handover handover) {
        return tools(handover, EscalationToolCallbacks::idsFrom);
    }

    private static List<ToolCallback> tools(Handover handover, Ids ids) {
        Objects.requireNonNull(handover, "handover");
        return List.of(
                new Tool(
                        ToolDefinition.builder()
                                .name("escalate")
                                .description(
                                        "Hands the customer over to the escalation agent, which creates a support ticket for a"
                                                + " human team after the customer confirms it. Call it when the customer wants a human or when you"
                                                + " cannot solve the problem. Returns JSON: give the customer the reply field word for word, and"
                                                + " pass their next messages with continue_escalation until finished is true.")
                                .inputSchema(schema(
                                        "customer_account",
                                        "Everything the customer said about the problem so far, in their own words"))
                                .build(),
                        ids,
                        (id, text) -> handover.start(id[0], id[1], List.of(TranscriptMessage.customer(text)))),
                new Tool(
                        ToolDefinition.builder()
                                .name("continue_escalation")
                                .description(
                                        "Passes the customer's latest message to the escalation started with escalate. Returns"
                                                + " JSON: give the customer the reply field word for word.")
                                .inputSchema(schema("message", "The customer's latest message, verbatim"))
                                .build(),
                        ids,
                        (id, text) -> handover.forward(id[0], id[1], text)));
    }

    private static String[] idsFrom(ToolContext context) {
        Map<String, Object> values = context == null ? Map.of() : context.getContext();
        Object conversation = values.get(CONVERSATION_ID);
        Object customer = values.get(CUSTOMER_ID);
        if (conversation == null || customer == null) {
            throw new IllegalStateException("the escalation tools need " + CONVERSATION_ID + " and " + CUSTOMER_ID
                    + " in the tool context, but it had " + values.keySet());
        }
        return new String[] {conversation.toString(), customer.toString()};
    }

    private static String schema(String parameter, String description) {
        ObjectNode schema = JSON.createObjectNode();
        schema.put("type", "object");
        schema.putObject("properties")
                .putObject(parameter)
                .put("type", "string")
                .put("description", description);
        schema.putArray("required").add(parameter);
        schema.put("additionalProperties", false);
        return schema.toString();
    }

    static String json(HandoverReply reply) {
        ObjectNode node = JSON.createObjectNode();
        node.put("reply", reply.reply());
        node.put("state", reply.state().name());
        node.put("ticket_id", reply.ticketId().orElse(null));
        node.put("finished", reply.finished());
        return node.toString();
    }

    @FunctionalInterface
    private interface Ids {
        String[] of(ToolContext context);
    }

    @FunctionalInterface
    private interface Action {
        HandoverReply run(String[] ids, String text);
    }

    /** One tool: reads its single text argument, runs the hand-over, answers JSON. */
    private record Tool(ToolDefinition definition, Ids ids, Action action) implements ToolCallback {
        @Override
        public ToolDefinition getToolDefinition() {
            return definition;
        }

        @Override
        public String call(String toolInput) {
            return call(toolInput, null);
        }

        @Override
        public String call(String toolInput, ToolContext toolContext) {
            String parameter = JSON_PARAMETER.get(definition.name());
            JsonNode input;
            try {
                input = JSON.readTree(toolInput == null ? "" : toolInput);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(
                        "the " + definition.name() + " tool needs a JSON object with " + parameter
                                + ", but its input was not JSON: " + e.getOriginalMessage(),
                        e);
            }
            JsonNode text = input == null ? null : input.get(parameter);
            if (text == null || !text.isTextual()) {
                throw new IllegalArgumentException("the " + definition.name() + " tool needs the text argument "
                        + parameter + ", but its input was " + toolInput);
            }
            return json(action.run(ids.of(toolContext), text.asText()));
        }
    }

    private static final Map<String, String> JSON_PARAMETER =
            Map.of("escalate", "customer_account", "continue_escalation", "message");
}
