package dev.escalation.store;

import static dev.escalation.store.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.escalation.core.Conversation;
import dev.escalation.core.ConversationTurn;
import dev.escalation.core.FlowDefinition;
import dev.escalation.core.Intent;
import dev.escalation.core.PendingTurn;
import dev.escalation.core.State;
import dev.escalation.core.Transition;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The transcript the store keeps beside each turn, and the queries the console reads it with. */
@ParameterizedClass
@EnumSource(StoreBackend.class)
class ConversationTranscriptTest {

    private static final Transition REASON_GIVEN = FlowDefinition.standard().transitions().stream()
            .filter(t -> t.source().equals(State.REASON) && t.event() == Intent.PROVIDE_INFO && !t.isInternal())
            .findFirst()
            .orElseThrow();

    @Parameter
    StoreBackend backend;

    @TempDir
    Path dir;

    private EscalationDatabase database;
    private JdbiConversationStore conversations;

    @BeforeEach
    void openDatabase() {
        database = backend.newLocation(dir).open();
        conversations = database.conversationStore();
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    private Conversation commitTurn(Conversation before, String text, Transition row) {
        Conversation next = Fixtures.nextTurn(before, row.target());
        return conversations
                .commit(new PendingTurn(next, null, null, null, ConversationTurn.of(next, text, row)))
                .conversation();
    }

    @Test
    void aTurnsEntryIsStoredWithTheTurnAndItsReplyIsAddedOnceWorded() {
        Conversation stored =
                commitTurn(Fixtures.newConversation("c1", "u1"), "I was charged <b>twice</b>", REASON_GIVEN);

        assertThat(conversations.turns("c1")).singleElement().satisfies(turn -> {
            assertThat(turn.takes(REASON_GIVEN)).isTrue();
            assertThat(turn.text()).isEqualTo("I was charged <b>twice</b>");
            assertThat(turn.reply()).isNull();
            assertThat(turn.at()).isEqualTo(stored.updatedAt());
        });

        conversations.recordReply("c1", 1, null, "What happened exactly?");

        assertThat(conversations.turns("c1"))
                .extracting(ConversationTurn::turn, ConversationTurn::reply)
                .containsExactly(tuple(1, "What happened exactly?"));
    }

    @Test
    void turnsBetweenHoldsOnlyTheTurnsOfTheWindowByConversationThenTurn() {
        Conversation first = commitTurn(Fixtures.newConversation("b", "u1"), "one", REASON_GIVEN);
        commitTurn(first, "two", REASON_GIVEN);
        commitTurn(Fixtures.newConversation("a", "u2"), "other", REASON_GIVEN);
        Instant firstTurnAt = NOW.plusSeconds(1);

        assertThat(conversations.turnsBetween(firstTurnAt, firstTurnAt.plusSeconds(1)))
                .extracting(ConversationTurn::conversationId, ConversationTurn::turn)
                .containsExactly(tuple("a", 1), tuple("b", 1));
        assertThat(conversations.turnsBetween(NOW, NOW.plusSeconds(60))).hasSize(3);
        assertThat(conversations.turnsBetween(NOW.plusSeconds(60), NOW.plusSeconds(120)))
                .isEmpty();
    }

    @Test
    void conversationsArePagedMostRecentlyActiveFirst() {
        Conversation older = commitTurn(Fixtures.newConversation("older", "u1"), "one", REASON_GIVEN);
        commitTurn(older, "two", REASON_GIVEN);
        commitTurn(Fixtures.newConversation("newer", "u2"), "x", REASON_GIVEN);

        assertThat(conversations.conversations(0, 1))
                .extracting(Conversation::conversationId)
                .containsExactly("older");
        assertThat(conversations.conversations(1, 5))
                .extracting(Conversation::conversationId)
                .containsExactly("newer");
        assertThat(conversations.conversations(2, 5)).isEmpty();
    }
}
