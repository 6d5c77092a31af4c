package dev.escalation.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.core.ConversationTurn;
import dev.escalation.core.CustomerMessage;
import dev.escalation.core.EscalationEngine;
import dev.escalation.core.EscalationListener;
import dev.escalation.core.OfflineLanguageModel;
import dev.escalation.core.StoreCall;
import dev.escalation.core.StoredReply;
import dev.escalation.core.TurnResult;
import dev.escalation.core.UnableToStoreConversationException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A turn whose reply is worded at once (the offline model) is one write transaction on a real SQLite
 * file: the conversation, its transcript entry with the reply, and the processed message with the reply
 * are committed together, and no word of the reply is shown before that commit.
 */
class TurnCommitOnSqliteTest {

    private static final String OPENING = "I was charged twice for my subscription this month.";

    @TempDir
    Path dir;

    private final List<String> storeOperations = new CopyOnWriteArrayList<>();

    private EscalationEngine engine(EscalationDatabase database) {
        return EscalationEngine.builder()
                .languageModel(new OfflineLanguageModel())
                .conversationStore(database.conversationStore())
                .ticketStore(database.ticketStore())
                .listener(new EscalationListener() {
                    @Override
                    public void storeCalled(String conversationId, StoreCall call) {
                        storeOperations.add(call.operation());
                    }
                })
                .build();
    }

    @Test
    void aTurnWordedAtOnceIsCommittedOnceWithItsReply() {
        try (EscalationDatabase database = EscalationDatabase.openSqlite(dir.resolve("tickets.db"))) {
            EscalationEngine engine = engine(database);

            TurnResult result = engine.handle(new CustomerMessage("c1", "u1", OPENING, "m1"));

            assertThat(storeOperations)
                    .as("the store calls of the turn")
                    .containsExactly("load_conversation", "find_processed", "commit_turn");
            List<ConversationTurn> transcript = database.conversationStore().turns("c1");
            assertThat(transcript)
                    .singleElement()
                    .satisfies(entry -> assertThat(entry.reply()).isEqualTo(result.reply()));
            assertThat(database.conversationStore().findProcessed("c1", "m1"))
                    .map(StoredReply::reply)
                    .contains(result.reply());
        }
    }

    @Test
    void aTurnWhoseCommitFailsShowsNoWordAndStoresNothing() throws SQLException {
        Path file = dir.resolve("tickets.db");
        try (EscalationDatabase database = EscalationDatabase.openSqlite(file)) {
            EscalationEngine engine = engine(database);
            TurnResult first = engine.handle(new CustomerMessage("c1", "u1", OPENING, "m1"));
            refuseTranscriptRows(file);
            StringBuilder shown = new StringBuilder();

            assertThatThrownBy(() -> engine.handle(
                            new CustomerMessage("c1", "u1", "It started on the 3rd of March.", "m2"), shown::append))
                    .isInstanceOf(UnableToStoreConversationException.class);

            assertThat(shown).as("what the customer saw of the failed turn").isEmpty();
            assertThat(database.conversationStore().load("c1").orElseThrow().turns())
                    .isEqualTo(1);
            assertThat(database.conversationStore().findProcessed("c1", "m2")).isEmpty();
            assertThat(database.conversationStore().load("c1").orElseThrow().state())
                    .isEqualTo(first.state());
        }
    }

    // A real failure of the database inside the turn's transaction, after the conversation row was written.
    private static void refuseTranscriptRows(Path file) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TRIGGER refuse_turns BEFORE INSERT ON conversation_turns"
                    + " BEGIN SELECT RAISE(ABORT, 'transcript refused'); END");
        }
    }
}
