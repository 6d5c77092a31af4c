package dev.escalation.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The priority rubric is stated once, in the flow: its descriptions are what a model reads and its
 * cues are what the built-in offline model reads, so a flow with another rubric changes the offline
 * judgement too (the prompt side is in escalation-llm's CustomFlowOverHttpTest).
 */
class PrioritySpecTest {

    private static final String OPENING = "The tracking page of your app is wrong and I would like this escalated.";
    private static final String DETAILS = "Your app says my parcel was lost in transit, and the tracking page crashes"
            + " with an error when I open the order in the app.";

    private static Priority summaryPriority(FlowDefinition flow) {
        InMemoryStore store = new InMemoryStore();
        EscalationEngine engine = EscalationEngine.builder()
                .flow(flow)
                .conversationStore(store)
                .ticketStore(store)
                .build();
        engine.handle(new CustomerMessage("c-1", "u-1", OPENING));
        TurnResult summary = engine.handle(new CustomerMessage("c-1", "u-1", DETAILS));
        assertThat(summary.state()).isEqualTo(State.CONFIRMATION);
        return summary.slots().priority();
    }

    private static String standardYaml() throws Exception {
        try (var in = FlowDefinition.class.getClassLoader().getResourceAsStream(FlowDefinition.STANDARD_RESOURCE)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Test
    void theStandardFlowStatesEachPriorityInWordsAndInCues() {
        List<PrioritySpec> rubric = FlowDefinition.standard().prioritySpecs();

        assertThat(rubric)
                .extracting(PrioritySpec::priority)
                .containsExactly(Priority.CRITICAL, Priority.HIGH, Priority.LOW, Priority.MEDIUM);
        assertThat(rubric.get(1).description()).contains("tried repeatedly", "waited days or weeks");
        assertThat(rubric.get(1).cues())
                .flatExtracting(PrioritySpec.Cues::patterns)
                .contains("frustrat*", "manager");
        assertThat(rubric.get(2).cues())
                .filteredOn(group -> group.counts() == PrioritySpec.Counts.NEGATED)
                .flatExtracting(PrioritySpec.Cues::patterns)
                .contains("rush", "urgent*");
        assertThat(FlowDefinition.standard().priorityRubric().get(Priority.MEDIUM))
                .isEqualTo("everything else.");
    }

    @Test
    void aFlowWhoseRubricMakesALostParcelCriticalChangesWhatTheOfflineModelDecides() {
        FlowDefinition parcels = FlowDefinition.standard().toBuilder()
                .priority(FlowDefinition.standard()
                        .prioritySpecs()
                        .get(0)
                        .describedAs("a parcel lost in transit")
                        .cues(3, "lost in transit"))
                .build();

        assertThat(summaryPriority(FlowDefinition.standard())).isEqualTo(Priority.MEDIUM);
        assertThat(summaryPriority(parcels)).isEqualTo(Priority.CRITICAL);
        assertThat(parcels.priorityRubric().get(Priority.CRITICAL)).isEqualTo("a parcel lost in transit");
    }

    @Test
    void aFlowFileCanGiveAPriorityItsOwnCuesAndNegatedCues() throws Exception {
        String yaml = standardYaml().replace("  medium: everything else.\n", """
          medium:
            description: everything else.
            cues:
              - weight: 0
                words: ["lost in transit"]
        """);

        FlowDefinition flow = FlowDefinition.parse(yaml, "parcels.yaml");

        assertThat(flow.prioritySpecs().get(3).cues())
                .containsExactly(new PrioritySpec.Cues(0, List.of("lost in transit"), PrioritySpec.Counts.AFFIRMED));
    }

    @Test
    void aFlowThatStatesItsRubricInWordsOnlyIsReadWithTheStandardCues() {
        FlowDefinition bank = FlowDefinition.load(Path.of("../flows/bank.yaml"));
        InMemoryStore store = new InMemoryStore();
        EscalationEngine engine = EscalationEngine.builder()
                .flow(bank)
                .conversationStore(store)
                .ticketStore(store)
                .build();

        TurnResult first = engine.handle(new CustomerMessage(
                "c-2",
                "u-2",
                "This is the third time I write to you: my mortgage repayment was taken twice and nobody answers!"));

        assertThat(bank.prioritySpecs())
                .allSatisfy(spec -> assertThat(spec.cues()).isEmpty());
        assertThat(first.slots().priority()).isEqualTo(Priority.HIGH);
    }

    @Test
    void aPriorityCueGroupWithTwoKindsOfWordsNamesItsPlace() throws Exception {
        String yaml = standardYaml().replace("  medium: everything else.\n", """
          medium:
            description: everything else.
            cues:
              - weight: 1
                words: ["soon"]
                negated: ["soon"]
        """);

        assertThatThrownBy(() -> FlowDefinition.parse(yaml, "f.yaml"))
                .isInstanceOf(InvalidFlowFileException.class)
                .hasMessageContaining(
                        "priorities.medium.cues[0]: a priority cue group needs one of words, negated or always,"
                                + " but had words and negated");
    }

    @Test
    void aNegativeCueWeightIsRefusedWithTheValue() {
        assertThatThrownBy(() -> PrioritySpec.of(Priority.HIGH, "angry").cues(-1, "angry"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cue weight must be between 0 and 10, but was -1.0");
    }
}
