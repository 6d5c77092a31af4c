package dev.escalation.core.handover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.core.Department;
import dev.escalation.core.EscalationEngine;
import dev.escalation.core.InMemoryStore;
import dev.escalation.core.OfflineLanguageModel;
import dev.escalation.core.State;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HandoverTest {

    private final InMemoryStore store = new InMemoryStore();
    private final EscalationEngine engine = EscalationEngine.builder()
            .languageModel(new OfflineLanguageModel())
            .conversationStore(store)
            .ticketStore(store)
            .build();
    private final Handover handover = new Handover(engine);

    private static final List<TranscriptMessage> TRANSCRIPT = List.of(
            TranscriptMessage.customer("I've been trying to resolve this for weeks and I'm frustrated!"),
            TranscriptMessage.agent("I'm sorry to hear that. What happened?"),
            TranscriptMessage.customer("My car insurance premium has been taken twice every month since March. I've"
                    + " called four times, and each time someone promises a refund, but nothing ever shows up on my bank"
                    + " statement. I just want the duplicate payments returned."),
            TranscriptMessage.agent("I cannot issue refunds; let me hand you over."));

    @Test
    void aTranscriptThatSaysWhyAndWhatFillsTheSlotsSoTheAgentAsksOnlyForConfirmation() {
        HandoverReply reply = handover.start("chat-1", "customer-1", TRANSCRIPT);

        assertThat(reply.state()).isEqualTo(State.CONFIRMATION);
        assertThat(reply.finished()).isFalse();
        assertThat(reply.ticketId()).isEmpty();
        assertThat(reply.reply()).contains(Department.BILLING.displayName());
    }

    @Test
    void forwardingTheCustomersYesCreatesTheTicketAndEndsTheHandover() {
        handover.start("chat-2", "customer-2", TRANSCRIPT);
        List<String> chunks = new ArrayList<>();

        HandoverReply reply = handover.forward("chat-2", "customer-2", "Yes, please create the ticket.", chunks::add);

        assertThat(reply.state()).isEqualTo(State.TICKET_CREATED);
        assertThat(reply.finished()).isTrue();
        assertThat(reply.ticketId())
                .hasValueSatisfying(id -> assertThat(reply.reply()).contains(id));
        assertThat(String.join("", chunks)).isEqualTo(reply.reply());
        assertThat(store.find(reply.ticket().ticketId())).isPresent();
    }

    @Test
    void aTranscriptWithoutACustomerMessageIsRefusedNamingHowManyMessagesItHad() {
        assertThatThrownBy(() -> handover.start(
                        "chat-3",
                        "customer-3",
                        List.of(TranscriptMessage.agent("Hello"), TranscriptMessage.customer("  "))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 messages");
    }

    @Test
    void theOldestCustomerMessagesAreLeftOutWhenTheTranscriptIsTooLong() {
        String account = Handover.customerAccount(
                List.of(
                        TranscriptMessage.customer("first message"),
                        TranscriptMessage.customer("second"),
                        TranscriptMessage.customer("third")),
                15);

        assertThat(account).isEqualTo("second\n\nthird");
    }

    @Test
    void aSingleCustomerMessageLongerThanTheBoundIsCutToIt() {
        assertThat(Handover.customerAccount(List.of(TranscriptMessage.customer("abcdefghij")), 4))
                .isEqualTo("abcd");
    }
}
