package dev.escalation.core.internal;

import dev.escalation.core.FlowDefinition;
import dev.escalation.core.IllegalFlowTransitionException;
import dev.escalation.core.Intent;
import dev.escalation.core.Slots;
import dev.escalation.core.State;
import dev.escalation.core.Transition;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.statemachine.StateMachine;
import org.springframework.statemachine.StateMachineEventResult;
import org.springframework.statemachine.config.StateMachineBuilder;
import org.springframework.statemachine.config.StateMachineFactory;
import org.springframework.statemachine.config.builders.StateMachineTransitionConfigurer;
import org.springframework.statemachine.support.DefaultExtendedState;
import org.springframework.statemachine.support.DefaultStateMachineContext;
import org.springframework.statemachine.support.StateMachineObjectSupport;
import reactor.core.publisher.Mono;

/**
 * Runs one event of a {@link FlowDefinition} on a Spring Statemachine built from the same table.
 * Not a published API: nothing of Spring leaves this class.
 *
 * <p>Spring Statemachine reports ACCEPTED when a guard is false, turns an exception in an action into
 * DENIED and keeps going, so this class trusts none of that: each transition's action records which
 * row fired, and the caller compares row and resulting state with what the table says.
 *
 * <p>Machines stay started between events, kept by the state they are in: stopping, resetting and
 * starting one costs several times the event itself (Spring builds its debug lines, with the whole
 * machine's description, whether or not they are logged). A machine's answer to an event depends only
 * on its current state and on the slots put into its extended state for that event (the flow has no
 * history states, regions, submachines, joins, timers, deferred events or state actions), so a started
 * machine in state S serves any conversation stored in S exactly as a machine reset to S would. No
 * machine holds a conversation between events: each event is given the state read from the store, so a
 * conversation another instance or a retry moved is never served from a stale state.
 *
 * <p>When no started machine is in the wanted state, as for every new conversation once the machines
 * in the initial state have moved on, one in another state is reset to it while it keeps running: for
 * such a flow Spring's reset only sets the current state and replaces the extended state, which is all
 * a stop, reset and start would change, at a tenth of the cost. The machine's state is checked after
 * the reset, and every outcome is compared with the table by the caller, so a reset that did not take
 * would fail the turn rather than decide it.
 *
 * <p>Thread-safe: machines are not, so each call borrows one for itself.
 */
public final class SpringStateMachineRuntime {

    private static final String SLOTS = "slots";
    private static final String FIRED = "fired";
    // Machines kept per state; beyond it a machine is dropped. Calls in flight bound how many are
    // ever made, so this only stops a burst's machines from lingering.
    private static final int KEPT_PER_STATE = 64;

    private final StateMachineFactory<State, Intent> factory;
    private final ConcurrentHashMap<State, Kept> started = new ConcurrentHashMap<>();
    private final AtomicLong resets = new AtomicLong();

    /** What the machine did with one event. */
    public record Outcome(State state, int firedRow, boolean accepted) {}

    /** The started machines in one state. */
    private static final class Kept {
        final ConcurrentLinkedQueue<StateMachine<State, Intent>> machines = new ConcurrentLinkedQueue<>();
        final AtomicInteger count = new AtomicInteger();

        StateMachine<State, Intent> poll() {
            StateMachine<State, Intent> machine = machines.poll();
            if (machine != null) {
                count.decrementAndGet();
            }
            return machine;
        }

        void offer(StateMachine<State, Intent> machine) {
            if (count.incrementAndGet() <= KEPT_PER_STATE) {
                machines.offer(machine);
            } else {
                count.decrementAndGet();
            }
        }
    }

    public SpringStateMachineRuntime(FlowDefinition flow) {
        this.factory = buildFactory(flow);
    }

    /**
     * Sends {@code event} to a machine in {@code from} with {@code slots} as its extended state: a
     * started one already in {@code from}, else one reset to {@code from}.
     *
     * @return the state it ended in, the table row that fired (-1 if none) and whether it accepted
     */
    public Outcome fire(State from, Intent event, Slots slots) {
        StateMachine<State, Intent> machine = kept(from).poll();
        if (machine == null) {
            machine = anyMachine(event);
        }
        if (!from.equals(stateOf(machine))) {
            reset(machine, from, event);
        }
        Outcome outcome = send(machine, from, event, slots);
        kept(outcome.state()).offer(machine);
        return outcome;
    }

    /** How many times a machine had to be reset to another state since this runtime was made. */
    public long resets() {
        return resets.get();
    }

    private Kept kept(State state) {
        return started.computeIfAbsent(state, s -> new Kept());
    }

    // A started machine of a state nobody asks for now is better reset than a new one built and started.
    private StateMachine<State, Intent> anyMachine(Intent event) {
        for (Kept other : started.values()) {
            StateMachine<State, Intent> machine = other.poll();
            if (machine != null) {
                return machine;
            }
        }
        StateMachine<State, Intent> machine = factory.getStateMachine();
        // The builder names every machine "stateMachine", and a named machine looks up @WithStateMachine
        // handlers on every notification (compiling a regex under a lock shared by all machines). These
        // machines are no Spring beans and have no such handlers, so they go unnamed.
        if (machine instanceof StateMachineObjectSupport<State, Intent> support) {
            support.setBeanName("");
        }
        try {
            machine.startReactively().block();
        } catch (RuntimeException e) {
            throw new IllegalFlowTransitionException("the state machine failed to start for " + event + ": " + e, e);
        }
        return machine;
    }

    private static State stateOf(StateMachine<State, Intent> machine) {
        var state = machine.getState();
        return state == null ? null : state.getId();
    }

    // In place, on the running machine: see the class comment for why no stop and start are needed.
    private void reset(StateMachine<State, Intent> machine, State from, Intent event) {
        resets.incrementAndGet();
        try {
            machine.getStateMachineAccessor()
                    .doWithAllRegions(access -> access.resetStateMachineReactively(
                                    new DefaultStateMachineContext<>(from, null, Map.of(), new DefaultExtendedState()))
                            .block());
        } catch (RuntimeException e) {
            throw failed(event, from, e);
        }
        if (!from.equals(stateOf(machine))) {
            throw new IllegalFlowTransitionException(
                    "the state machine could not be put in " + from + ", it is in " + stateOf(machine));
        }
    }

    // A machine that fails here is never kept: its state is unknown, so it is dropped.
    private static Outcome send(StateMachine<State, Intent> machine, State from, Intent event, Slots slots) {
        try {
            Map<Object, Object> variables = machine.getExtendedState().getVariables();
            variables.clear();
            variables.put(SLOTS, slots);
            List<StateMachineEventResult<State, Intent>> results = machine.sendEventCollect(
                            Mono.just(MessageBuilder.withPayload(event).build()))
                    .block();
            boolean accepted = results != null
                    && !results.isEmpty()
                    && results.stream().allMatch(r -> r.getResultType() == StateMachineEventResult.ResultType.ACCEPTED);
            Integer fired = machine.getExtendedState().get(FIRED, Integer.class);
            return new Outcome(stateOf(machine), fired == null ? -1 : fired, accepted);
        } catch (RuntimeException e) {
            throw failed(event, from, e);
        }
    }

    private static IllegalFlowTransitionException failed(Intent event, State from, RuntimeException e) {
        return new IllegalFlowTransitionException("the state machine failed on " + event + " in " + from + ": " + e, e);
    }

    private static StateMachineFactory<State, Intent> buildFactory(FlowDefinition flow) {
        try {
            StateMachineBuilder.Builder<State, Intent> builder = StateMachineBuilder.builder();
            builder.configureConfiguration().withConfiguration().autoStartup(false);
            builder.configureStates().withStates().initial(flow.initial()).states(new HashSet<>(flow.states()));
            StateMachineTransitionConfigurer<State, Intent> transitions = builder.configureTransitions();
            List<Transition> rows = flow.transitions();
            for (int i = 0; i < rows.size(); i++) {
                Transition row = rows.get(i);
                int index = i;
                org.springframework.statemachine.guard.Guard<State, Intent> guard =
                        context -> row.guard().test(context.getExtendedState().get(SLOTS, Slots.class));
                org.springframework.statemachine.action.Action<State, Intent> action =
                        context -> context.getExtendedState().getVariables().put(FIRED, index);
                if (row.isInternal()) {
                    transitions
                            .withInternal()
                            .source(row.source())
                            .event(row.event())
                            .guard(guard)
                            .action(action);
                } else {
                    transitions
                            .withExternal()
                            .source(row.source())
                            .target(row.target())
                            .event(row.event())
                            .guard(guard)
                            .action(action);
                }
            }
            return builder.createFactory();
        } catch (Exception e) {
            throw new IllegalFlowTransitionException("the flow could not be turned into a state machine: " + e, e);
        }
    }
}
