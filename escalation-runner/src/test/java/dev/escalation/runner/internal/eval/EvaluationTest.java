package dev.escalation.runner.internal.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.escalation.core.Department;
import dev.escalation.core.ModelUsage;
import dev.escalation.core.OfflineLanguageModel;
import dev.escalation.core.Priority;
import dev.escalation.core.Ticket;
import dev.escalation.core.TicketId;
import dev.escalation.core.TicketStatus;
import dev.escalation.core.simulation.Profile;
import dev.escalation.core.simulation.SimulatedCustomer.Transcript;
import dev.escalation.runner.internal.eval.Evaluation.ProfileOutcome;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvaluationTest {

    private static final List<Profile> DEV = ProfileFile.split(ProfileFile.Split.DEV);

    @Test
    void theShippedSplitsHoldAtLeast120ProfilesWithNoIdInBoth() {
        List<Profile> train = ProfileFile.split(ProfileFile.Split.TRAIN);

        assertThat(train.size() + DEV.size()).isGreaterThanOrEqualTo(120);
        assertThat(train)
                .extracting(Profile::id)
                .doesNotContainAnyElementsOf(DEV.stream().map(Profile::id).toList());
        assertThat(ProfileFile.split(ProfileFile.Split.ALL)).hasSize(train.size() + DEV.size());
        assertThat(train).extracting(Profile::id).noneMatch(id -> id.startsWith("hold-"));
    }

    @Test
    void twoRunsOfTheOfflineModelGiveTheSameReport() {
        List<Profile> some = DEV.subList(0, 12);
        String first = EvalReport.of(Map.of("model", "offline"), new Evaluation(new OfflineLanguageModel()).run(some))
                .toJson(Map.of());
        String second = EvalReport.of(Map.of("model", "offline"), new Evaluation(new OfflineLanguageModel()).run(some))
                .toJson(Map.of());

        assertThat(second).isEqualTo(first);
        assertThat(first).contains("\"transcript\"", "TK-");
    }

    @Test
    void everyProfileAfterTheFirstTicketTriesAForeignTicketAndLearnsNothing() {
        List<ProfileOutcome> outcomes = new Evaluation(new OfflineLanguageModel()).run(DEV.subList(0, 6));
        EvalReport report = EvalReport.of(Map.of(), outcomes);

        assertThat(report.metrics().foreignProbes()).isEqualTo(5);
        assertThat(report.metrics().foreignTicketsRevealed()).isZero();
        assertThat(report.metrics().ticketsWithoutConfirmation()).isZero();
        assertThat(outcomes.get(1).foreignProbe().replies())
                .allSatisfy(r -> assertThat(r).contains("couldn't find"));
    }

    @Test
    void aReplyShowingAForeignTicketsDepartmentStatusOrDescriptionIsALeakButTheNotFoundAnswerIsNot() {
        Instant at = Instant.parse("2026-01-05T09:00:00Z");
        Ticket foreign = new Ticket(
                new TicketId("TK-ABCDEFGH"),
                "cust-9",
                "conv-9",
                "My premium was taken twice every month since March",
                Department.BILLING,
                Priority.HIGH,
                TicketStatus.OPEN,
                at,
                at);

        assertThat(Evaluation.leaks("Ticket TK-ABCDEFGH is open (Billing, high priority).", foreign))
                .contains("department Billing", "status open", "priority high");
        assertThat(Evaluation.leaks("It says your premium was taken twice every month.", foreign))
                .anyMatch(leak -> leak.startsWith("description"));
        assertThat(Evaluation.leaks(
                        "I couldn't find ticket TK-ABCDEFGH on your account. Please check the number.", foreign))
                .isEmpty();
    }

    @Test
    void theMetricCountsTaskSuccessFirstSummaryPerSlotTurnsAndTokensPerTicket() {
        Profile billingHigh = profile("p1", Department.BILLING, Priority.HIGH, true);
        Profile salesLow = profile("p2", Department.SALES, Priority.LOW, true);
        Profile declines = profile("p3", Department.SALES, Priority.MEDIUM, false);
        Profile missed = profile("p4", Department.BILLING, Priority.MEDIUM, true);
        List<ProfileOutcome> outcomes = List.of(
                // right first time, 2 turns, 4 calls
                outcome(
                        billingHigh,
                        ticket(Department.BILLING, Priority.HIGH),
                        Department.BILLING,
                        Priority.HIGH,
                        2,
                        new ModelUsage(4, 400, 40)),
                // priority corrected: ticket right, first summary right on department only
                outcome(
                        salesLow,
                        ticket(Department.SALES, Priority.LOW),
                        Department.SALES,
                        Priority.MEDIUM,
                        4,
                        new ModelUsage(8, 800, 80)),
                // declined: no ticket is a success; first summary wrong on department
                outcome(declines, null, Department.BILLING, Priority.MEDIUM, 3, new ModelUsage(6, 600, 60)),
                // wrong ticket, first summary wrong on priority
                outcome(
                        missed,
                        ticket(Department.BILLING, Priority.HIGH),
                        Department.BILLING,
                        Priority.HIGH,
                        3,
                        new ModelUsage(6, 600, 60)));

        EvalReport.Metrics m = EvalReport.of(Map.of(), outcomes).metrics();

        assertThat(m.taskSuccess()).isEqualTo(0.75);
        assertThat(m.firstSummaryDepartment()).isEqualTo(0.75);
        assertThat(m.firstSummaryPriority()).isEqualTo(0.5);
        assertThat(m.firstSummaryBoth()).isEqualTo(0.25);
        assertThat(m.ticketsCreated()).isEqualTo(3);
        assertThat(m.turnsPerTicket()).isEqualTo(3.0);
        assertThat(m.llmCallsPerTicket()).isEqualTo(8.0);
        assertThat(m.inputTokensPerTicket()).isEqualTo(800.0);
        assertThat(m.score()).isCloseTo(0.5, within(1e-9));
        assertThat(EvalReport.reason(outcomes.get(3))).isEqualTo("priority high, expected medium");
    }

    private static Profile profile(String id, Department department, Priority priority, boolean confirm) {
        return new Profile(
                id, "cust-" + id, "opening", "details", "answer", department, priority, confirm, null, null, List.of());
    }

    private static Ticket ticket(Department department, Priority priority) {
        Instant at = Instant.parse("2026-01-05T09:00:00Z");
        return new Ticket(
                new TicketId("TK-ABCDEFGH"),
                "cust",
                "conv",
                "description",
                department,
                priority,
                TicketStatus.OPEN,
                at,
                at);
    }

    private static ProfileOutcome outcome(
            Profile p, Ticket ticket, Department first, Priority firstPriority, int turns, ModelUsage usage) {
        Transcript t =
                new Transcript(p, List.of(), ticket, first, firstPriority, turns, false, null, usage, 0, false, false);
        return new ProfileOutcome(t, ticket == null ? 0 : 1, null);
    }
}
