package dev.escalation.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.CustomerMessage;
import dev.escalation.core.DepartmentSpec;
import dev.escalation.core.EscalationEngine;
import dev.escalation.core.FlowDefinition;
import dev.escalation.core.OfflineLanguageModel;
import dev.escalation.core.SlotSpec;
import dev.escalation.core.State;
import dev.escalation.core.StateSpec;
import dev.escalation.core.TurnResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's "Use it as a library" code compiles, runs, and is the code the README shows. */
class LibraryExampleTest {

    @TempDir
    Path dir;

    // README:flow-file
    static TurnResult escalate(Path flowFile, Path databaseFile) {
        FlowDefinition flow = FlowDefinition.load(flowFile); // or FlowDefinition.standard()
        try (EscalationDatabase database = EscalationDatabase.openSqlite(databaseFile)) {
            EscalationEngine engine = EscalationEngine.builder()
                    .flow(flow)
                    .languageModel(new OfflineLanguageModel()) // or an OpenAiCompatibleModel
                    .conversationStore(database.conversationStore())
                    .ticketStore(database.ticketStore())
                    .build();
            TurnResult result = null;
            for (String text : List.of(
                    "My card was blocked at the shop and I need this escalated today!",
                    "Since Monday my card is declined everywhere, the ATM kept it and nobody at the branch helps.",
                    "12345678",
                    "yes")) {
                result = engine.handle(new CustomerMessage("conversation-1", "customer-1", text));
            }
            return result; // result.ticket(): department Cards, fields {account_number=12345678}
        }
    }
    // README:end

    // README:builder
    static FlowDefinition insuranceFlow() {
        return FlowDefinition.builder() // starts from the standard flow
                .name("insurance")
                .withoutDepartments()
                .department(DepartmentSpec.of("Claims", "accidents, damage, claims in progress")
                        .cues(2.5, "claim*", "accident", "damage*"))
                .department(DepartmentSpec.of("Policies", "cover, renewals, policy changes")
                        .cues(2.5, "polic*", "renew*", "cover"))
                .slot(SlotSpec.pattern("policy_number", "^[A-Z][0-9]{5}$")
                        .asRequired()
                        .describedAs("the policy number, a capital letter and five digits")
                        .askedAs("What is your policy number (a letter and five digits)?"))
                .stateBefore(
                        "CONFIRMATION",
                        StateSpec.collect("POLICY", "policy_number").pending("needs policy"))
                .ticketField("policy_number")
                .build(); // verified: reachability, events, safe ticket creation, slot coverage
    }
    // README:end

    @Test
    void theFlowFileExampleCreatesATicketWithTheFlowsOwnField() {
        TurnResult result = escalate(Path.of("../flows/bank.yaml"), dir.resolve("tickets.db"));

        assertThat(result.state()).isEqualTo(State.TICKET_CREATED);
        assertThat(result.ticket()).get().satisfies(ticket -> {
            assertThat(ticket.department().displayName()).isEqualTo("Cards");
            assertThat(ticket.fields()).containsEntry("account_number", "12345678");
        });
    }

    @Test
    void theBuilderExampleAsksForThePolicyNumberBeforeTheSummary() {
        FlowDefinition flow = insuranceFlow();
        try (EscalationDatabase database = EscalationDatabase.openSqlite(dir.resolve("insurance.db"))) {
            EscalationEngine engine = EscalationEngine.builder()
                    .flow(flow)
                    .conversationStore(database.conversationStore())
                    .ticketStore(database.ticketStore())
                    .build();
            engine.handle(
                    new CustomerMessage("c1", "u1", "I had a car accident and my claim is stuck, please escalate!"));
            TurnResult asked = engine.handle(
                    new CustomerMessage(
                            "c1",
                            "u1",
                            "The accident was in March, the damage report was sent twice and nobody replied to my claim since."));
            TurnResult summary = engine.handle(new CustomerMessage("c1", "u1", "It is K12345"));

            assertThat(asked.state()).isEqualTo(State.of("POLICY"));
            assertThat(asked.reply()).contains("policy number");
            assertThat(summary.state()).isEqualTo(State.CONFIRMATION);
            assertThat(summary.reply()).contains("Department: Claims").contains("Policy number: K12345");
        }
    }

    @Test
    void theReadmeShowsExactlyThisCode() throws Exception {
        String readme = Files.readString(Path.of("../README.md"));
        String source = Files.readString(Path.of("src/test/java/dev/escalation/store/LibraryExampleTest.java"));

        for (String marker : List.of("// README:flow-file", "// README:builder")) {
            int start = source.indexOf(marker) + marker.length() + 1;
            String block = source.substring(start, source.indexOf("  // README:end", start))
                    .stripTrailing();
            // The README shows the code without the class's indentation, whatever the formatter makes it.
            String shown = block.stripIndent();
            assertThat(readme).as("README.md shows the code after " + marker).contains(shown);
        }
    }
}
