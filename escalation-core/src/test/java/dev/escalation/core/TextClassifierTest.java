package dev.escalation.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.core.TextClassifier.Example;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TextClassifierTest {

    private static final List<Example> EXAMPLES = List.of(
            new Example("I was charged twice for my subscription this month", "BILLING"),
            new Example("The invoice shows the wrong amount and I want a refund", "BILLING"),
            new Example("My card payment for the premium went out two times", "BILLING"),
            new Example("The app crashes every time I open it", "TECHNICAL_SUPPORT"),
            new Example("I cannot log in, the password reset link does not work", "TECHNICAL_SUPPORT"),
            new Example("The website shows an error page after login", "TECHNICAL_SUPPORT"),
            new Example("How much would it cost to upgrade to the family plan", "SALES"),
            new Example("Could you send me a quote for home insurance", "SALES"));

    @Test
    void itLabelsUnseenTextLikeTheExamplesItResembles() {
        TextClassifier classifier = TextClassifier.train(EXAMPLES, 1.0);

        assertThat(classifier.predict("there is a double charge on my card").label())
                .isEqualTo("BILLING");
        assertThat(classifier.predict("the app keeps crashing when I log in").label())
                .isEqualTo("TECHNICAL_SUPPORT");
        assertThat(classifier.predict("a quote for an upgrade of my plan").label())
                .isEqualTo("SALES");
        assertThat(classifier.predict("the app keeps crashing when I log in").probability())
                .isBetween(0.34, 1.0);
    }

    @Test
    void trainingIsDeterministicWhateverTheOrderOfTheExamples() {
        List<Example> reversed = new ArrayList<>(EXAMPLES);
        java.util.Collections.reverse(reversed);

        assertThat(TextClassifier.train(reversed, 0.5)).isEqualTo(TextClassifier.train(EXAMPLES, 0.5));
    }

    @Test
    void aClassifierRebuiltFromItsParametersPredictsExactlyTheSame() {
        TextClassifier trained = TextClassifier.train(EXAMPLES, 1.0);

        TextClassifier rebuilt = TextClassifier.of(trained.labels(), trained.logPriors(), trained.logLikelihoods());

        assertThat(rebuilt).isEqualTo(trained);
        assertThat(rebuilt.predict("refund my invoice")).isEqualTo(trained.predict("refund my invoice"));
    }

    @Test
    void parametersThatDoNotFitAreRefusedNamingWhatIsWrong() {
        assertThatThrownBy(() -> TextClassifier.of(List.of("A", "B"), List.of(-0.7), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 labels and 1 priors");
        assertThatThrownBy(
                        () -> TextClassifier.of(List.of("A", "B"), List.of(-0.7, -0.7), Map.of("word", List.of(-1.0))))
                .hasMessageContaining("feature 'word' must have 2 values, but had 1");
        assertThatThrownBy(() -> TextClassifier.of(List.of("A"), List.of(0.5), Map.of()))
                .hasMessageContaining("log-probabilities")
                .hasMessageContaining("0.5");
        assertThatThrownBy(() -> TextClassifier.train(List.of(), 1.0)).hasMessageContaining("at least one example");
        assertThatThrownBy(() -> TextClassifier.train(EXAMPLES, 0)).hasMessageContaining("smoothing must be positive");
    }
}
