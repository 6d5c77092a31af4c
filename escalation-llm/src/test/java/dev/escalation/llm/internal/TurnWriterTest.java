package dev.escalation.llm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.Department;
import dev.escalation.core.FlowDefinition;
import dev.escalation.core.InterpretationRequest;
import dev.escalation.core.Priority;
import dev.escalation.core.Question;
import dev.escalation.core.ReplyAct;
import dev.escalation.core.ReplyRequest;
import dev.escalation.core.Slots;
import dev.escalation.core.State;
import java.util.List;
import org.junit.jupiter.api.Test;

class TurnWriterTest {

    private static final Slots BILLING =
            Slots.EMPTY.withDepartment(Department.BILLING, false).withPriority(Priority.HIGH, false);

    private static ReplyRequest reply(ReplyAct act) {
        return new ReplyRequest(List.of(act), State.CONFIRMATION, BILLING, "text");
    }

    @Test
    void aTicketAnnouncedInAReplyThatCreatesNoneContradictsTheFlowButSayingNoneWasCreatedDoesNot() {
        assertThat(TurnWriter.contradicts(reply(new ReplyAct.AskDetails()), "Your ticket has been created."))
                .isTrue();
        assertThat(TurnWriter.contradicts(reply(new ReplyAct.AskDetails()), "I've opened a ticket for you!"))
                .isTrue();
        assertThat(TurnWriter.contradicts(reply(new ReplyAct.Cancelled()), "No ticket was created."))
                .isFalse();
        assertThat(TurnWriter.contradicts(reply(new ReplyAct.Summarize(BILLING)), "Shall I create the ticket?"))
                .isFalse();
    }

    @Test
    void aSummaryNamingAnotherOfTheFlowsDepartmentsContradictsIt() {
        assertThat(TurnWriter.contradicts(reply(new ReplyAct.Summarize(BILLING)), "A high priority ticket for Sales."))
                .isTrue();
        assertThat(TurnWriter.contradicts(
                        reply(new ReplyAct.Summarize(BILLING)), "A high priority ticket for Billing."))
                .isFalse();
    }

    @Test
    void aReplyFitsOnlyTheSingleMoveItWasWordedFor() {
        assertThat(TurnWriter.fits("summarize", reply(new ReplyAct.Summarize(BILLING))))
                .isTrue();
        assertThat(TurnWriter.fits("ticket_created", reply(new ReplyAct.Summarize(BILLING))))
                .isFalse();
        assertThat(TurnWriter.fits(
                        "ask_details",
                        new ReplyRequest(
                                List.of(new ReplyAct.AskReason(), new ReplyAct.AskDetails()),
                                State.DETAILS,
                                BILLING,
                                "text")))
                .isFalse();
    }

    private static final FlowDefinition FLOW = FlowDefinition.standard();
    private static final String RUBRIC_LINE = "security breach, hacked account, fraud";
    private static final String BILLING_LINE = "Billing (charges, double charges, invoices";

    private static InterpretationRequest request(State state, Slots slots, Question asked) {
        return new InterpretationRequest(state, slots, asked, "Yes, please create the ticket.");
    }

    @Test
    void theStartOfTheSystemMessageIsTheSameInEveryStateAndCarriesNeitherTheRubricNorTheDepartmentsDescriptions() {
        String start = TurnWriter.systemPrompt(FLOW);

        assertThat(start).doesNotContain(RUBRIC_LINE, BILLING_LINE);
        for (State state : List.of(State.REASON, State.DETAILS, State.CONFIRMATION, State.TICKET_CREATED)) {
            assertThat(TurnWriter.systemMessage(request(state, BILLING, Question.NONE)))
                    .startsWith(start);
        }
    }

    @Test
    void aMessageWhileARequestIsCollectedIsReadWithTheRubricAndTheDepartmentsDescriptionsInTheSystemMessage() {
        InterpretationRequest first = request(State.REASON, Slots.EMPTY, Question.NONE);
        InterpretationRequest details = request(State.DETAILS, BILLING.withReasonGiven(), Question.DETAILS);

        assertThat(TurnWriter.systemMessage(first)).contains(RUBRIC_LINE, BILLING_LINE, "ask_reason");
        assertThat(TurnWriter.systemMessage(details))
                .as("one message for the states that collect, so that it is cached across them")
                .isEqualTo(TurnWriter.systemMessage(first));
        assertThat(TurnWriter.userMessage(first))
                .startsWith("State: REASON.\n")
                .doesNotContain(RUBRIC_LINE, BILLING_LINE);
    }

    @Test
    void aConfirmationIsReadWithTheDepartmentNamesAloneAndNoRubric() {
        String system = TurnWriter.systemMessage(
                request(State.CONFIRMATION, BILLING.withReasonGiven().withDetailsGiven(), Question.CONFIRMATION));

        assertThat(system)
                .contains("Technical Support, Billing or Sales", "ticket_created")
                .doesNotContain(RUBRIC_LINE, BILLING_LINE);
    }

    @Test
    void aMessageAfterATicketIsReadWithTheDepartmentsAndTheRubricForANewProblem() {
        String system = TurnWriter.systemMessage(
                request(State.TICKET_CREATED, BILLING.withReasonGiven().withDetailsGiven(), Question.NONE));

        assertThat(system).contains(RUBRIC_LINE, BILLING_LINE, "\"same\"", "\"new\"");
    }

    @Test
    void theKnownDescriptionIsCutToAFewWords() {
        String said = "word ".repeat(100);
        String user = TurnWriter.userMessage(
                request(State.CONFIRMATION, BILLING.withMoreDescription(said), Question.CONFIRMATION));

        assertThat(user).contains("description \"word word").doesNotContain("word ".repeat(20));
    }
}
