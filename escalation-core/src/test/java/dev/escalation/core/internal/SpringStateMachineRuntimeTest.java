package dev.escalation.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.Department;
import dev.escalation.core.FlowDefinition;
import dev.escalation.core.Intent;
import dev.escalation.core.Slots;
import dev.escalation.core.State;
import dev.escalation.core.Transition;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SpringStateMachineRuntimeTest {

    private final FlowDefinition flow = FlowDefinition.standard();
    private final SpringStateMachineRuntime runtime = new SpringStateMachineRuntime(flow);

    private static List<Slots> slotCases() {
        Slots reason = Slots.EMPTY.withReasonGiven();
        Slots details = reason.withDetailsGiven();
        return List.of(
                Slots.EMPTY,
                reason,
                details,
                details.withDepartment(Department.SALES, true),
                reason.withDepartment(Department.BILLING, false));
    }

    @Test
    void theMachineFiresExactlyTheRowTheTableSelectsForEveryStateEventAndSlots() {
        int checked = 0;
        for (State state : flow.states()) {
            for (Intent event : Intent.values()) {
                for (Slots slots : slotCases()) {
                    Transition expected = flow.select(state, event, slots);

                    SpringStateMachineRuntime.Outcome outcome = runtime.fire(state, event, slots);

                    assertThat(outcome.firedRow())
                            .as("%s on %s with %s", state, event, slots)
                            .isEqualTo(flow.transitions().indexOf(expected));
                    assertThat(outcome.state()).isEqualTo(expected.target());
                    assertThat(outcome.accepted()).isTrue();
                    checked++;
                }
            }
        }
        assertThat(checked)
                .isEqualTo(flow.states().size()
                        * Intent.values().length
                        * slotCases().size());
    }

    @Test
    void aRecycledMachineStartsFromTheGivenStateNotFromItsLastOne() {
        Slots ready = Slots.EMPTY.withReasonGiven().withDetailsGiven().withDepartment(Department.BILLING, false);
        runtime.fire(State.CONFIRMATION, Intent.CONFIRM, ready);

        SpringStateMachineRuntime.Outcome outcome = runtime.fire(State.REASON, Intent.PROVIDE_INFO, Slots.EMPTY);

        assertThat(outcome.state()).isEqualTo(State.REASON);
        assertThat(outcome.firedRow())
                .isEqualTo(flow.transitions().indexOf(flow.select(State.REASON, Intent.PROVIDE_INFO, Slots.EMPTY)));
    }

    @Test
    void manyThreadsCanFireAtOnce() throws Exception {
        Slots ready = Slots.EMPTY.withReasonGiven().withDetailsGiven().withDepartment(Department.BILLING, false);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<SpringStateMachineRuntime.Outcome>> outcomes = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            boolean confirm = i % 2 == 0;
            outcomes.add(pool.submit(() -> confirm
                    ? runtime.fire(State.CONFIRMATION, Intent.CONFIRM, ready)
                    : runtime.fire(State.REASON, Intent.CANCEL, Slots.EMPTY)));
        }
        for (int i = 0; i < outcomes.size(); i++) {
            State expected = i % 2 == 0 ? State.TICKET_CREATED : State.CANCELLED;
            assertThat(outcomes.get(i).get(30, TimeUnit.SECONDS).state()).isEqualTo(expected);
        }
        pool.shutdown();
    }

    @Test
    void aStartedMachineAlreadyInTheGivenStateServesTheEventWithoutAReset() {
        Slots reason = Slots.EMPTY.withReasonGiven();
        runtime.fire(State.REASON, Intent.PROVIDE_INFO, reason);
        long resets = runtime.resets();

        SpringStateMachineRuntime.Outcome outcome = runtime.fire(
                State.DETAILS,
                Intent.PROVIDE_INFO,
                reason.withDetailsGiven().withDepartment(Department.BILLING, false));

        assertThat(outcome.state()).isEqualTo(State.CONFIRMATION);
        assertThat(runtime.resets())
                .as("the machine left in DETAILS was used as it was")
                .isEqualTo(resets);
    }

    @Test
    void theSlotsOfAnEarlierEventNeverDecideALaterOne() {
        Slots ready = Slots.EMPTY.withReasonGiven().withDetailsGiven().withDepartment(Department.BILLING, false);
        runtime.fire(State.DETAILS, Intent.PROVIDE_INFO, ready);

        // The same machine, now in CONFIRMATION, gets a conversation whose slots lack the department.
        Slots lacking = Slots.EMPTY.withReasonGiven().withDetailsGiven();
        SpringStateMachineRuntime.Outcome outcome = runtime.fire(State.CONFIRMATION, Intent.CORRECT, lacking);

        Transition expected = flow.select(State.CONFIRMATION, Intent.CORRECT, lacking);
        assertThat(outcome.firedRow()).isEqualTo(flow.transitions().indexOf(expected));
        assertThat(outcome.state()).isEqualTo(expected.target());
    }

    @Test
    void aStateNoStartedMachineIsInCostsOneReset() {
        long resets = runtime.resets();

        runtime.fire(State.CONFIRMATION, Intent.DENY, Slots.EMPTY);

        assertThat(runtime.resets()).isEqualTo(resets + 1);
    }

    @Test
    void aMachineResetFromAnyStateAnswersEveryEventAsTheTableDoes() {
        // One caller at a time: the runtime has exactly one machine, so every call after the first reuses
        // the machine the previous conversation left behind, reset in place when it is in another state.
        SpringStateMachineRuntime reused = new SpringStateMachineRuntime(flow);
        int checked = 0;
        for (Transition leftBy : distinctTargets()) {
            for (State state : flow.states()) {
                for (Intent event : Intent.values()) {
                    for (Slots slots : slotCases()) {
                        Slots before = leftBy.source().equals(State.REASON) ? Slots.EMPTY : readyForConfirmation();
                        SpringStateMachineRuntime.Outcome previous =
                                reused.fire(leftBy.source(), leftBy.event(), before);
                        assertThat(previous.state()).isEqualTo(leftBy.target());
                        Transition expected = flow.select(state, event, slots);

                        SpringStateMachineRuntime.Outcome outcome = reused.fire(state, event, slots);

                        assertThat(outcome.firedRow())
                                .as(
                                        "%s on %s with %s after a conversation left the machine in %s",
                                        state, event, slots, leftBy.target())
                                .isEqualTo(flow.transitions().indexOf(expected));
                        assertThat(outcome.state()).isEqualTo(expected.target());
                        assertThat(outcome.accepted()).isTrue();
                        checked++;
                    }
                }
            }
        }
        assertThat(reused.resets())
                .as("most of these calls reuse a machine in another state")
                .isPositive();
        assertThat(checked).isGreaterThan(flow.states().size() * Intent.values().length);
    }

    @Test
    void aNewConversationAfterOthersMovedOnIsServedWithoutBuildingAMachine() {
        SpringStateMachineRuntime reused = new SpringStateMachineRuntime(flow);
        reused.fire(State.REASON, Intent.PROVIDE_INFO, Slots.EMPTY.withReasonGiven());

        SpringStateMachineRuntime.Outcome outcome = reused.fire(State.REASON, Intent.CANCEL, Slots.EMPTY);

        assertThat(outcome.state())
                .isEqualTo(flow.select(State.REASON, Intent.CANCEL, Slots.EMPTY).target());
        assertThat(reused.resets())
                .as("the one machine, left in DETAILS, was reset to REASON")
                .isEqualTo(1);
    }

    // One row into each state some row leads to, from REASON or from a conversation ready for confirmation.
    private List<Transition> distinctTargets() {
        java.util.Map<State, Transition> byTarget = new java.util.LinkedHashMap<>();
        for (Transition row : flow.transitions()) {
            Slots before = row.source().equals(State.REASON) ? Slots.EMPTY : readyForConfirmation();
            if (flow.select(row.source(), row.event(), before).equals(row)) {
                byTarget.putIfAbsent(row.target(), row);
            }
        }
        return List.copyOf(byTarget.values());
    }

    private static Slots readyForConfirmation() {
        return Slots.EMPTY.withReasonGiven().withDetailsGiven().withDepartment(Department.BILLING, false);
    }
}
