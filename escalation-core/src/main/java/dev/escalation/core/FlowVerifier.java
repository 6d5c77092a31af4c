package dev.escalation.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The checks of {@link FlowDefinition#verify()}: reachability, a way out of every state, exactly one
 * row per state, event and case, safe ticket creation, and slot coverage. Guards only look at which
 * slots are filled and at the values conditions name, so the sampled cases are every case a guard
 * can tell apart.
 */
final class FlowVerifier {

    private FlowVerifier() {}

    static void verify(FlowDefinition flow) {
        List<State> states = flow.states();
        Set<State> known = new LinkedHashSet<>(states);
        for (Transition t : flow.transitions()) {
            if (!known.contains(t.source()) || !known.contains(t.target())) {
                throw new InvalidFlowException(
                        "transition " + t + " names a state that is not declared; declared: " + states);
            }
        }
        State initial = flow.initial();
        if (!known.contains(initial)) {
            throw new InvalidFlowException("initial state " + initial + " is not declared; declared: " + states);
        }
        if (flow.cycleEnds().isEmpty()) {
            throw new InvalidFlowException("no state ends a cycle, so no conversation can ever finish");
        }
        Map<State, List<Transition>> pathTo = flow.shortestPaths(initial);
        for (State state : states) {
            if (!pathTo.containsKey(state)) {
                throw new InvalidFlowException(
                        "state " + state + " is unreachable from " + initial + "; reachable: " + pathTo.keySet());
            }
        }
        for (State state : states) {
            if (flow.shortestPaths(state).keySet().stream().noneMatch(flow.cycleEnds()::contains)) {
                throw new InvalidFlowException("no cycle end " + flow.cycleEnds() + " is reachable from " + state
                        + ", a dead end reached by: " + describe(initial, pathTo.get(state)));
            }
        }
        List<Slots> cases = sampleSlots(flow);
        checkOneRowPerCase(flow, cases, pathTo);
        checkTicketCreation(flow, pathTo);
        checkSlotCoverage(flow, cases, pathTo);
    }

    private static void checkOneRowPerCase(
            FlowDefinition flow, List<Slots> cases, Map<State, List<Transition>> pathTo) {
        for (State state : flow.states()) {
            for (Intent event : Intent.values()) {
                for (Slots slots : cases) {
                    List<Transition> enabled = flow.transitions().stream()
                            .filter(t -> t.source().equals(state)
                                    && t.event() == event
                                    && t.guard().test(slots))
                            .toList();
                    if (enabled.isEmpty()) {
                        throw new InvalidFlowException("state " + state + " neither handles nor ignores " + event
                                + " when " + describeSlots(slots) + ", reached by: "
                                + describe(flow.initial(), pathTo.get(state)));
                    }
                    if (enabled.size() > 1) {
                        throw new InvalidFlowException(
                                "state " + state + " has " + enabled.size() + " transitions enabled on " + event
                                        + " when " + describeSlots(slots) + ": " + enabled);
                    }
                }
            }
        }
    }

    private static void checkTicketCreation(FlowDefinition flow, Map<State, List<Transition>> pathTo) {
        State confirmation = flow.confirmation();
        for (Transition t : flow.transitions()) {
            if (t.action() == FlowAction.CREATE_TICKET
                    && !(t.source().equals(confirmation)
                            && t.event() == Intent.CONFIRM
                            && flow.isCycleEnd(t.target()))) {
                throw new InvalidFlowException("transition " + t + " creates a ticket, but only " + confirmation
                        + " on an explicit CONFIRM into a cycle end may; reached by: "
                        + describe(flow.initial(), pathTo.get(t.source())));
            }
        }
    }

    // Every way into ticket creation must have collected every slot a ticket needs in that case.
    private static void checkSlotCoverage(FlowDefinition flow, List<Slots> cases, Map<State, List<Transition>> pathTo) {
        for (Transition t : flow.transitions()) {
            if (t.action() != FlowAction.CREATE_TICKET) {
                continue;
            }
            for (Slots slots : cases) {
                if (!t.guard().test(slots)) {
                    continue;
                }
                String missing = slots.department() == null ? "department" : null;
                for (SlotSpec slot : flow.extraSlots()) {
                    if (missing == null
                            && slot.isRequired(slots)
                            && !slots.extra().containsKey(slot.name())) {
                        missing = slot.name();
                    }
                }
                if (missing != null) {
                    throw new InvalidFlowException(
                            "slot coverage: the required slot " + missing + " is never collected on"
                                    + " the way to ticket creation; counterexample: "
                                    + describe(flow.initial(), pathTo.get(t.source()))
                                    + " -" + t.event() + "-> " + t.target() + " when " + describeSlots(slots));
                }
            }
        }
    }

    static String describe(State start, @Nullable List<Transition> path) {
        if (path == null) {
            return "(no path)";
        }
        StringBuilder text = new StringBuilder(start.name());
        for (Transition t : path) {
            text.append(" -").append(t.event()).append("-> ").append(t.target());
        }
        return text.toString();
    }

    private static String describeSlots(Slots slots) {
        return "reasonGiven=" + slots.reasonGiven() + ", detailsGiven=" + slots.detailsGiven()
                + ", department=" + slots.department()
                + (slots.priority() == null ? "" : ", priority=" + slots.priority())
                + ", extra=" + slots.extra();
    }

    // The reason and details flags, then for each slot a condition can look at: absent, or each value
    // a condition names (a placeholder value when none does).
    static List<Slots> sampleSlots(FlowDefinition flow) {
        List<Slots> cases = new ArrayList<>();
        for (int bits = 0; bits < 4; bits++) {
            Slots slots = Slots.EMPTY;
            if ((bits & 1) != 0) {
                slots = slots.withReasonGiven().withMoreDescription("reason");
            }
            if ((bits & 2) != 0) {
                slots = slots.withDetailsGiven().withMoreDescription("details");
            }
            cases.add(slots);
        }
        for (Map.Entry<String, List<String>> slot : candidates(flow).entrySet()) {
            List<Slots> more = new ArrayList<>();
            for (Slots base : cases) {
                more.add(base);
                for (String value : slot.getValue()) {
                    more.add(fill(flow, base, slot.getKey(), value));
                }
            }
            cases = more;
        }
        return cases;
    }

    private static Map<String, List<String>> candidates(FlowDefinition flow) {
        Map<String, Set<String>> named = new LinkedHashMap<>();
        List<Department> departments = flow.departments();
        named.put(
                "department",
                new LinkedHashSet<>(List.of(
                        departments.isEmpty() ? "Billing" : departments.get(0).displayName())));
        List<SlotCondition> conditions = new ArrayList<>();
        flow.slots().forEach(slot -> {
            if (slot.requiredWhen() != null) {
                conditions.add(slot.requiredWhen());
            }
        });
        flow.stateSpecs().forEach(state -> {
            if (state.when() != null) {
                conditions.add(state.when());
            }
        });
        for (SlotCondition condition : conditions) {
            if (!condition.slot().equals("reason") && !condition.slot().equals("details")) {
                Set<String> values = named.computeIfAbsent(condition.slot(), k -> new LinkedHashSet<>());
                if (condition.value() != null) {
                    values.add(condition.value());
                }
            }
        }
        for (SlotSpec slot : flow.extraSlots()) {
            Set<String> values = named.computeIfAbsent(slot.name(), k -> new LinkedHashSet<>());
            if (values.isEmpty()) {
                values.add(slot.type() == SlotType.ENUM ? slot.values().get(0) : "x");
            }
        }
        Map<String, List<String>> result = new LinkedHashMap<>();
        named.forEach((slot, values) -> result.put(slot, List.copyOf(values)));
        return result;
    }

    private static Slots fill(FlowDefinition flow, Slots slots, String slot, String value) {
        return switch (slot) {
            case "department" -> slots.withDepartment(flow.department(value).orElse(new Department(value)), false);
            case "priority" -> slots.withPriority(Priority.of(value), false);
            case "contact" -> slots.withContact(value);
            default -> slots.withExtra(slot, value);
        };
    }
}
