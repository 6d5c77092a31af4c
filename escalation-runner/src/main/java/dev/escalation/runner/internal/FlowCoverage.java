package dev.escalation.runner.internal;

import dev.escalation.core.ConversationTurn;
import dev.escalation.core.FlowDefinition;
import dev.escalation.core.Transition;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How often conversations took each row of a flow, from rows named by state, event, guard and state:
 * the figures {@code diagram --coverage} draws from a replay's output and the console's traffic view
 * from the stored transcript.
 *
 * <p>Stateless and thread-safe. Not a published API. Example:
 * {@code FlowCoverage.row(flow, "REASON", "PROVIDE_INFO", null, "DETAILS")}.
 */
public final class FlowCoverage {

    private FlowCoverage() {}

    /**
     * The row of {@code flow} with these names, if it has one.
     *
     * @param guard the guard's name; null (or {@code always}) for an unguarded row
     */
    public static Optional<Transition> row(FlowDefinition flow, String from, String event, String guard, String to) {
        return flow.transitions().stream()
                .filter(t -> t.source().name().equals(from)
                        && t.event().name().equals(event)
                        && t.target().name().equals(to)
                        && (guard == null
                                ? t.guard().isAlways()
                                : t.guard().name().equals(guard)))
                .findFirst();
    }

    /** The row of {@code flow} a stored turn took, if the flow still has it. */
    public static Optional<Transition> row(FlowDefinition flow, ConversationTurn turn) {
        return flow.transitions().stream().filter(turn::takes).findFirst();
    }

    /** How often each row was taken by {@code turns}; turns whose row the flow lacks are not counted. */
    public static Map<Transition, Long> count(FlowDefinition flow, List<ConversationTurn> turns) {
        Map<Transition, Long> counts = new HashMap<>();
        for (ConversationTurn turn : turns) {
            row(flow, turn).ifPresent(row -> counts.merge(row, 1L, Long::sum));
        }
        return counts;
    }
}
