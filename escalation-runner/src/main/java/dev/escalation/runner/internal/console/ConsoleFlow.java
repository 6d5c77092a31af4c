package dev.escalation.runner.internal.console;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.escalation.core.Department;
import dev.escalation.core.FlowDefinition;
import dev.escalation.core.FlowDiagram;
import dev.escalation.core.Transition;
import dev.escalation.runner.internal.JsonLines;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the console takes from the flow, in one place: its states and rows, and its diagram as
 * SVG (plain, or annotated with traffic). The flow is the engine's own, so the console draws exactly
 * the machine that runs.
 *
 * <p>Immutable and thread-safe. Not a published API. Example: {@code new ConsoleFlow(engine.flow()).json()}.
 */
final class ConsoleFlow {

    private final FlowDefinition flow;

    ConsoleFlow(FlowDefinition flow) {
        this.flow = flow;
    }

    FlowDefinition definition() {
        return flow;
    }

    /** States, rows and the SVG; each row has its index in the table as {@code id}. */
    ObjectNode json() {
        return json(FlowDiagram.of(flow));
    }

    /** The same, drawn with each row's count. */
    ObjectNode json(Map<Transition, Long> coverage) {
        return json(FlowDiagram.of(flow).withCoverage(coverage));
    }

    private ObjectNode json(FlowDiagram diagram) {
        ObjectNode node = JsonLines.object();
        node.put("initial", flow.initial().name());
        ArrayNode states = node.putArray("states");
        flow.states().forEach(s -> states.add(s.name()));
        ArrayNode ends = node.putArray("cycle_ends");
        flow.states().stream().filter(flow::isCycleEnd).forEach(s -> ends.add(s.name()));
        ArrayNode rows = node.putArray("transitions");
        List<Transition> transitions = flow.transitions();
        for (int i = 0; i < transitions.size(); i++) {
            rows.add(row(i, transitions.get(i)));
        }
        node.put("svg", diagram.svg());
        return node;
    }

    ObjectNode row(int index, Transition t) {
        ObjectNode row = JsonLines.object();
        row.put("id", index);
        row.put("from", t.source().name());
        row.put("event", t.event().name());
        row.put("guard", t.guard().isAlways() ? null : t.guard().name());
        row.put("to", t.target().name());
        row.put("action", t.action().name());
        row.put("label", FlowDiagram.of(flow).label(t));
        return row;
    }

    /** The departments a ticket may go to, by display name. */
    List<String> departments() {
        return flow.departments().stream().map(Department::displayName).toList();
    }

    /** The department a filter names (display name, any case), if the flow has it. */
    Optional<Department> department(String value) {
        return flow.department(value);
    }

    int indexOf(Transition t) {
        return flow.transitions().indexOf(t);
    }
}
