package dev.escalation.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * No question whose answer the customer already gave, and no question repeated word for word: an
 * answer that does not give what was asked gets the question in other words, saying what is missing,
 * on the standard flow and on the bank example flow, with the built-in offline model.
 */
class FlowWordingTest {

    private static final FlowDefinition BANK = FlowDefinition.load(Path.of("../flows/bank.yaml"));

    private final InMemoryStore store = new InMemoryStore();

    private EscalationEngine engine(FlowDefinition flow) {
        return EscalationEngine.builder()
                .flow(flow)
                .conversationStore(store)
                .ticketStore(store)
                .build();
    }

    private static List<TurnResult> play(EscalationEngine engine, String... messages) {
        return java.util.Arrays.stream(messages)
                .map(text -> engine.handle(new CustomerMessage("c-1", "u-1", text)))
                .toList();
    }

    @Test
    void aReasonThatSaysNothingIsAskedForAgainInOtherWordsOnTheStandardFlow() {
        List<TurnResult> turns = play(
                engine(FlowDefinition.standard()),
                "I want to escalate a problem.",
                "hmm ok",
                "My invoice shows a charge twice for the same order, can you refund one of them?");

        assertThat(turns.get(0).state()).isEqualTo(State.REASON);
        assertThat(turns.get(1).state()).isEqualTo(State.REASON);
        assertThat(turns.get(1).reply())
                .isNotEqualTo(turns.get(0).reply())
                .isEqualTo(
                        "Sorry, I couldn't tell from \"hmm ok\" what went wrong. In a sentence or two, what is the problem"
                                + " you would like a team to look at?");
        assertThat(turns.get(2).state()).isNotEqualTo(State.REASON);
    }

    @Test
    void aDetailsAnswerWithoutADescriptionSaysWhatIsMissingOnTheStandardFlow() {
        List<TurnResult> turns =
                play(engine(FlowDefinition.standard()), "I want to escalate an issue with my bill please.", "12345678");

        assertThat(turns.get(0).state()).isEqualTo(State.DETAILS);
        assertThat(turns.get(1).state()).isEqualTo(State.DETAILS);
        assertThat(turns.get(1).reply())
                .isNotEqualTo(turns.get(0).reply())
                .startsWith("Thanks, but \"12345678\" doesn't describe the problem yet.");
        // The standard flow has no slot for a bare number, so it stays in the description: it may be a
        // reference the team needs.
        assertThat(turns.get(1).slots().description()).endsWith("12345678");
    }

    @Test
    void anAmountTheCustomerAlreadyGaveIsNotAskedForOnTheBankFlow() {
        List<TurnResult> turns = play(
                engine(BANK),
                "There is a payment of 250 euros on my account that I don't recognise, please escalate.",
                "Yesterday 250 euros went to a shop in Madrid I have never been to. I did not make this payment.",
                "12345678",
                "yes");

        assertThat(turns).extracting(TurnResult::reply).noneMatch(reply -> reply.contains("How much"));
        assertThat(turns.get(1).state()).isEqualTo(State.of("VERIFY_IDENTITY"));
        Ticket ticket = turns.get(3).ticket().orElseThrow();
        assertThat(ticket.fields()).containsEntry("payment_amount", "250").containsEntry("account_number", "12345678");
        assertThat(ticket.priority()).isEqualTo(Priority.CRITICAL);
    }

    @Test
    void anAccountNumberGivenForTheAmountIsKeptAsTheAccountNumberAndTheAmountAskedForAgain() {
        List<TurnResult> turns = play(
                engine(BANK),
                "There is a payment on my account that I do not recognise, please escalate.",
                "It went to an online shop yesterday, I never bought anything there and did not make this payment.",
                "12345678",
                "it was 89.90 euros");

        assertThat(turns.get(1).state()).isEqualTo(State.of("FRAUD_CHECK"));
        assertThat(turns.get(2).state()).isEqualTo(State.of("FRAUD_CHECK"));
        assertThat(turns.get(2).slots().extra())
                .containsEntry("account_number", "12345678")
                .doesNotContainKey("payment_amount");
        assertThat(turns.get(2).reply())
                .isEqualTo("I've noted your account number. Sorry, \"12345678\" doesn't look like"
                        + " the amount of the payment you do not recognise. Could you give it again?");
        assertThat(turns.get(3).state()).isEqualTo(State.CONFIRMATION);
        assertThat(turns.get(3).slots().extra()).containsEntry("payment_amount", "89.90");
    }

    @Test
    void aNumberAloneForTheDetailsOnTheBankFlowFillsTheAccountNumberAndAsksForTheDescriptionInOtherWords() {
        List<TurnResult> turns = play(
                engine(BANK),
                "I want to escalate a problem with my card.",
                "12345678",
                "My card was declined at three shops today although there is money on the account.");

        assertThat(turns.get(1).state()).isEqualTo(State.DETAILS);
        assertThat(turns.get(1).reply())
                .isNotEqualTo(turns.get(0).reply())
                .startsWith(
                        "I've noted your account number. Thanks, but \"12345678\" doesn't describe the problem yet.");
        assertThat(turns.get(1).slots().description()).isEqualTo("I want to escalate a problem with my card.");
        assertThat(turns.get(2).state()).isEqualTo(State.CONFIRMATION);
    }

    @Test
    void aStatusQuestionInTheMiddleIsAnsweredWithoutBeingTakenForAnUnclearAnswer() {
        EscalationEngine engine = engine(FlowDefinition.standard());
        List<TurnResult> turns =
                play(engine, "I want to escalate an issue with my bill please.", "what's the status of my ticket?");

        assertThat(turns.get(1).reply()).doesNotContain("doesn't describe the problem");
    }
}
