package dev.escalation.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimesTest {

    @Test
    void everyInstantRoundTripsToTheNanosecond() {
        for (Instant instant : List.of(
                Instant.EPOCH,
                Instant.parse("2025-03-01T10:15:30.123456789Z"),
                Instant.parse("2025-03-01T10:15:30Z"),
                Instant.parse("1999-12-31T23:59:59.999Z"))) {
            assertThat(Times.parse(Times.format(instant))).isEqualTo(instant);
        }
    }

    @Test
    void textOrderIsTimeOrderBecauseTheWidthIsFixed() {
        List<Instant> instants = List.of(
                Instant.parse("2025-03-01T10:15:30Z"),
                Instant.parse("2025-03-01T10:15:30.5Z"),
                Instant.parse("2025-03-01T10:15:30.000000001Z"),
                Instant.parse("2025-03-01T10:15:29.999999999Z"));

        List<String> texts = instants.stream().map(Times::format).toList();

        assertThat(texts).allSatisfy(text -> assertThat(text).hasSize("2025-03-01T10:15:30.000000000Z".length()));
        assertThat(texts.stream().sorted().map(Times::parse).toList())
                .isEqualTo(instants.stream().sorted(Comparator.naturalOrder()).toList());
    }

    @Test
    void theTextIsTheFixedWidthIsoFormWithNineFractionDigits() {
        assertThat(Times.format(Instant.EPOCH)).isEqualTo("1970-01-01T00:00:00.000000000Z");
        assertThat(Times.format(Instant.parse("2026-12-04T09:05:03.000120Z")))
                .isEqualTo("2026-12-04T09:05:03.000120000Z");
        assertThat(Times.format(Instant.parse("0001-01-01T00:00:00Z"))).isEqualTo("0001-01-01T00:00:00.000000000Z");
        assertThat(Times.format(Instant.parse("+10000-01-01T00:00:00Z")))
                .as("a year of five digits, as the formatter writes it")
                .isEqualTo("+10000-01-01T00:00:00.000000000Z");
    }

    @Test
    void textThatIsNotATimeIsRefusedNamingIt() {
        assertThatThrownBy(() -> Times.parse("yesterday"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'yesterday'");
    }
}
