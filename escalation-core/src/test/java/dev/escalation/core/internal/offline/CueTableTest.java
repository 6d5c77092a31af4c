package dev.escalation.core.internal.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CueTableTest {

    private static Map<String, Double> score(CueTable<String> table, String text) {
        return table.score(Tokens.of(text));
    }

    @Test
    void aWordMatchesAnyOfItsFormsAndTypos() {
        CueTable<String> table =
                CueTable.<String>builder(3).add("billing", 1, "charge").build();

        assertThat(score(table, "charged, charges, chargd")).containsEntry("billing", 3.0);
    }

    @Test
    void prefixesExactWordsAlternativesAndCountsMatchAsWritten() {
        CueTable<String> table = CueTable.<String>builder(1)
                .add("prefix", 1, "frustrat*")
                .add("exact", 1, "=sales")
                .add("either", 1, "log/sign in")
                .add("count", 1, "#num times")
                .build();

        assertThat(score(table, "frustrating sales, sign in three times"))
                .containsOnlyKeys("prefix", "exact", "either", "count");
        assertThat(score(table, "sale")).doesNotContainKey("exact");
    }

    @Test
    void aGapLetsWordsStandBetweenWithinOneSentence() {
        CueTable<String> table =
                CueTable.<String>builder(1).add("double", 1, "charge ... twice").build();

        assertThat(score(table, "they charged my card twice")).containsKey("double");
        assertThat(score(table, "they charged me. I paid twice")).doesNotContainKey("double");
    }

    @Test
    void longerPatternsUseUpTheirWordsFirst() {
        CueTable<String> table = CueTable.<String>builder(1)
                .add("blocked", 2, "can not log in")
                .add("where", 1, "log in")
                .build();

        assertThat(score(table, "I can't log in")).containsOnlyKeys("blocked");
    }

    @Test
    void cuesCountWhenAffirmedOnlyWhenNegatedOrAlwaysAsDeclared() {
        CueTable<String> table = CueTable.<String>builder(1)
                .add("high", 2, "urgent")
                .negated("low", 2, "urgent")
                .always("app", 1, "app")
                .build();

        assertThat(score(table, "it is urgent")).containsOnlyKeys("high");
        assertThat(score(table, "it is not urgent")).containsOnlyKeys("low");
        assertThat(score(table, "not the app")).containsOnlyKeys("app");
    }

    @Test
    void aCueCountsAtMostTheGivenNumberOfTimes() {
        CueTable<String> table =
                CueTable.<String>builder(2).add("bill", 1, "bill").build();

        assertThat(score(table, "bill bill bill bill")).containsEntry("bill", 2.0);
    }

    @Test
    void anEmptyPatternIsRefused() {
        assertThatThrownBy(() -> CueTable.<String>builder(1).add("x", 1, "  "))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
