package dev.escalation.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.core.TextClassifier.Example;
import java.util.List;
import org.junit.jupiter.api.Test;

class OfflineTrainingTest {

    // Classifiers that always answer the one label they were trained on, with probability 1.
    private static final TextClassifier ONLY_SALES = TextClassifier.train(List.of(new Example("anything", "SALES")), 1);
    private static final TextClassifier ONLY_LOW = TextClassifier.train(List.of(new Example("anything", "LOW")), 1);

    private static Slots firstReading(LanguageModel model, String text) {
        InMemoryStore store = new InMemoryStore();
        EscalationEngine engine = EscalationEngine.builder()
                .languageModel(model)
                .conversationStore(store)
                .ticketStore(store)
                .build();
        return engine.handle(new CustomerMessage("c1", "u1", text)).slots();
    }

    @Test
    void theRulesStillDecideWhereTheyAreCertainAndTheClassifiersOnlyWhereTheyAreNot() {
        OfflineLanguageModel trained = new OfflineLanguageModel(new OfflineTraining(ONLY_SALES, 0.9, ONLY_LOW, 0.9));
        String certain = "Someone hacked my account and changed my password, I was charged twice on my card by them";
        String unsure = "The letter I received about my account mentions changes that confuse me";

        assertThat(firstReading(trained, certain).priority()).isEqualTo(Priority.CRITICAL);
        assertThat(firstReading(new OfflineLanguageModel(), unsure).priority()).isEqualTo(Priority.MEDIUM);
        assertThat(firstReading(trained, unsure).priority())
                .as("the rules only had 'medium'")
                .isEqualTo(Priority.LOW);
        assertThat(firstReading(new OfflineLanguageModel(), unsure).department())
                .isNull();
        assertThat(firstReading(trained, unsure).department()).isEqualTo(Department.SALES);
        assertThat(firstReading(trained, "I was charged twice for my invoice this month")
                        .department())
                .isEqualTo(Department.BILLING);
    }

    @Test
    void aConfidenceOfOneTurnsAClassifierOff() {
        OfflineLanguageModel off = new OfflineLanguageModel(new OfflineTraining(ONLY_SALES, 1.0, ONLY_LOW, 1.0));
        String unsure = "The letter I received about my account mentions changes that confuse me";

        assertThat(firstReading(off, unsure).priority()).isEqualTo(Priority.MEDIUM);
        assertThat(firstReading(off, unsure).department()).isNull();
    }

    @Test
    void classifiersWithLabelsThatAreNotDepartmentsOrPrioritiesAreRefused() {
        assertThatThrownBy(() -> new OfflineTraining(ONLY_LOW, 0.9, ONLY_LOW, 0.9))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("department names")
                .hasMessageContaining("LOW");
        assertThatThrownBy(() -> new OfflineTraining(ONLY_SALES, 0.9, ONLY_SALES, 0.9))
                .hasMessageContaining("priority names")
                .hasMessageContaining("SALES");
        assertThatThrownBy(() -> new OfflineTraining(ONLY_SALES, 0.3, ONLY_LOW, 0.9))
                .hasMessageContaining("departmentConfidence must be between 0.5 and 1, but was 0.3");
    }
}
