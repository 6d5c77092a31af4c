package dev.escalation.llm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.Department;
import dev.escalation.core.Priority;
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
}
