package dev.escalation.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.core.Conversation;
import dev.escalation.core.ConversationTurn;
import dev.escalation.core.Department;
import dev.escalation.core.FlowDefinition;
import dev.escalation.core.Intent;
import dev.escalation.core.Interpretation;
import dev.escalation.core.PendingTurn;
import dev.escalation.core.Priority;
import dev.escalation.core.State;
import dev.escalation.core.Transition;
import dev.escalation.core.UnableToAccessStoreException;
import dev.escalation.core.UnableToStoreConversationException;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Each turn's reading is stored with it (migration 6), and transcripts are read back read-only. */
@ParameterizedClass
@EnumSource(StoreBackend.class)
class TurnReadingsTest {

    private static final Transition REASON_GIVEN = FlowDefinition.standard().transitions().stream()
            .filter(t -> t.source().equals(State.REASON) && t.event() == Intent.PROVIDE_INFO && !t.isInternal())
            .findFirst()
            .orElseThrow();

    private static final Interpretation READING = new Interpretation(
            Intent.PROVIDE_INFO,
            Department.BILLING,
            true,
            Priority.HIGH,
            false,
            "charged twice",
            true,
            false,
            "ann@example.com",
            null,
            null,
            Map.of("policy_number", "PN-1"));

    @Parameter
    StoreBackend backend;

    @TempDir
    Path dir;

    private static Conversation commitTurn(EscalationDatabase database, Conversation before, Interpretation reading) {
        Conversation next = Fixtures.nextTurn(before, REASON_GIVEN.target());
        return database.conversationStore()
                .commit(new PendingTurn(
                        next,
                        null,
                        null,
                        null,
                        ConversationTurn.of(next, "I was charged twice", REASON_GIVEN, reading)))
                .conversation();
    }

    @Test
    void aTurnsReadingIsStoredWithItAndReadBackWhole() {
        try (EscalationDatabase database = backend.newLocation(dir).open()) {
            commitTurn(database, Fixtures.newConversation("c1", "u1"), READING);

            assertThat(database.conversationStore().turns("c1"))
                    .singleElement()
                    .satisfies(turn -> assertThat(turn.recordedReading()).contains(READING));
        }
    }

    @Test
    void aTurnStoredWithoutAReadingReadsBackWithoutOne() {
        try (EscalationDatabase database = backend.newLocation(dir).open()) {
            commitTurn(database, Fixtures.newConversation("c1", "u1"), null);

            assertThat(database.conversationStore().turns("c1"))
                    .singleElement()
                    .satisfies(turn -> assertThat(turn.recordedReading()).isEmpty());
        }
    }

    @Test
    void transcriptsComeOneConversationAtATimeAndHonourTheConversationAndLimitCriteria() {
        StoreBackend.Location location = backend.newLocation(dir);
        try (EscalationDatabase database = location.open()) {
            Conversation first = commitTurn(database, Fixtures.newConversation("b-first", "u1"), READING);
            commitTurn(database, first, READING);
            commitTurn(
                    database,
                    Conversation.start("a-second", "u2", State.REASON, Fixtures.NOW.plusSeconds(60)),
                    READING);
        }
        try (EscalationDatabase database =
                EscalationDatabase.builder().jdbcUrl(location.url()).readOnly().build()) {
            assertThat(transcripts(database, TranscriptQuery.all()))
                    .containsExactly(List.of("b-first", "b-first"), List.of("a-second"));
            assertThat(transcripts(database, TranscriptQuery.all().conversation("a-second")))
                    .containsExactly(List.of("a-second"));
            assertThat(transcripts(database, TranscriptQuery.all().limit(1))).hasSize(1);
            assertThat(transcripts(database, TranscriptQuery.all().since(Fixtures.NOW.plusSeconds(3600))))
                    .isEmpty();
        }
    }

    @Test
    void aReadOnlyDatabaseRefusesAWriteAndKeepsWhatItHeld() {
        StoreBackend.Location location = backend.newLocation(dir);
        Conversation stored;
        try (EscalationDatabase database = location.open()) {
            stored = commitTurn(database, Fixtures.newConversation("c1", "u1"), READING);
        }
        try (EscalationDatabase database =
                EscalationDatabase.builder().jdbcUrl(location.url()).readOnly().build()) {
            Conversation next = Fixtures.nextTurn(stored, REASON_GIVEN.target());

            assertThatThrownBy(() -> database.conversationStore().commit(new PendingTurn(next, null, null)))
                    .isInstanceOf(UnableToStoreConversationException.class)
                    .hasMessageContaining("read");
            assertThat(database.conversationStore().turns("c1")).hasSize(1);
            assertThat(database.conversationStore().load("c1").orElseThrow().turns())
                    .isEqualTo(1);
        }
    }

    @Test
    void aReadOnlyOpenOfADatabaseLackingMigrationsSaysHowToMigrateIt() throws Exception {
        StoreBackend.Location location = backend.newLocation(dir);
        try (EscalationDatabase database = location.open()) {
            commitTurn(database, Fixtures.newConversation("c1", "u1"), READING);
        }
        try (Connection raw = location.rawConnection()) {
            raw.createStatement().executeUpdate("DELETE FROM flyway_schema_history WHERE version = '6'");
        }

        assertThatThrownBy(() -> EscalationDatabase.builder()
                        .jdbcUrl(location.url())
                        .readOnly()
                        .build())
                .isInstanceOf(UnableToAccessStoreException.class)
                .hasMessageContaining("schema version 5")
                .hasMessageContaining("open it once with another command");
    }

    private static List<List<String>> transcripts(EscalationDatabase database, TranscriptQuery query) {
        List<List<String>> ids = new ArrayList<>();
        database.conversationStore()
                .forEachTranscript(
                        query,
                        turns -> ids.add(turns.stream()
                                .map(ConversationTurn::conversationId)
                                .toList()));
        return ids;
    }
}
