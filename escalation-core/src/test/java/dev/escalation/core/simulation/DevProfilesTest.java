package dev.escalation.core.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.EscalationEngine;
import dev.escalation.core.InMemoryStore;
import dev.escalation.core.OfflineLanguageModel;
import dev.escalation.core.TicketUpdate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DevProfilesTest {

    static List<Profile> profiles() {
        return Profiles.dev();
    }

    private final InMemoryStore store = new InMemoryStore();
    private final EscalationEngine engine = EscalationEngine.builder()
            .languageModel(new OfflineLanguageModel())
            .conversationStore(store)
            .ticketStore(store)
            .build();

    @ParameterizedTest(name = "{0}")
    @MethodSource("profiles")
    void aSimulatedCustomerReachesTheRubricsTicketWithTheOfflineModel(Profile profile) {
        SimulatedCustomer.Transcript transcript = new SimulatedCustomer(engine).play(profile, "conv-" + profile.id());

        assertThat(transcript.succeeded()).as("%s", transcript).isTrue();
        assertThat(store.listForCustomer(profile.customerId()))
                .as("%s", transcript)
                .hasSize(profile.confirm() ? 1 : 0);
        if ("status".equals(profile.followUpKind())) {
            assertThat(transcript.followUpReply())
                    .as("%s", transcript)
                    .contains(transcript.ticket().ticketId().value())
                    .containsIgnoringCase("open");
        }
        if ("update".equals(profile.followUpKind())) {
            assertThat(store.history(transcript.ticket().ticketId()))
                    .as("%s", transcript)
                    .last()
                    .satisfies(entry -> {
                        assertThat(entry.kind()).isEqualTo(TicketUpdate.Kind.NOTE_ADDED);
                        assertThat(entry.note()).contains(profile.followUpText().substring(0, 20));
                    });
        }
    }

    @Test
    void theFirstSummaryIsRightForMostProfilesAndNoConversationNeedsMoreThanEightTurns() {
        List<SimulatedCustomer.Transcript> transcripts = profiles().stream()
                .map(p -> new SimulatedCustomer(engine).play(p, "first-" + p.id()))
                .toList();

        long departmentRight = transcripts.stream()
                .filter(t -> t.firstSummaryDepartment() == t.profile().department())
                .count();
        long priorityRight = transcripts.stream()
                .filter(t -> t.firstSummaryPriority() == t.profile().priority())
                .count();
        assertThat(departmentRight).as("first-summary department right, of 40").isGreaterThanOrEqualTo(38);
        assertThat(priorityRight).as("first-summary priority right, of 40").isGreaterThanOrEqualTo(36);
        assertThat(transcripts)
                .allSatisfy(t -> assertThat(t.turnsToEnd()).as("%s", t).isLessThanOrEqualTo(8));
        assertThat(transcripts)
                .filteredOn(t -> t.profile().tags().contains("ambiguous_department"))
                .allSatisfy(t -> assertThat(t.departmentAsked()).as("%s", t).isTrue());
        assertThat(transcripts)
                .filteredOn(t -> t.profile().tags().contains("all_in_one"))
                .allSatisfy(t -> assertThat(t.lines().get(1)).as("%s", t).contains("[CONFIRMATION]"));
    }

    @Test
    void holdOutProfilesWrittenApartFromTheRulesAlsoReachTheirTickets() {
        List<SimulatedCustomer.Transcript> transcripts = Profiles.read("/profiles/escalation-holdout.jsonl").stream()
                .map(p -> new SimulatedCustomer(engine).play(p, "hold-" + p.id()))
                .toList();

        assertThat(transcripts).hasSize(20);
        assertThat(transcripts)
                .filteredOn(t -> !t.succeeded())
                .as("hold-out profiles that failed")
                .isEmpty();
        long firstSummaryRight = transcripts.stream()
                .filter(t -> t.firstSummaryDepartment() == t.profile().department()
                        && t.firstSummaryPriority() == t.profile().priority())
                .count();
        assertThat(firstSummaryRight).as("first summary fully right, of 20").isGreaterThanOrEqualTo(14);
    }
}
