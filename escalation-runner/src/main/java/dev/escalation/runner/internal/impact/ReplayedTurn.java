package dev.escalation.runner.internal.impact;

import dev.escalation.core.TurnResult;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What one message did when a conversation was replayed under a flow: the row it took, the slots
 * after it, the ticket it created and the kinds of reply it got; two replays are compared field by field.
 *
 * <p>Immutable and thread-safe. Example: {@code ReplayedTurn.of(result).to()}.
 *
 * @param turn the message's number in the conversation, from 1
 * @param from the state before the message
 * @param event what the message was read as
 * @param guard the row's guard name
 * @param to the state after the message
 * @param action what the row did
 * @param department the department slot after the message, or null
 * @param priority the priority slot after the message, or null
 * @param slots the flow's own slots after the message, by name
 * @param ticket the ticket the message created ({@code department / priority}), or null
 * @param replies the kinds of the reply's parts, comma-separated (for example {@code AskDepartment})
 */
public record ReplayedTurn(
        int turn,
        String from,
        String event,
        String guard,
        String to,
        String action,
        String department,
        String priority,
        Map<String, String> slots,
        String ticket,
        String replies) {

    public ReplayedTurn {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(to, "to");
        slots = Map.copyOf(new TreeMap<>(slots));
    }

    /** The replayed turn {@code number} of an engine's result; {@code replies} is what the replay model worded. */
    static ReplayedTurn of(int number, TurnResult result) {
        var row = result.takenTransition()
                .orElseThrow(() -> new IllegalStateException("turn " + result.turn() + " of conversation "
                        + result.conversationId() + " was refused in the replay"));
        String ticket = row.action() == dev.escalation.core.FlowAction.CREATE_TICKET && result.currentTicket() != null
                ? result.currentTicket().department().displayName() + " / "
                        + result.currentTicket().priority().wireName()
                : null;
        var slots = result.slots();
        return new ReplayedTurn(
                number,
                row.source().name(),
                row.event().name(),
                row.guard().name(),
                row.target().name(),
                row.action().name(),
                slots.department() == null ? null : slots.department().displayName(),
                slots.priority() == null ? null : slots.priority().wireName(),
                slots.extra(),
                ticket,
                result.reply());
    }

    /** The row as a reviewer reads it: {@code DETAILS -PROVIDE_INFO-> CONFIRMATION}. */
    public String path() {
        return from + " -" + event + (guard.equals("always") ? "" : " [" + guard + "]") + "-> " + to;
    }
}
