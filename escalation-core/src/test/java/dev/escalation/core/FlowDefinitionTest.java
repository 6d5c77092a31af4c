package dev.escalation.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FlowDefinitionTest {

    @Test
    void standardFlowPassesVerification() {
        FlowDefinition flow = FlowDefinition.standard();

        assertThat(flow.states())
                .containsExactly(
                        State.REASON, State.DETAILS, State.CONFIRMATION, State.TICKET_CREATED, State.CANCELLED);
        assertThat(flow.initial()).isEqualTo(State.REASON);
        assertThat(flow.cycleEnds()).containsExactly(State.TICKET_CREATED, State.CANCELLED);
    }

    @Test
    void onlyConfirmationOnConfirmCreatesATicket() {
        FlowDefinition flow = FlowDefinition.standard();

        assertThat(flow.transitions())
                .filteredOn(t -> t.action() == FlowAction.CREATE_TICKET)
                .singleElement()
                .satisfies(t -> {
                    assertThat(t.source()).isEqualTo(State.CONFIRMATION);
                    assertThat(t.event()).isEqualTo(Intent.CONFIRM);
                    assertThat(t.target()).isEqualTo(State.TICKET_CREATED);
                });
    }

    @Test
    void selectPicksTheRowWhoseGuardHolds() {
        FlowDefinition flow = FlowDefinition.standard();
        Slots reasonOnly = Slots.EMPTY.withReasonGiven();
        Slots complete = reasonOnly.withDetailsGiven().withDepartment(Department.SALES, false);

        assertThat(flow.select(State.REASON, Intent.PROVIDE_INFO, Slots.EMPTY).target())
                .isEqualTo(State.REASON);
        assertThat(flow.select(State.REASON, Intent.PROVIDE_INFO, reasonOnly).target())
                .isEqualTo(State.DETAILS);
        assertThat(flow.select(State.REASON, Intent.PROVIDE_INFO, complete).target())
                .isEqualTo(State.CONFIRMATION);
        assertThat(flow.select(State.TICKET_CREATED, Intent.PROVIDE_INFO, complete)
                        .action())
                .isEqualTo(FlowAction.START_NEW_CYCLE);
    }

    @Test
    void aTicketCreatedOutsideConfirmationIsRejectedWithThePath() {
        FlowDefinition.Builder broken = FlowDefinition.builder()
                .transition(new Transition(
                        State.DETAILS, Intent.CONFIRM, Guard.ALWAYS, State.TICKET_CREATED, FlowAction.CREATE_TICKET));

        assertThatThrownBy(broken::build)
                .isInstanceOf(InvalidFlowException.class)
                .hasMessageContaining("DETAILS --CONFIRM / CREATE_TICKET--> TICKET_CREATED creates a ticket")
                .hasMessageContaining("reached by: REASON -PROVIDE_INFO-> DETAILS");
    }

    @Test
    void anUnreachableStateIsRejected() {
        State orphan = State.of("ORPHAN");
        FlowDefinition.Builder broken = FlowDefinition.builder()
                .state(orphan)
                .transition(new Transition(orphan, Intent.CANCEL, Guard.ALWAYS, State.CANCELLED, FlowAction.CANCEL));

        assertThatThrownBy(broken::build)
                .isInstanceOf(InvalidFlowException.class)
                .hasMessageContaining("state ORPHAN is unreachable from REASON");
    }

    @Test
    void aStateFromWhichNoCycleEndIsReachableIsRejectedWithThePath() {
        State trap = State.of("TRAP");
        FlowDefinition.Builder broken = FlowDefinition.builder()
                .state(trap)
                .transition(new Transition(State.DETAILS, Intent.DENY, Guard.ALWAYS, trap, FlowAction.NONE));
        for (Intent event : Intent.values()) {
            broken.transition(new Transition(trap, event, Guard.ALWAYS, trap, FlowAction.NONE));
        }

        assertThatThrownBy(broken::build)
                .isInstanceOf(InvalidFlowException.class)
                .hasMessageContaining("no cycle end [TICKET_CREATED, CANCELLED] is reachable from TRAP")
                .hasMessageContaining("REASON -PROVIDE_INFO-> DETAILS -DENY-> TRAP");
    }

    @Test
    void anUnhandledEventIsRejectedWithTheCase() {
        State extra = State.of("POLICY_CHECK");
        FlowDefinition.Builder broken = FlowDefinition.builder()
                .state(extra)
                .transition(new Transition(State.DETAILS, Intent.DENY, Guard.ALWAYS, extra, FlowAction.NONE))
                .transition(new Transition(extra, Intent.CANCEL, Guard.ALWAYS, State.CANCELLED, FlowAction.CANCEL));

        assertThatThrownBy(broken::build)
                .isInstanceOf(InvalidFlowException.class)
                .hasMessageContaining("state POLICY_CHECK neither handles nor ignores PROVIDE_INFO");
    }

    @Test
    void overlappingGuardsAreRejectedBecauseTheRuntimeWouldPickOneAtRandom() {
        FlowDefinition.Builder broken = FlowDefinition.builder()
                .transition(new Transition(
                        State.REASON,
                        Intent.PROVIDE_INFO,
                        Guard.of("anything", s -> true),
                        State.DETAILS,
                        FlowAction.NONE));

        assertThatThrownBy(broken::build)
                .isInstanceOf(InvalidFlowException.class)
                .hasMessageContaining("state REASON has 2 transitions enabled on PROVIDE_INFO");
    }

    @Test
    void aRequiredApplicationSlotKeepsTheFlowOutOfConfirmationUntilFilled() {
        FlowDefinition flow =
                FlowDefinition.builder().requiredSlot("policy_number").build();
        Slots withoutPolicy = Slots.EMPTY.withReasonGiven().withDetailsGiven().withDepartment(Department.SALES, false);

        assertThat(flow.select(State.DETAILS, Intent.PROVIDE_INFO, withoutPolicy)
                        .target())
                .isEqualTo(State.DETAILS);
        assertThat(flow.select(State.DETAILS, Intent.PROVIDE_INFO, withoutPolicy.withExtra("policy_number", "A1"))
                        .target())
                .isEqualTo(State.CONFIRMATION);
        assertThat(flow.missingRequiredSlot(withoutPolicy)).contains("policy_number");
    }

    @Test
    void toBuilderKeepsRequiredSlots() {
        FlowDefinition flow =
                FlowDefinition.builder().requiredSlot("policy_number").build();

        assertThat(flow.toBuilder().build().requiredSlots()).containsExactly("policy_number");
        assertThat(flow.toBuilder().build().transitions()).isEqualTo(flow.transitions());
    }
}
