package dev.escalation.core;

import dev.escalation.core.internal.FlowYaml;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The whole conversation as one immutable spec: the states in reading order (what each collects,
 * the question it asks, when it is entered, what it sets), the departments (what belongs there, the
 * words that point to each), the priorities with their rubric, the typed slots, what goes on the
 * ticket, and the transition table derived from the states. The engine runs it, the models read
 * their vocabulary and schema from it, diagrams draw it and the verifier checks it.
 *
 * <p>Written in Java with {@link #builder()} or in YAML and read with {@link #load(Path)}; the
 * standard flow is itself the YAML resource {@code escalation/flows/standard.yaml}, read the same
 * way. Immutable and thread-safe. Example:
 *
 * <pre>{@code
 * FlowDefinition flow = FlowDefinition.load(Path.of("flows/bank.yaml"));
 * FlowDefinition mine = FlowDefinition.standard().toBuilder().requiredSlot("policy_number").build();
 * }</pre>
 */
public final class FlowDefinition {

    /** Where the standard flow lives on the class path. */
    public static final String STANDARD_RESOURCE = "escalation/flows/standard.yaml";

    private static volatile @Nullable FlowDefinition standard;

    private final String name;
    private final @Nullable String description;
    private final String source;
    private final State initial;
    private final List<State> states;
    private final List<StateSpec> stateSpecs;
    private final Set<State> cycleEnds;
    private final List<Transition> transitions;
    private final List<SlotSpec> slots;
    private final List<DepartmentSpec> departments;
    private final Map<Priority, PrioritySpec> priorities;
    private final Map<Priority, String> rubric;
    private final List<String> ticketFields;
    private final Builder origin;
    private final NewProblemMove newProblemMove;
    private final NewProblemMove unclearMove;
    // Derived once: the collecting states from the initial one to the confirmation, in order.
    private final List<StateSpec> chain;
    private final Map<String, SlotSpec> slotsByName;
    private final Map<String, Department> departmentKeys;

    private FlowDefinition(Builder builder, List<State> states, List<Transition> transitions, List<StateSpec> chain) {
        this.name = builder.name;
        this.description = builder.description;
        this.source = builder.source;
        this.initial = Objects.requireNonNull(builder.initialState(), "initial state");
        this.states = List.copyOf(states);
        this.stateSpecs = List.copyOf(builder.stateSpecs);
        this.cycleEnds = Collections.unmodifiableSet(new LinkedHashSet<>(builder.cycleEndStates()));
        this.transitions = List.copyOf(transitions);
        this.slots = List.copyOf(builder.slots.values());
        this.departments = List.copyOf(builder.departments.values());
        this.priorities = Collections.unmodifiableMap(new LinkedHashMap<>(builder.priorities));
        Map<Priority, String> words = new LinkedHashMap<>();
        priorities.forEach((priority, spec) -> words.put(priority, spec.description()));
        this.rubric = Collections.unmodifiableMap(words);
        this.ticketFields = List.copyOf(builder.ticketFields);
        this.origin = builder.copy();
        this.newProblemMove = builder.newProblemMove;
        this.unclearMove = builder.unclearMove;
        this.chain = List.copyOf(chain);
        Map<String, SlotSpec> byName = new LinkedHashMap<>();
        slots.forEach(slot -> byName.put(slot.name(), slot));
        this.slotsByName = Collections.unmodifiableMap(byName);
        Map<String, Department> keys = new LinkedHashMap<>();
        for (DepartmentSpec spec : departments) {
            keys.putIfAbsent(Department.key(spec.department().displayName()), spec.department());
            keys.putIfAbsent(Department.key(spec.department().name()), spec.department());
            spec.names().forEach(alias -> keys.putIfAbsent(Department.key(alias), spec.department()));
        }
        this.departmentKeys = Collections.unmodifiableMap(keys);
    }

    /**
     * The standard flow: REASON → DETAILS → CONFIRMATION → TICKET_CREATED, CANCELLED from anywhere
     * before a ticket, status and updates in every state, and a new cycle after a finished one. Read
     * from the class path resource {@value #STANDARD_RESOURCE} once.
     */
    public static FlowDefinition standard() {
        FlowDefinition flow = standard;
        if (flow == null) {
            synchronized (FlowDefinition.class) {
                if (standard == null) {
                    standard = readResource(STANDARD_RESOURCE);
                }
                flow = standard;
            }
        }
        return flow;
    }

    private static FlowDefinition readResource(String resource) {
        try (InputStream in = FlowDefinition.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new InvalidFlowException("the flow resource " + resource + " is not on the class path");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "classpath:" + resource);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the flow resource " + resource, e);
        }
    }

    /**
     * Reads and verifies a flow file.
     *
     * @throws InvalidFlowFileException naming the file, line and field when the file is not a valid flow
     * @throws UncheckedIOException naming the path when it cannot be read
     */
    public static FlowDefinition load(Path path) {
        Objects.requireNonNull(path, "path");
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the flow file " + path + ": " + e, e);
        }
        return parse(text, path.toString());
    }

    /**
     * Reads and verifies a flow written in YAML; {@code source} names it in errors.
     *
     * @throws InvalidFlowFileException naming the source, line and field when it is not a valid flow
     */
    public static FlowDefinition parse(String yaml, String source) {
        Builder builder = blankBuilder();
        builder.source = Objects.requireNonNull(source, "source");
        return FlowYaml.read(yaml, source, builder);
    }

    /** A builder that starts from the standard flow; change what differs. */
    public static Builder builder() {
        return standard().toBuilder();
    }

    /** A builder with nothing in it: no states, slots or departments. */
    public static Builder blankBuilder() {
        return new Builder();
    }

    /** A builder that starts from this flow's settings. */
    public Builder toBuilder() {
        return origin.copy();
    }

    /** The flow's name ({@code standard} for the standard flow). */
    public String name() {
        return name;
    }

    /** What the flow is for, or null. */
    public @Nullable String description() {
        return description;
    }

    /** Where the flow was read from (a path, {@code classpath:...}) or {@code java} when built in code. */
    public String source() {
        return source;
    }

    /** The state a new conversation starts in. */
    public State initial() {
        return initial;
    }

    /** Every state, in reading order. */
    public List<State> states() {
        return states;
    }

    /** The states as written, in reading order (states added only as rows have no spec). */
    public List<StateSpec> stateSpecs() {
        return stateSpecs;
    }

    /** The spec of {@code state}, if it has one. */
    public Optional<StateSpec> stateSpec(State state) {
        return stateSpecs.stream().filter(spec -> spec.state().equals(state)).findFirst();
    }

    /** The collecting states from the initial state to the confirmation, in the order they are visited. */
    public List<StateSpec> collectingStates() {
        return chain;
    }

    /** The states that end a cycle (a ticket was created, or the customer cancelled). */
    public Set<State> cycleEnds() {
        return cycleEnds;
    }

    /** Whether {@code state} ends a cycle. */
    public boolean isCycleEnd(State state) {
        return cycleEnds.contains(state);
    }

    /** The state that shows the summary and waits for a yes. */
    public State confirmation() {
        return stateSpecs.stream()
                .filter(s -> s.kind() == StateSpec.Kind.CONFIRM)
                .map(StateSpec::state)
                .findFirst()
                .orElse(State.CONFIRMATION);
    }

    /** Every row of the table, in a stable order. */
    public List<Transition> transitions() {
        return transitions;
    }

    /** Every slot the flow declares, built-in ones included, in reading order. */
    public List<SlotSpec> slots() {
        return slots;
    }

    /** The flow's own slots (not built in), in reading order. */
    public List<SlotSpec> extraSlots() {
        return slots.stream().filter(slot -> !slot.isBuiltIn()).toList();
    }

    /** The slot called {@code name}, if the flow declares it. */
    public Optional<SlotSpec> slot(String name) {
        return Optional.ofNullable(slotsByName.get(name));
    }

    /** The flow's own slots a ticket can need (required always or on a condition), by name. */
    public List<String> requiredSlots() {
        return extraSlots().stream()
                .filter(SlotSpec::isEverRequired)
                .map(SlotSpec::name)
                .toList();
    }

    /** The departments, in reading order. */
    public List<DepartmentSpec> departmentSpecs() {
        return departments;
    }

    /** The departments' names, in reading order. */
    public List<Department> departments() {
        return departments.stream().map(DepartmentSpec::department).toList();
    }

    /**
     * Reads one of this flow's departments from its name or another name it declares, ignoring case,
     * spaces, dashes and underscores; anything else is empty, so nothing outside the flow reaches a ticket.
     */
    public Optional<Department> department(String value) {
        return value == null ? Optional.empty() : Optional.ofNullable(departmentKeys.get(Department.key(value)));
    }

    /** The priority rubric in words: for each priority, what makes a problem that urgent (the model reads it). */
    public Map<Priority, String> priorityRubric() {
        return rubric;
    }

    /**
     * The priority rubric in full, in the flow's order: each priority's description and the cue patterns
     * the built-in offline model reads. A flow whose priorities declare no cues at all is read with the
     * standard flow's cues.
     */
    public List<PrioritySpec> prioritySpecs() {
        return List.copyOf(priorities.values());
    }

    /** The flow's own slots that go on the ticket, in order. */
    public List<String> ticketFields() {
        return ticketFields;
    }

    /**
     * What the ticket state does with a message about a different problem: by default
     * {@link NewProblemMove#NEW_REQUEST}, a new request with its own department, slots and ticket.
     */
    public NewProblemMove newProblemMove() {
        return newProblemMove;
    }

    /**
     * What the ticket state does with a message it cannot place (the ticket's problem or a new one): by
     * default {@link NewProblemMove#ASK}, one question "Is this about TK-... or something new?".
     */
    public NewProblemMove unclearMove() {
        return unclearMove;
    }

    /** Whether the slots hold everything the summary needs. */
    public boolean isReadyToConfirm(Slots slots) {
        return chain.stream().allMatch(state -> isComplete(state, slots));
    }

    /** The first required slot of the flow's own still missing, if any. */
    public Optional<String> missingRequiredSlot(Slots slots) {
        return extraSlots().stream()
                .filter(slot -> slot.isRequired(slots) && !slots.extra().containsKey(slot.name()))
                .map(SlotSpec::name)
                .findFirst();
    }

    /** Whether a collecting state has all it needs: it is skipped when its {@code when} does not hold. */
    public boolean isComplete(StateSpec state, Slots slots) {
        return FlowRows.isComplete(state, slotsByName, slots);
    }

    /** The first slot {@code state} still has to ask for, if any. */
    public Optional<String> missingSlot(StateSpec state, Slots slots) {
        return FlowRows.missingSlot(state, slotsByName, slots);
    }

    /**
     * The value kept for slot {@code name} when a model read {@code raw}: checked against the slot's
     * type; empty for a slot the flow does not declare or a value that does not fit.
     */
    public Optional<String> accept(String name, String raw) {
        SlotSpec spec = slotsByName.get(name);
        return spec == null || spec.isBuiltIn() ? Optional.empty() : spec.accept(raw);
    }

    /**
     * The slots with what states set: a state with a {@code when} condition sets its values as soon as
     * the condition holds, a state without one when it is {@code entered}.
     */
    public Slots withStateSettings(Slots slots, @Nullable State entered) {
        Slots result = slots;
        for (StateSpec spec : stateSpecs) {
            boolean applies =
                    spec.when() != null ? spec.when().test(slots) : spec.state().equals(entered);
            if (!applies) {
                continue;
            }
            for (Map.Entry<String, String> set : spec.sets().entrySet()) {
                result = set(result, set.getKey(), set.getValue());
            }
        }
        return result;
    }

    private Slots set(Slots slots, String slot, String value) {
        return switch (slot) {
            case "priority" -> slots.withPriority(Priority.of(value), true);
            case "department" -> slots.withDepartment(department(value).orElseThrow(), true);
            default -> slots.withExtra(slot, value);
        };
    }

    /**
     * The one transition enabled in {@code state} on {@code event} for {@code slots}.
     *
     * @throws IllegalFlowTransitionException if none or more than one is enabled
     */
    public Transition select(State state, Intent event, Slots slots) {
        List<Transition> enabled = transitions.stream()
                .filter(t -> t.source().equals(state)
                        && t.event() == event
                        && t.guard().test(slots))
                .toList();
        if (enabled.size() != 1) {
            throw new IllegalFlowTransitionException("expected exactly one transition from " + state + " on " + event
                    + " but " + enabled.size() + " were enabled: " + enabled);
        }
        return enabled.get(0);
    }

    /**
     * Checks the flow and throws with a counterexample when: a state is unreachable from the initial
     * state; no cycle end is reachable from some state; some state does not handle some event for some
     * slots, or handles it with more than one enabled transition; a ticket is created other than from
     * the confirmation on CONFIRM into a cycle end; or a ticket can be created while a required slot is
     * missing (slot coverage).
     *
     * @throws InvalidFlowException naming the rule broken and a path or case that shows it
     */
    public FlowDefinition verify() {
        FlowVerifier.verify(this);
        return this;
    }

    /** The shortest path of transitions from {@code from} to every state reachable from it. */
    Map<State, List<Transition>> shortestPaths(State from) {
        Map<State, List<Transition>> paths = new LinkedHashMap<>();
        paths.put(from, List.of());
        Deque<State> queue = new ArrayDeque<>(List.of(from));
        while (!queue.isEmpty()) {
            State state = queue.removeFirst();
            for (Transition t : transitions) {
                if (t.source().equals(state) && !paths.containsKey(t.target())) {
                    List<Transition> path = new ArrayList<>(paths.get(state));
                    path.add(t);
                    paths.put(t.target(), path);
                    queue.addLast(t.target());
                }
            }
        }
        return paths;
    }

    @Override
    public String toString() {
        return transitions.stream().map(Transition::toString).collect(Collectors.joining("\n"));
    }

    /**
     * Builds a flow. {@link FlowDefinition#builder()} starts from the standard flow, {@link
     * FlowDefinition#blankBuilder()} from nothing. States, slots and departments given again by name
     * replace the earlier ones in place. Not thread-safe; the flow it builds is.
     */
    public static final class Builder {
        String name = "custom";

        @Nullable
        String description;

        String source = "java";
        final List<StateSpec> stateSpecs = new ArrayList<>();
        final Map<String, SlotSpec> slots = new LinkedHashMap<>();
        final Map<String, DepartmentSpec> departments = new LinkedHashMap<>();
        final Map<Priority, PrioritySpec> priorities = new LinkedHashMap<>();
        final List<String> ticketFields = new ArrayList<>();
        private final List<Transition> extraTransitions = new ArrayList<>();
        private final List<State> extraStates = new ArrayList<>();
        private final Set<State> extraCycleEnds = new LinkedHashSet<>();
        private @Nullable State initial;
        private boolean generatedRows = true;
        NewProblemMove newProblemMove = NewProblemMove.NEW_REQUEST;
        NewProblemMove unclearMove = NewProblemMove.ASK;

        private Builder() {}

        Builder copy() {
            Builder copy = new Builder();
            copy.name = name;
            copy.description = description;
            copy.source = source;
            copy.stateSpecs.addAll(stateSpecs);
            copy.slots.putAll(slots);
            copy.departments.putAll(departments);
            copy.priorities.putAll(priorities);
            copy.ticketFields.addAll(ticketFields);
            copy.extraTransitions.addAll(extraTransitions);
            copy.extraStates.addAll(extraStates);
            copy.extraCycleEnds.addAll(extraCycleEnds);
            copy.initial = initial;
            copy.generatedRows = generatedRows;
            copy.newProblemMove = newProblemMove;
            copy.unclearMove = unclearMove;
            return copy;
        }

        /**
         * What the ticket state does, after a ticket, with a message about a different problem and with
         * one it cannot place; {@code NEW_REQUEST} and {@code ASK} by default.
         */
        public Builder afterTicket(NewProblemMove newProblem, NewProblemMove unclear) {
            this.newProblemMove = Objects.requireNonNull(newProblem, "newProblem");
            this.unclearMove = Objects.requireNonNull(unclear, "unclear");
            return this;
        }

        /** The flow's name, for people and logs. */
        public Builder name(String value) {
            this.name = Values.requireText(value, "flow name");
            return this;
        }

        /** What the flow is for. */
        public Builder description(String value) {
            this.description = value;
            return this;
        }

        /** Adds a state, or replaces the state of the same name in place. */
        public Builder state(StateSpec spec) {
            Objects.requireNonNull(spec, "state");
            for (int i = 0; i < stateSpecs.size(); i++) {
                if (stateSpecs.get(i).state().equals(spec.state())) {
                    stateSpecs.set(i, spec);
                    return this;
                }
            }
            stateSpecs.add(spec);
            return this;
        }

        /**
         * Inserts a state just before {@code before} in reading order (for example a collecting state
         * before CONFIRMATION, which the conversation then passes through).
         *
         * @throws IllegalArgumentException naming {@code before} when the flow has no such state
         */
        public Builder stateBefore(String before, StateSpec spec) {
            Objects.requireNonNull(spec, "state");
            State anchor = State.of(before);
            for (int i = 0; i < stateSpecs.size(); i++) {
                if (stateSpecs.get(i).state().equals(anchor)) {
                    stateSpecs.removeIf(existing -> existing.state().equals(spec.state()));
                    stateSpecs.add(
                            stateSpecs.indexOf(stateSpecs.stream()
                                    .filter(x -> x.state().equals(anchor))
                                    .findFirst()
                                    .orElseThrow()),
                            spec);
                    return this;
                }
            }
            throw new IllegalArgumentException("stateBefore needs a declared state, but " + before + " is not one of "
                    + stateSpecs.stream().map(StateSpec::state).toList());
        }

        /** Removes every state spec (and with them the derived rows), to write the states afresh. */
        public Builder withoutStates() {
            stateSpecs.clear();
            return this;
        }

        /** Adds a slot, or replaces the slot of the same name. */
        public Builder slot(SlotSpec spec) {
            Objects.requireNonNull(spec, "slot");
            slots.put(spec.name(), spec);
            return this;
        }

        /** Adds a department, or replaces the one of the same name. */
        public Builder department(DepartmentSpec spec) {
            Objects.requireNonNull(spec, "department");
            departments.put(Department.key(spec.department().displayName()), spec);
            return this;
        }

        /** Removes every department, to list them afresh. */
        public Builder withoutDepartments() {
            departments.clear();
            return this;
        }

        /** What makes a problem {@code priority} (the model reads it); the priority's cues, if any, are kept. */
        public Builder priorityRubric(Priority priority, String text) {
            Objects.requireNonNull(priority, "priority");
            Values.requireText(text, "rubric");
            PrioritySpec existing = priorities.get(priority);
            priorities.put(priority, existing == null ? PrioritySpec.of(priority, text) : existing.describedAs(text));
            return this;
        }

        /** Adds a priority of the rubric with its description and cues, or replaces the one of the same priority. */
        public Builder priority(PrioritySpec spec) {
            Objects.requireNonNull(spec, "priority");
            priorities.put(spec.priority(), spec);
            return this;
        }

        /** Puts the flow's own slot {@code name} on the ticket. */
        public Builder ticketField(String name) {
            Values.requireText(name, "ticket field");
            if (!ticketFields.contains(name)) {
                ticketFields.add(name);
            }
            return this;
        }

        /**
         * Adds a required text slot, asked for in the last collecting state before the confirmation,
         * and puts it on the ticket.
         */
        public Builder requiredSlot(String name) {
            Values.requireText(name, "slot name");
            SlotSpec existing = slots.get(name);
            slot(existing == null ? SlotSpec.text(name).asRequired() : existing.asRequired());
            ticketField(name);
            StateSpec last = null;
            for (StateSpec spec : stateSpecs) {
                if (spec.kind() == StateSpec.Kind.COLLECT) {
                    last = spec;
                }
            }
            if (last != null && !last.collects().contains(name)) {
                List<String> collects = new ArrayList<>(last.collects());
                collects.add(name);
                state(new StateSpec(
                        last.state(),
                        last.kind(),
                        collects,
                        last.question(),
                        last.when(),
                        last.sets(),
                        last.next(),
                        last.pending()));
            }
            return this;
        }

        /** Declares a state that only rows added with {@link #transition} lead to and from. */
        public Builder state(State state) {
            extraStates.add(Objects.requireNonNull(state, "state"));
            return this;
        }

        /**
         * Adds a row; a row with the same source, event and guard name as a derived row replaces it.
         */
        public Builder transition(Transition transition) {
            extraTransitions.add(Objects.requireNonNull(transition, "transition"));
            return this;
        }

        /** Leaves out the rows derived from the states (for tables written row by row). */
        public Builder withoutStandardTransitions() {
            generatedRows = false;
            return this;
        }

        /** Sets the initial state (the first collecting state by default). */
        public Builder initial(State state) {
            initial = Objects.requireNonNull(state, "initial");
            return this;
        }

        /** Declares one more state that ends a cycle. */
        public Builder cycleEnd(State state) {
            extraCycleEnds.add(Objects.requireNonNull(state, "state"));
            return this;
        }

        State initialState() {
            if (initial != null) {
                return initial;
            }
            return stateSpecs.stream()
                    .filter(s -> s.kind() == StateSpec.Kind.COLLECT)
                    .map(StateSpec::state)
                    .findFirst()
                    .orElse(State.REASON);
        }

        Set<State> cycleEndStates() {
            Set<State> ends = new LinkedHashSet<>();
            for (StateSpec spec : stateSpecs) {
                if (spec.kind() == StateSpec.Kind.TICKET || spec.kind() == StateSpec.Kind.CANCEL) {
                    ends.add(spec.state());
                }
            }
            ends.addAll(extraCycleEnds);
            return ends;
        }

        /** Builds the flow and verifies it. @throws InvalidFlowException with a counterexample */
        public FlowDefinition build() {
            return buildUnverified().verify();
        }

        /**
         * Builds the flow without verifying it: for tests of the verifier and for diagrams of broken flows.
         *
         * @throws InvalidFlowException if the states cannot be put in order (unknown or looping {@code next})
         */
        public FlowDefinition buildUnverified() {
            FlowRows rows = FlowRows.derive(stateSpecs, initialState(), slots);
            List<State> states = new ArrayList<>();
            List<Transition> table = new ArrayList<>();
            stateSpecs.forEach(spec -> states.add(spec.state()));
            if (generatedRows) {
                table.addAll(rows.transitions());
            }
            for (State state : extraStates) {
                if (!states.contains(state)) {
                    states.add(state);
                }
            }
            for (Transition extra : extraTransitions) {
                table.removeIf(t -> t.source().equals(extra.source())
                        && t.event() == extra.event()
                        && t.guard().equals(extra.guard()));
                table.add(extra);
            }
            return new FlowDefinition(this, states, table, rows.chain());
        }
    }
}
