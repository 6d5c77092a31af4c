package dev.escalation.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A message delivered twice has its effect once: the engine on the in-memory store. */
class RedeliveryTest {

    private final InMemoryStore store = new InMemoryStore();
    private final EscalationEngine engine = EscalationEngine.builder()
            .languageModel(new OfflineLanguageModel())
            .conversationStore(store)
            .ticketStore(store)
            .build();

    private TurnResult send(String messageId, String text) {
        return engine.handle(new CustomerMessage("c1", "u1", text, messageId));
    }

    @Test
    void aRedeliveredConfirmationCreatesNoSecondTicketAndGetsTheSameReply() {
        send("m1", "I've been trying to resolve this for weeks and I'm frustrated!");
        send("m2", "My premium was taken twice this month and nobody has refunded the duplicate payment.");
        TurnResult confirmed = send("m3", "yes");
        StringBuilder streamed = new StringBuilder();

        TurnResult again = engine.handle(new CustomerMessage("c1", "u1", "yes", "m3"), streamed::append);

        assertThat(confirmed.state()).isEqualTo(State.TICKET_CREATED);
        assertThat(store.listForCustomer("u1")).hasSize(1);
        assertThat(again.reply()).isEqualTo(confirmed.reply());
        assertThat(streamed.toString()).isEqualTo(confirmed.reply());
        assertThat(again.turn()).isEqualTo(3);
        assertThat(again.ticket()).isEqualTo(confirmed.ticket());
        assertThat(store.load("c1").orElseThrow().turns()).isEqualTo(3);
    }

    @Test
    void aRedeliveredOlderMessageChangesNothingAndTheConversationGoesOn() {
        TurnResult first = send("m1", "I've been trying to resolve this for weeks and I'm frustrated!");
        send("m2", "My premium was taken twice this month and nobody has refunded the duplicate payment.");

        TurnResult again = send("m1", "I've been trying to resolve this for weeks and I'm frustrated!");
        TurnResult confirmed = send("m3", "yes");

        assertThat(again.reply()).isEqualTo(first.reply());
        assertThat(again.turn()).isEqualTo(1);
        assertThat(confirmed.turn()).isEqualTo(3);
        assertThat(confirmed.state()).isEqualTo(State.TICKET_CREATED);
    }

    @Test
    void theSameMessageIdInAnotherConversationIsADifferentMessage() {
        engine.handle(new CustomerMessage("c1", "u1", "I was charged twice", "m1"));
        TurnResult other = engine.handle(new CustomerMessage("c2", "u2", "I was charged twice", "m1"));

        assertThat(other.turn()).isEqualTo(1);
        assertThat(store.load("c2")).isPresent();
    }

    @Test
    void messagesWithoutAnIdAreNeverTakenForRedeliveries() {
        TurnResult first = send(null, "I was charged twice");
        TurnResult second = send(null, "I was charged twice");

        assertThat(List.of(first.turn(), second.turn())).containsExactly(1, 2);
    }

    @Test
    void aReplyLostBeforeItWasRecordedIsWordedAgainFromTheStoredTurn() {
        send("m1", "I've been trying to resolve this for weeks and I'm frustrated!");
        send("m2", "My premium was taken twice this month and nobody has refunded the duplicate payment.");
        Conversation before = store.load("c1").orElseThrow();
        Ticket ticket = new Ticket(
                TicketId.of("TK-ABCDEFGH"),
                "u1",
                "c1",
                "charged twice",
                Department.BILLING,
                Priority.HIGH,
                TicketStatus.OPEN,
                before.updatedAt(),
                before.updatedAt());
        Conversation next = new Conversation(
                "c1",
                "u1",
                State.TICKET_CREATED,
                before.slots(),
                Question.NONE,
                before.cycle(),
                ticket.ticketId(),
                ticket.ticketId(),
                before.turns() + 1,
                before.version(),
                before.createdAt(),
                before.updatedAt());
        store.commit(new PendingTurn(next, ticket, null, "m3"));

        TurnResult again = send("m3", "yes");

        assertThat(again.reply()).contains("TK-ABCDEFGH");
        assertThat(store.findProcessed("c1", "m3"))
                .get()
                .extracting(StoredReply::reply)
                .isEqualTo(again.reply());
        assertThat(store.listForCustomer("u1")).hasSize(1);
    }
}
