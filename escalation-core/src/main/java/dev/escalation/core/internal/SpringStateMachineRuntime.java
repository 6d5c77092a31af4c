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
import java.util.concurrent.ConcurrentLinkedQueue;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.statemachine.StateMachine;
import org.springframework.statemachine.StateMachineEventResult;
import org.springframework.statemachine.config.StateMachineBuilder;
import org.springframework.statemachine.config.StateMachineFactory;
import org.springframework.statemachine.config.builders.StateMachineTransitionConfigurer;
import org.springframework.statemachine.support.DefaultExtendedState;
import org.springframework.statemachine.support.DefaultStateMachineContext;
import reactor.core.publisher.Mono;

/**
 * Runs one event of a {@link FlowDefinition} on a Spring Statemachine built from the same table.
 * Not a published API: nothing of Spring leaves this class.
 *
 * <p>Spring Statemachine reports ACCEPTED when a guard is false, turns an exception in an action into
 * DENIED and keeps going, so this class trusts none of that: each transition's action records which
 * row fired, and the caller compares row and resulting state with what the table says.
 *
 * <p>Thread-safe: machines are not, so each call borrows one from a pool.
 */
public final class SpringStateMachineRuntime {

  private static final String SLOTS = "slots";
  private static final String FIRED = "fired";

  private final StateMachineFactory<State, Intent> factory;
  private final ConcurrentLinkedQueue<StateMachine<State, Intent>> pool = new ConcurrentLinkedQueue<>();

  /** What the machine did with one event. */
  public record Outcome(State state, int firedRow, boolean accepted) {}

  public SpringStateMachineRuntime(FlowDefinition flow) {
    this.factory = buildFactory(flow);
  }

  /**
   * Puts a machine in {@code from} with {@code slots} as its extended state and sends {@code event}.
   *
   * @return the state it ended in, the table row that fired (-1 if none) and whether it accepted
   */
  public Outcome fire(State from, Intent event, Slots slots) {
    StateMachine<State, Intent> machine = pool.poll();
    if (machine == null) {
      machine = factory.getStateMachine();
    }
    try {
      DefaultExtendedState extended = new DefaultExtendedState();
      extended.getVariables().put(SLOTS, slots);
      machine.stopReactively().block();
      machine.getStateMachineAccessor().doWithAllRegions(access -> access
          .resetStateMachineReactively(new DefaultStateMachineContext<>(from, null, Map.of(), extended))
          .block());
      machine.startReactively().block();
      if (!from.equals(machine.getState().getId())) {
        throw new IllegalFlowTransitionException("the state machine could not be put in " + from
            + ", it is in " + machine.getState().getId());
      }
      List<StateMachineEventResult<State, Intent>> results = machine
          .sendEventCollect(Mono.just(MessageBuilder.withPayload(event).build()))
          .block();
      boolean accepted = results != null && !results.isEmpty() && results.stream()
          .allMatch(r -> r.getResultType() == StateMachineEventResult.ResultType.ACCEPTED);
      Integer fired = machine.getExtendedState().get(FIRED, Integer.class);
      Outcome outcome = new Outcome(machine.getState().getId(), fired == null ? -1 : fired, accepted);
      pool.offer(machine);
      return outcome;
    } catch (IllegalFlowTransitionException e) {
      throw e;
    } catch (RuntimeException e) {
      // A machine that failed mid-event is in an unknown state: drop it rather than pool it.
      throw new IllegalFlowTransitionException("the state machine failed on " + event + " in " + from + ": " + e, e);
    }
  }

  private static StateMachineFactory<State, Intent> buildFactory(FlowDefinition flow) {
    try {
      StateMachineBuilder.Builder<State, Intent> builder = StateMachineBuilder.builder();
      builder.configureConfiguration().withConfiguration().autoStartup(false);
      builder.configureStates().withStates()
          .initial(flow.initial())
          .states(new HashSet<>(flow.states()));
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
          transitions.withInternal().source(row.source()).event(row.event()).guard(guard).action(action);
        } else {
          transitions.withExternal().source(row.source()).target(row.target()).event(row.event())
              .guard(guard).action(action);
        }
      }
      return builder.createFactory();
    } catch (Exception e) {
      throw new IllegalFlowTransitionException("the flow could not be turned into a state machine: " + e, e);
    }
  }
}
