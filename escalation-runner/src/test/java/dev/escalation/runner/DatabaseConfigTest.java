package dev.escalation.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DatabaseConfigTest {

    @Test
    void anEmptyEnvironmentMeansTheSqliteFileAndATtlOfADay() {
        DatabaseConfig config = DatabaseConfig.fromEnvironment(Map.of());

        assertThat(config)
                .isEqualTo(
                        new DatabaseConfig(Optional.empty(), Optional.empty(), Optional.empty(), Duration.ofHours(24)));
    }

    @Test
    void aPostgresUrlWithItsCredentialsIsRead() {
        DatabaseConfig config = DatabaseConfig.fromEnvironment(Map.of(
                "ESCALATION_DATABASE_URL", "jdbc:postgresql://db:5432/escalation",
                "ESCALATION_DATABASE_USER", "agent",
                "ESCALATION_DATABASE_PASSWORD", "s3cret"));

        assertThat(config.url()).contains("jdbc:postgresql://db:5432/escalation");
        assertThat(config.user()).contains("agent");
        assertThat(config.password()).contains("s3cret");
    }

    @Test
    void thePasswordNeverAppearsInTheTextOfTheSettings() {
        DatabaseConfig config = DatabaseConfig.fromEnvironment(Map.of(
                "ESCALATION_DATABASE_URL", "jdbc:postgresql://db/escalation?user=agent&password=in-url",
                "ESCALATION_DATABASE_PASSWORD", "s3cret"));

        assertThat(config.toString())
                .contains("jdbc:postgresql://db/escalation", "password=(set)")
                .doesNotContain("s3cret", "in-url");
        assertThat(config.displayUrl()).contains("jdbc:postgresql://db/escalation");
    }

    @Test
    void aUrlOfAnotherDatabaseIsRefusedNamingTheVariableButNotItsParameters() {
        assertThatThrownBy(() -> DatabaseConfig.fromEnvironment(
                        Map.of("ESCALATION_DATABASE_URL", "jdbc:mysql://db/escalation?password=hunter2")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage(
                        "ESCALATION_DATABASE_URL must be a jdbc:postgresql://host:port/database URL (the SQLite file is"
                                + " set by ESCALATION_TICKET_DATABASE_PATH), but was 'jdbc:mysql://db/escalation'");
    }

    @Test
    void theTtlTakesIsoDurationsAndShortForms() {
        Map<String, Duration> forms = Map.of(
                "PT24H", Duration.ofHours(24),
                "P2D", Duration.ofDays(2),
                "24h", Duration.ofHours(24),
                "30m", Duration.ofMinutes(30),
                "45 min", Duration.ofMinutes(45),
                "90s", Duration.ofSeconds(90),
                "2d", Duration.ofDays(2),
                " 12H ", Duration.ofHours(12));
        forms.forEach((text, expected) -> assertThat(
                        DatabaseConfig.fromEnvironment(Map.of("ESCALATION_CONVERSATION_TTL", text))
                                .conversationTtl())
                .as(text)
                .isEqualTo(expected));
    }

    @Test
    void aTtlThatIsNoDurationIsRefusedNamingTheVariableAndTheValue() {
        assertThatThrownBy(() -> DatabaseConfig.fromEnvironment(Map.of("ESCALATION_CONVERSATION_TTL", "a day")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage(
                        "ESCALATION_CONVERSATION_TTL must be a duration such as 24h, 30m, 2d or PT24H, but was 'a day'");
        assertThatThrownBy(() -> DatabaseConfig.fromEnvironment(Map.of("ESCALATION_CONVERSATION_TTL", "24")))
                .hasMessageContaining("but was '24'");
    }

    @Test
    void aTtlOfZeroOrLessIsRefused() {
        assertThatThrownBy(() -> DatabaseConfig.fromEnvironment(Map.of("ESCALATION_CONVERSATION_TTL", "0h")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("ESCALATION_CONVERSATION_TTL must be longer than zero, but was '0h'");
        assertThatThrownBy(() -> DatabaseConfig.fromEnvironment(Map.of("ESCALATION_CONVERSATION_TTL", "PT-1H")))
                .hasMessage("ESCALATION_CONVERSATION_TTL must be longer than zero, but was 'PT-1H'");
    }
}
