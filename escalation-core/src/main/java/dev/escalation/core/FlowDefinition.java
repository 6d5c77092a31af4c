package dev.escalation.core;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The escalation flow as one transition table: the single source the engine runs, diagrams draw and
 * the verifier checks. The runtime (Spring Statemachine today) is built from it and never seen
 * outside.
 *
 * <p>Immutable and thread-safe. Example:
 *
 * <pre>{@code
 * FlowDefinition flow = FlowDefinition.standard().toBuilder().requiredSlot("policy_number").build();
 * }</pre>
 */
public final class FlowDefinition {

  private final State initial;
  private final List<State> states;
  private final Set<State> cycleEnds;
  private final List<Transition> transitions;
  private final List<String> requiredSlots;

  private FlowDefinition(Builder builder) {
    this.initial = Objects.requireNonNull(builder.initial, "initial state");
    this.states = List.copyOf(builder.states);
    this.cycleEnds = Collections.unmodifiableSet(new LinkedHashSet<>(builder.cycleEnds));
    this.transitions = List.copyOf(builder.transitions);
    this.requiredSlots = List.copyOf(builder.requiredSlots);
  }

  /**
   * The built-in flow: REASON → DETAILS → CONFIRMATION → TICKET_CREATED, CANCELLED from anywhere
   * before a ticket, status and updates in every state, and a new cycle after a finished one.
   */
  public static FlowDefinition standard() {
    return new Builder().build();
  }

  /** A builder for a flow like the standard one; change it with {@link #toBuilder()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts from this flow's settings. */
  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.requiredSlots.addAll(requiredSlots);
    builder.extraTransitions.addAll(transitions.stream().filter(t -> !builder.generated().contains(t)).toList());
    return builder;
  }

  /** The state a new conversation starts in. */
  public State initial() {
    return initial;
  }

  /** Every state, in a stable order. */
  public List<State> states() {
    return states;
  }

  /** The states that end a cycle (a ticket was created, or the customer cancelled). */
  public Set<State> cycleEnds() {
    return cycleEnds;
  }

  /** Whether {@code state} ends a cycle. */
  public boolean isCycleEnd(State state) {
    return cycleEnds.contains(state);
  }

  /** Every row of the table, in a stable order. */
  public List<Transition> transitions() {
    return transitions;
  }

  /** Application-defined slots that must be filled before the summary (for example policy_number). */
  public List<String> requiredSlots() {
    return requiredSlots;
  }

  /** Whether the slots hold everything the summary needs. */
  public boolean isReadyToConfirm(Slots slots) {
    return slots.detailsGiven() && slots.department() != null
        && requiredSlots.stream().allMatch(slots.extra()::containsKey);
  }

  /** The first required application slot still missing, if any. */
  public Optional<String> missingRequiredSlot(Slots slots) {
    return requiredSlots.stream().filter(name -> !slots.extra().containsKey(name)).findFirst();
  }

  /**
   * The one transition enabled in {@code state} on {@code event} for {@code slots}.
   *
   * @throws IllegalFlowTransitionException if none or more than one is enabled
   */
  public Transition select(State state, Intent event, Slots slots) {
    List<Transition> enabled = transitions.stream()
        .filter(t -> t.source().equals(state) && t.event() == event && t.guard().test(slots))
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
   * CONFIRMATION on CONFIRM into a cycle end.
   *
   * @throws InvalidFlowException naming the rule broken and a path or case that shows it
   */
  public FlowDefinition verify() {
    Set<State> known = new LinkedHashSet<>(states);
    for (Transition t : transitions) {
      if (!known.contains(t.source()) || !known.contains(t.target())) {
        throw new InvalidFlowException("transition " + t + " names a state that is not declared; declared: " + states);
      }
    }
    if (!known.contains(initial)) {
      throw new InvalidFlowException("initial state " + initial + " is not declared; declared: " + states);
    }
    if (cycleEnds.isEmpty()) {
      throw new InvalidFlowException("no state ends a cycle, so no conversation can ever finish");
    }
    Map<State, List<Transition>> pathTo = shortestPaths(initial);
    for (State state : states) {
      if (!pathTo.containsKey(state)) {
        throw new InvalidFlowException("state " + state + " is unreachable from " + initial
            + "; reachable: " + pathTo.keySet());
      }
    }
    for (State state : states) {
      Map<State, List<Transition>> from = shortestPaths(state);
      if (from.keySet().stream().noneMatch(cycleEnds::contains)) {
        throw new InvalidFlowException("no cycle end " + cycleEnds + " is reachable from " + state
            + ", a dead end reached by: " + describe(initial, pathTo.get(state)));
      }
    }
    List<Slots> cases = sampleSlots();
    for (State state : states) {
      for (Intent event : Intent.values()) {
        for (Slots slots : cases) {
          List<Transition> enabled = transitions.stream()
              .filter(t -> t.source().equals(state) && t.event() == event && t.guard().test(slots))
              .toList();
          if (enabled.isEmpty()) {
            throw new InvalidFlowException("state " + state + " neither handles nor ignores " + event + " when "
                + describeSlots(slots) + ", reached by: " + describe(initial, pathTo.get(state)));
          }
          if (enabled.size() > 1) {
            throw new InvalidFlowException("state " + state + " has " + enabled.size() + " transitions enabled on "
                + event + " when " + describeSlots(slots) + ": " + enabled);
          }
        }
      }
    }
    for (Transition t : transitions) {
      if (t.action() == FlowAction.CREATE_TICKET && !(t.source().equals(State.CONFIRMATION)
          && t.event() == Intent.CONFIRM && cycleEnds.contains(t.target()))) {
        throw new InvalidFlowException("transition " + t + " creates a ticket, but only CONFIRMATION on an explicit"
            + " CONFIRM into a cycle end may; reached by: " + describe(initial, pathTo.get(t.source())));
      }
    }
    return this;
  }

  private Map<State, List<Transition>> shortestPaths(State from) {
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

  private static String describe(State start, List<Transition> path) {
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
        + ", department=" + slots.department() + ", extra=" + slots.extra().keySet();
  }

  // Guards only look at these facts, so their combinations are every case a guard can tell apart.
  private List<Slots> sampleSlots() {
    List<Slots> cases = new ArrayList<>();
    for (int bits = 0; bits < (1 << (3 + requiredSlots.size())); bits++) {
      Slots slots = Slots.EMPTY;
      if ((bits & 1) != 0) {
        slots = slots.withReasonGiven().withMoreDescription("reason");
      }
      if ((bits & 2) != 0) {
        slots = slots.withDetailsGiven().withMoreDescription("details");
      }
      if ((bits & 4) != 0) {
        slots = slots.withDepartment(Department.BILLING, false);
      }
      for (int i = 0; i < requiredSlots.size(); i++) {
        if ((bits & (8 << i)) != 0) {
          slots = slots.withExtra(requiredSlots.get(i), "x");
        }
      }
      cases.add(slots);
    }
    return cases;
  }

  @Override
  public String toString() {
    return transitions.stream().map(Transition::toString).collect(Collectors.joining("\n"));
  }

  /**
   * Builds a flow: the standard table, plus required application slots and extra or replacing rows.
   * Not thread-safe; the flow it builds is.
   */
  public static final class Builder {
    private State initial = State.REASON;
    private final List<State> states = new ArrayList<>();
    private final Set<State> cycleEnds = new LinkedHashSet<>();
    private final List<Transition> transitions = new ArrayList<>();
    private final List<String> requiredSlots = new ArrayList<>();
    private final List<Transition> extraTransitions = new ArrayList<>();
    private final List<State> extraStates = new ArrayList<>();
    private boolean standardRows = true;

    private Builder() {}

    /** Adds an application-defined slot that must be filled before the summary. */
    public Builder requiredSlot(String name) {
      Values.requireText(name, "slot name");
      if (!requiredSlots.contains(name)) {
        requiredSlots.add(name);
      }
      return this;
    }

    /** Declares an extra state. */
    public Builder state(State state) {
      extraStates.add(Objects.requireNonNull(state, "state"));
      return this;
    }

    /**
     * Adds a row; a row with the same source, event and guard name as a standard row replaces it.
     */
    public Builder transition(Transition transition) {
      extraTransitions.add(Objects.requireNonNull(transition, "transition"));
      return this;
    }

    /** Starts from an empty table instead of the standard one (for flows written from scratch). */
    public Builder withoutStandardTransitions() {
      standardRows = false;
      return this;
    }

    /** Sets the initial state (REASON by default). */
    public Builder initial(State state) {
      initial = Objects.requireNonNull(state, "initial");
      return this;
    }

    /** Declares a state that ends a cycle (TICKET_CREATED and CANCELLED by default). */
    public Builder cycleEnd(State state) {
      cycleEnds.add(Objects.requireNonNull(state, "state"));
      return this;
    }

    /** Builds the flow and verifies it. @throws InvalidFlowException with a counterexample */
    public FlowDefinition build() {
      return buildUnverified().verify();
    }

    /** Builds the flow without verifying it: for tests of the verifier and for diagrams of broken flows. */
    public FlowDefinition buildUnverified() {
      states.clear();
      transitions.clear();
      if (standardRows) {
        states.addAll(List.of(State.REASON, State.DETAILS, State.CONFIRMATION, State.TICKET_CREATED, State.CANCELLED));
        cycleEnds.add(State.TICKET_CREATED);
        cycleEnds.add(State.CANCELLED);
        transitions.addAll(generated());
      }
      for (State state : extraStates) {
        if (!states.contains(state)) {
          states.add(state);
        }
      }
      for (Transition extra : extraTransitions) {
        transitions.removeIf(t -> t.source().equals(extra.source()) && t.event() == extra.event()
            && t.guard().equals(extra.guard()));
        transitions.add(extra);
      }
      return new FlowDefinition(this);
    }

    private List<Transition> generated() {
      List<String> required = List.copyOf(requiredSlots);
      Guard needsReason = Guard.of("no reason yet", s -> !s.reasonGiven() && !s.detailsGiven());
      Guard ready = Guard.of("ready to confirm", s -> s.detailsGiven() && s.department() != null
          && required.stream().allMatch(s.extra()::containsKey));
      Guard needsMore = Guard.of("needs details", s -> (s.reasonGiven() || s.detailsGiven()) && !ready.test(s));
      Guard notReady = Guard.of("not ready", s -> !ready.test(s));
      List<Transition> rows = new ArrayList<>();
      Set<Intent> informative = EnumSet.of(Intent.PROVIDE_INFO, Intent.CORRECT);
      Set<Intent> ignoredBeforeSummary = EnumSet.of(Intent.CONFIRM, Intent.DENY);

      // REASON and DETAILS: collect slots until the summary can be shown.
      for (State state : List.of(State.REASON, State.DETAILS)) {
        for (Intent event : informative) {
          rows.add(new Transition(state, event, needsReason, state, FlowAction.NONE));
          rows.add(new Transition(state, event, needsMore, State.DETAILS, FlowAction.NONE));
          rows.add(new Transition(state, event, ready, State.CONFIRMATION, FlowAction.NONE));
        }
        for (Intent event : ignoredBeforeSummary) {
          rows.add(new Transition(state, event, Guard.ALWAYS, state, FlowAction.NONE));
        }
        rows.add(new Transition(state, Intent.CANCEL, Guard.ALWAYS, State.CANCELLED, FlowAction.CANCEL));
        rows.add(new Transition(state, Intent.STATUS_QUERY, Guard.ALWAYS, state, FlowAction.ANSWER_STATUS));
        rows.add(new Transition(state, Intent.ADD_UPDATE, Guard.ALWAYS, state, FlowAction.ADD_TICKET_UPDATE));
      }
      // CONFIRMATION: only an explicit yes creates the ticket; a correction summarises again.
      rows.add(new Transition(State.CONFIRMATION, Intent.CONFIRM, ready, State.TICKET_CREATED,
          FlowAction.CREATE_TICKET));
      rows.add(new Transition(State.CONFIRMATION, Intent.CONFIRM, notReady, State.DETAILS, FlowAction.NONE));
      for (Intent event : informative) {
        rows.add(new Transition(State.CONFIRMATION, event, ready, State.CONFIRMATION, FlowAction.NONE));
        rows.add(new Transition(State.CONFIRMATION, event, notReady, State.DETAILS, FlowAction.NONE));
      }
      rows.add(new Transition(State.CONFIRMATION, Intent.DENY, Guard.ALWAYS, State.CANCELLED, FlowAction.CANCEL));
      rows.add(new Transition(State.CONFIRMATION, Intent.CANCEL, Guard.ALWAYS, State.CANCELLED, FlowAction.CANCEL));
      rows.add(new Transition(State.CONFIRMATION, Intent.STATUS_QUERY, Guard.ALWAYS, State.CONFIRMATION,
          FlowAction.ANSWER_STATUS));
      rows.add(new Transition(State.CONFIRMATION, Intent.ADD_UPDATE, Guard.ALWAYS, State.CONFIRMATION,
          FlowAction.ADD_TICKET_UPDATE));
      // Cycle ends: a new problem starts a new cycle; anything else keeps the finished one.
      for (State state : List.of(State.TICKET_CREATED, State.CANCELLED)) {
        for (Intent event : informative) {
          rows.add(new Transition(state, event, needsReason, state, FlowAction.NONE));
          rows.add(new Transition(state, event, needsMore, State.DETAILS, FlowAction.START_NEW_CYCLE));
          rows.add(new Transition(state, event, ready, State.CONFIRMATION, FlowAction.START_NEW_CYCLE));
        }
        for (Intent event : EnumSet.of(Intent.CONFIRM, Intent.DENY, Intent.CANCEL)) {
          rows.add(new Transition(state, event, Guard.ALWAYS, state, FlowAction.NONE));
        }
        rows.add(new Transition(state, Intent.STATUS_QUERY, Guard.ALWAYS, state, FlowAction.ANSWER_STATUS));
        rows.add(new Transition(state, Intent.ADD_UPDATE, Guard.ALWAYS, state, FlowAction.ADD_TICKET_UPDATE));
      }
      return rows;
    }
  }
}
