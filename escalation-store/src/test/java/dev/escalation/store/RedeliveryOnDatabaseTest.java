package dev.escalation.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.CustomerMessage;
import dev.escalation.core.EscalationEngine;
import dev.escalation.core.OfflineLanguageModel;
import dev.escalation.core.State;
import dev.escalation.core.StoredReply;
import dev.escalation.core.TurnResult;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** A message delivered twice has its effect once: the engine on a real database, across a restart. */
@ParameterizedClass
@EnumSource(StoreBackend.class)
class RedeliveryOnDatabaseTest {

    @Parameter
    StoreBackend backend;

    @TempDir
    Path dir;

    private static EscalationEngine engine(EscalationDatabase database) {
        return EscalationEngine.builder()
                .languageModel(new OfflineLanguageModel())
                .conversationStore(database.conversationStore())
                .ticketStore(database.ticketStore())
                .build();
    }

    @Test
    void aConfirmationRedeliveredAfterARestartCreatesNoSecondTicketAndGetsTheStoredReply() {
        StoreBackend.Location location = backend.newLocation(dir);
        TurnResult confirmed;
        try (EscalationDatabase database = location.open()) {
            EscalationEngine engine = engine(database);
            engine.handle(new CustomerMessage(
                    "c1", "u1", "I've been trying to resolve this for weeks and I'm frustrated!", "m1"));
            engine.handle(new CustomerMessage(
                    "c1",
                    "u1",
                    "My premium was taken twice this month and nobody has refunded the duplicate payment.",
                    "m2"));
            confirmed = engine.handle(new CustomerMessage("c1", "u1", "yes", "m3"));
        }

        try (EscalationDatabase reopened = location.open()) {
            StringBuilder streamed = new StringBuilder();
            TurnResult again = engine(reopened).handle(new CustomerMessage("c1", "u1", "yes", "m3"), streamed::append);

            assertThat(confirmed.state()).isEqualTo(State.TICKET_CREATED);
            assertThat(reopened.ticketStore().listForCustomer("u1")).hasSize(1);
            assertThat(again.reply()).isEqualTo(confirmed.reply());
            assertThat(streamed.toString()).isEqualTo(confirmed.reply());
            assertThat(again.ticket()).isEqualTo(confirmed.ticket());
            assertThat(reopened.conversationStore().load("c1").orElseThrow().turns())
                    .isEqualTo(3);
        }
    }

    @Test
    void theProcessedMessageIsStoredWithItsTurnStateTicketAndReply() {
        try (EscalationDatabase database = backend.newLocation(dir).open()) {
            TurnResult first = engine(database).handle(new CustomerMessage("c1", "u1", "I was charged twice", "m1"));

            assertThat(database.conversationStore().findProcessed("c1", "m1"))
                    .get()
                    .isEqualTo(new StoredReply("c1", "m1", 1, first.state(), null, first.reply()));
            assertThat(database.conversationStore().findProcessed("c1", "m2")).isEmpty();
        }
    }
}
