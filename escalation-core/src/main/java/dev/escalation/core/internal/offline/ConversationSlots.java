package dev.escalation.core.internal.offline;

import dev.escalation.core.FlowDefinition;
import java.util.Map;

/**
 * The flow's own slots found in everything the customer said in a request, read by the offline
 * model's rules: the engine fills a slot from them before asking for it, whatever model read each
 * message. Not part of the API.
 *
 * <p>Stateless and thread-safe. Example: {@code ConversationSlots.find(flow, "a payment of 250 euros")}.
 */
public final class ConversationSlots {

    private ConversationSlots() {}

    /** The values of {@code flow}'s own slots that {@code text} gives unasked, by slot name. */
    public static Map<String, String> find(FlowDefinition flow, String text) {
        return text == null || text.isBlank() || flow.extraSlots().isEmpty()
                ? Map.of()
                : SlotReader.unasked(flow, text);
    }
}
