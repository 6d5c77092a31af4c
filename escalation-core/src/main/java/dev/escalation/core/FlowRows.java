package dev.escalation.core;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Derives the transition table from the states as written: the collecting states in the order
 * {@code next} gives, each informative message moving to the first of them that still lacks a slot
 * (or to the confirmation when none does), and the fixed rows for yes, no, cancel, status and updates.
 * For the standard flow this is exactly the table the engine has always run.
 */
final class FlowRows {

    /** Built-in slots that a state collecting them always needs. */
    private static final Set<String> ALWAYS_NEEDED = Set.of("reason", "details", "department");

    private static final Set<Intent> INFORMATIVE = EnumSet.of(Intent.PROVIDE_INFO, Intent.CORRECT);

    private final List<StateSpec> chain;
    private final List<Transition> transitions;

    private FlowRows(List<StateSpec> chain, List<Transition> transitions) {
        this.chain = List.copyOf(chain);
        this.transitions = List.copyOf(transitions);
    }

    List<StateSpec> chain() {
        return chain;
    }

    List<Transition> transitions() {
        return transitions;
    }

    static boolean isComplete(StateSpec state, Map<String, SlotSpec> slots, Slots values) {
        if (state.when() != null && !state.when().test(values)) {
            return true;
        }
        return missingSlot(state, slots, values).isEmpty();
    }

    static Optional<String> missingSlot(StateSpec state, Map<String, SlotSpec> slots, Slots values) {
        for (String slot : state.collects()) {
            SlotSpec spec = slots.get(slot);
            boolean needed = ALWAYS_NEEDED.contains(slot) || (spec != null && spec.isRequired(values));
            if (needed && SlotSpec.valueOf(slot, values) == null) {
                return Optional.of(slot);
            }
        }
        return Optional.empty();
    }

    /**
     * The chain and rows for {@code specs}; no rows when there are no specs (a table written row by row).
     *
     * @throws InvalidFlowException when a {@code next} names no collecting or confirming state, or the
     *     collecting states never lead to the confirmation
     */
    static FlowRows derive(List<StateSpec> specs, State initial, Map<String, SlotSpec> slots) {
        if (specs.isEmpty()) {
            return new FlowRows(List.of(), List.of());
        }
        StateSpec confirm = only(specs, StateSpec.Kind.CONFIRM);
        StateSpec ticket = only(specs, StateSpec.Kind.TICKET);
        StateSpec cancel = only(specs, StateSpec.Kind.CANCEL);
        List<StateSpec> chain = chain(specs, initial);
        Guards guards = new Guards(chain, slots);
        List<Transition> rows = new ArrayList<>();
        for (StateSpec spec : specs) {
            switch (spec.kind()) {
                case COLLECT -> collectRows(rows, spec.state(), guards, confirm.state(), cancel.state());
                case CONFIRM -> confirmRows(rows, spec.state(), guards, ticket.state(), cancel.state());
                case TICKET, CANCEL -> endRows(rows, spec.state(), guards, confirm.state());
            }
        }
        return new FlowRows(chain, rows);
    }

    private static StateSpec only(List<StateSpec> specs, StateSpec.Kind kind) {
        List<StateSpec> found = specs.stream().filter(s -> s.kind() == kind).toList();
        if (found.size() != 1) {
            throw new InvalidFlowException("a flow needs exactly one " + kind.wireName() + " state, but has "
                    + found.size()
                    + (found.isEmpty()
                            ? ""
                            : ": " + found.stream().map(StateSpec::state).toList()));
        }
        return found.get(0);
    }

    private static List<StateSpec> chain(List<StateSpec> specs, State initial) {
        List<StateSpec> chain = new ArrayList<>();
        Set<State> seen = new LinkedHashSet<>();
        StateSpec current = find(specs, initial, "the initial state");
        if (current.kind() != StateSpec.Kind.COLLECT) {
            throw new InvalidFlowException("the initial state " + initial + " must be a collect state, but is a "
                    + current.kind().wireName() + " state");
        }
        while (current.kind() == StateSpec.Kind.COLLECT) {
            if (!seen.add(current.state())) {
                throw new InvalidFlowException("state " + current.state() + " has no way out: following next from "
                        + initial + " goes round " + seen + " and never reaches the confirmation");
            }
            chain.add(current);
            current = following(specs, current);
        }
        return chain;
    }

    private static StateSpec following(List<StateSpec> specs, StateSpec current) {
        if (current.next() != null) {
            StateSpec next = find(specs, current.next(), "next of state " + current.state());
            if (next.kind() != StateSpec.Kind.COLLECT && next.kind() != StateSpec.Kind.CONFIRM) {
                throw new InvalidFlowException(
                        "next of state " + current.state() + " must be a collect or confirm state," + " but "
                                + next.state() + " is a " + next.kind().wireName() + " state");
            }
            return next;
        }
        for (int i = specs.indexOf(current) + 1; i < specs.size(); i++) {
            StateSpec candidate = specs.get(i);
            if (candidate.kind() == StateSpec.Kind.COLLECT || candidate.kind() == StateSpec.Kind.CONFIRM) {
                return candidate;
            }
        }
        throw new InvalidFlowException("state " + current.state() + " has no way out: no collect or confirm state"
                + " follows it and it names no next");
    }

    private static StateSpec find(List<StateSpec> specs, State state, String what) {
        return specs.stream()
                .filter(s -> s.state().equals(state))
                .findFirst()
                .orElseThrow(() -> new InvalidFlowException(what + " names state " + state + ", which is not declared;"
                        + " declared: " + specs.stream().map(StateSpec::state).toList()));
    }

    /** The named conditions on the chain: which collecting state comes next, or ready to confirm. */
    private static final class Guards {
        final List<StateSpec> chain;
        final List<Guard> pending = new ArrayList<>();
        final Guard ready;
        final List<Guard> notReady = new ArrayList<>();

        Guards(List<StateSpec> chain, Map<String, SlotSpec> slots) {
            this.chain = chain;
            for (int i = 0; i < chain.size(); i++) {
                int at = i;
                pending.add(Guard.of(
                        chain.get(i).pendingLabel(),
                        s -> allComplete(slots, s, at) && !isComplete(chain.get(at), slots, s)));
            }
            ready = Guard.of("ready to confirm", s -> allComplete(slots, s, chain.size()));
            if (chain.size() == 1) {
                notReady.add(Guard.of("not ready", s -> !isComplete(chain.get(0), slots, s)));
            } else {
                String label = chain.size() == 2
                        ? "not ready"
                        : "not ready: " + chain.get(1).pendingLabel();
                notReady.add(Guard.of(label, s -> !allComplete(slots, s, 2)));
                notReady.addAll(pending.subList(2, pending.size()));
            }
        }

        private boolean allComplete(Map<String, SlotSpec> slots, Slots values, int upTo) {
            for (int j = 0; j < upTo; j++) {
                if (!isComplete(chain.get(j), slots, values)) {
                    return false;
                }
            }
            return true;
        }

        // Where an unfinished confirmation goes back to: never to the initial state once past it.
        State notReadyTarget(int index) {
            return chain.size() == 1
                    ? chain.get(0).state()
                    : chain.get(index + 1).state();
        }
    }

    private static void collectRows(List<Transition> rows, State state, Guards guards, State confirm, State cancel) {
        for (Intent event : INFORMATIVE) {
            rows.add(new Transition(state, event, guards.pending.get(0), state, FlowAction.NONE));
            for (int i = 1; i < guards.chain.size(); i++) {
                rows.add(new Transition(
                        state, event, guards.pending.get(i), guards.chain.get(i).state(), FlowAction.NONE));
            }
            rows.add(new Transition(state, event, guards.ready, confirm, FlowAction.NONE));
        }
        for (Intent event : EnumSet.of(Intent.CONFIRM, Intent.DENY)) {
            rows.add(new Transition(state, event, Guard.ALWAYS, state, FlowAction.NONE));
        }
        rows.add(new Transition(state, Intent.CANCEL, Guard.ALWAYS, cancel, FlowAction.CANCEL));
        asides(rows, state);
    }

    // Only an explicit yes creates the ticket; a correction summarises again or asks for what is missing.
    private static void confirmRows(List<Transition> rows, State state, Guards guards, State ticket, State cancel) {
        rows.add(new Transition(state, Intent.CONFIRM, guards.ready, ticket, FlowAction.CREATE_TICKET));
        notReadyRows(rows, state, Intent.CONFIRM, guards);
        for (Intent event : INFORMATIVE) {
            rows.add(new Transition(state, event, guards.ready, state, FlowAction.NONE));
            notReadyRows(rows, state, event, guards);
        }
        rows.add(new Transition(state, Intent.DENY, Guard.ALWAYS, cancel, FlowAction.CANCEL));
        rows.add(new Transition(state, Intent.CANCEL, Guard.ALWAYS, cancel, FlowAction.CANCEL));
        asides(rows, state);
    }

    private static void notReadyRows(List<Transition> rows, State state, Intent event, Guards guards) {
        for (int i = 0; i < guards.notReady.size(); i++) {
            rows.add(new Transition(state, event, guards.notReady.get(i), guards.notReadyTarget(i), FlowAction.NONE));
        }
    }

    // A new problem starts a new cycle; anything else keeps the finished one.
    private static void endRows(List<Transition> rows, State state, Guards guards, State confirm) {
        for (Intent event : INFORMATIVE) {
            rows.add(new Transition(state, event, guards.pending.get(0), state, FlowAction.NONE));
            for (int i = 1; i < guards.chain.size(); i++) {
                rows.add(new Transition(
                        state, event, guards.pending.get(i), guards.chain.get(i).state(), FlowAction.START_NEW_CYCLE));
            }
            rows.add(new Transition(state, event, guards.ready, confirm, FlowAction.START_NEW_CYCLE));
        }
        for (Intent event : EnumSet.of(Intent.CONFIRM, Intent.DENY, Intent.CANCEL)) {
            rows.add(new Transition(state, event, Guard.ALWAYS, state, FlowAction.NONE));
        }
        asides(rows, state);
    }

    private static void asides(List<Transition> rows, State state) {
        rows.add(new Transition(state, Intent.STATUS_QUERY, Guard.ALWAYS, state, FlowAction.ANSWER_STATUS));
        rows.add(new Transition(state, Intent.ADD_UPDATE, Guard.ALWAYS, state, FlowAction.ADD_TICKET_UPDATE));
    }
}
