package dev.escalation.core.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.Department;
import dev.escalation.core.EscalationEngine;
import dev.escalation.core.InMemoryStore;
import dev.escalation.core.Intent;
import dev.escalation.core.Interpretation;
import dev.escalation.core.InterpretationRequest;
import dev.escalation.core.LanguageModel;
import dev.escalation.core.OfflineLanguageModel;
import dev.escalation.core.Priority;
import dev.escalation.core.ReplyRequest;
import dev.escalation.core.State;
import dev.escalation.core.Ticket;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class SimulatedCustomerTest {

    private final InMemoryStore store = new InMemoryStore();

    private static final Profile DOUBLE_CHARGE = new Profile(
            "t-1",
            "cust-1",
            "I was charged twice for my phone plan this month.",
            "Two payments of 42.50 went out on the 1st, I only have one line. I'd like one refunded.",
            "Billing.",
            Department.BILLING,
            Priority.MEDIUM,
            true,
            "status",
            null,
            List.of("all_in_one"));

    private EscalationEngine engine(LanguageModel model) {
        return EscalationEngine.builder()
                .languageModel(model)
                .conversationStore(store)
                .ticketStore(store)
                .build();
    }

    @Test
    void aCustomerWhoseSummaryHasTheWrongDepartmentCorrectsItInPlainWordsAndGetsTheRightTicket() {
        SimulatedCustomer.Transcript t =
                new SimulatedCustomer(engine(new WrongDepartmentFirst())).play(DOUBLE_CHARGE, "c1");

        assertThat(t.firstSummaryDepartment()).isEqualTo(Department.SALES);
        assertThat(t.lines()).contains("customer: No, that's wrong - this is a billing issue.");
        assertThat(t.ticket().department()).isEqualTo(Department.BILLING);
        assertThat(t.succeeded()).as("%s", t).isTrue();
    }

    @Test
    void aCustomerAskedForTheDepartmentAnswersWithTheirDepartmentAnswer() {
        Profile vague = new Profile(
                "t-2",
                "cust-2",
                "There's a problem with my account I need sorted.",
                "Something about my account doesn't look right and I'd like somebody to check it.",
                "Billing please - the amount on the last statement.",
                Department.BILLING,
                Priority.MEDIUM,
                true,
                null,
                null,
                List.of("ambiguous_department"));

        SimulatedCustomer.Transcript t = new SimulatedCustomer(engine(new OfflineLanguageModel())).play(vague, "c2");

        assertThat(t.departmentAsked()).as("%s", t).isTrue();
        assertThat(t.lines()).contains("customer: Billing please - the amount on the last statement.");
        assertThat(t.succeeded()).as("%s", t).isTrue();
    }

    @Test
    void aDecliningCustomerCancelsAtTheSummaryAndSucceedsWithNoTicket() {
        Profile declining = new Profile(
                "t-3",
                "cust-3",
                DOUBLE_CHARGE.opening(),
                DOUBLE_CHARGE.details(),
                "Billing.",
                Department.BILLING,
                Priority.MEDIUM,
                false,
                null,
                null,
                List.of("declines"));

        SimulatedCustomer.Transcript t =
                new SimulatedCustomer(engine(new OfflineLanguageModel())).play(declining, "c3");

        assertThat(t.lines()).contains("customer: " + SimulatedCustomer.NO);
        assertThat(t.ticket()).isNull();
        assertThat(store.listForCustomer("cust-3")).isEmpty();
        assertThat(t.succeeded()).isTrue();
    }

    @Test
    void afterTheTicketTheCustomerAsksForItsStatusOrAddsTheirNote() {
        SimulatedCustomer customer = new SimulatedCustomer(engine(new OfflineLanguageModel()));
        SimulatedCustomer.Transcript status = customer.play(DOUBLE_CHARGE, "c4");
        Profile updating = new Profile(
                "t-5",
                "cust-5",
                DOUBLE_CHARGE.opening(),
                DOUBLE_CHARGE.details(),
                "Billing.",
                Department.BILLING,
                Priority.MEDIUM,
                true,
                "update",
                "My bank reference is REF-7781.",
                List.of());
        SimulatedCustomer.Transcript update = customer.play(updating, "c5");

        assertThat(status.followUpReply()).contains(status.ticket().ticketId().value());
        assertThat(store.history(update.ticket().ticketId()))
                .last()
                .satisfies(entry -> assertThat(entry.note()).contains("REF-7781"));
    }

    // The customer would flag a ticket that appeared on any message but their yes; the engine no longer
    // lets a model's "confirm" create one without a yes in the customer's own words, so the flag stays
    // down even with a model that reads every answer to the summary as a yes.
    @Test
    void aModelThatReadsEveryAnswerAsAYesStillGetsTheTicketOnlyOnTheCustomersYes() {
        SimulatedCustomer.Transcript t = new SimulatedCustomer(
                        engine(new EverythingConfirms(new WrongDepartmentFirst())))
                .play(DOUBLE_CHARGE, "c6");

        assertThat(t.ticket()).isNotNull();
        assertThat(t.ticketWithoutConfirmation()).as("%s", t).isFalse();
        assertThat(t.ticket().department())
                .as("the correction was heard, not taken for a yes")
                .isEqualTo(Department.BILLING);
    }

    @Test
    void anotherCustomersTicketIsAnsweredAsMissingAndStaysUnchanged() {
        SimulatedCustomer customer = new SimulatedCustomer(engine(new OfflineLanguageModel()));
        Ticket foreign = customer.play(DOUBLE_CHARGE, "c7").ticket();
        Profile other = new Profile(
                "t-8",
                "cust-8",
                "hi",
                "details",
                "Sales.",
                Department.SALES,
                Priority.LOW,
                true,
                null,
                null,
                List.of());

        List<String> replies = customer.tryForeignTicket(other, "c8", foreign.ticketId());

        assertThat(replies)
                .hasSize(2)
                .allSatisfy(reply -> assertThat(reply)
                        .containsIgnoringCase("couldn't find")
                        .doesNotContain("Billing")
                        .doesNotContain("42.50"));
        assertThat(store.history(foreign.ticketId())).hasSize(1);
    }

    // The offline model, except that its first department guess is Sales.
    private static final class WrongDepartmentFirst implements LanguageModel {
        private final OfflineLanguageModel offline = new OfflineLanguageModel();

        @Override
        public Interpretation interpret(InterpretationRequest request) {
            Interpretation read = offline.interpret(request);
            if (request.state() == State.REASON && read.department() != null) {
                return new Interpretation(
                        read.intent(),
                        Department.SALES,
                        false,
                        read.priority(),
                        read.priorityFromCustomer(),
                        read.description(),
                        read.statesReason(),
                        read.statesDetails(),
                        read.contact(),
                        read.ticketReference(),
                        read.note(),
                        read.extra());
            }
            return read;
        }

        @Override
        public String reply(ReplyRequest request, Consumer<String> chunks) {
            return offline.reply(request, chunks);
        }
    }

    private record EverythingConfirms(LanguageModel inner) implements LanguageModel {
        @Override
        public Interpretation interpret(InterpretationRequest request) {
            return request.state() == State.CONFIRMATION ? Interpretation.of(Intent.CONFIRM) : inner.interpret(request);
        }

        @Override
        public String reply(ReplyRequest request, Consumer<String> chunks) {
            return inner.reply(request, chunks);
        }
    }
}
