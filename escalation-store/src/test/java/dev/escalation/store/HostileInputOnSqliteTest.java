package dev.escalation.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.Conversation;
import dev.escalation.core.CustomerMessage;
import dev.escalation.core.EscalationEngine;
import dev.escalation.core.OfflineLanguageModel;
import dev.escalation.core.State;
import dev.escalation.core.TurnResult;
import dev.escalation.core.simulation.HostileMessage;
import dev.escalation.core.simulation.HostileSuite;
import dev.escalation.core.simulation.ObedientModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The messages of the adversarial suite ({@code hostile/messages.jsonl}, see {@link HostileSuite}) whose
 * handling touches the database, on a real SQLite file, with the offline model and with a model that obeys every message: SQL in the text stays data,
 * control characters and broken surrogates store and read back, and refused messages write nothing.
 */
class HostileInputOnSqliteTest {

    @TempDir
    Path dir;

    private final List<EscalationDatabase> opened = new ArrayList<>();
    private final AtomicInteger files = new AtomicInteger();

    // Where the database matters: text that reaches SQL, odd characters stored and read back, refusals.
    // The injection and look-up cases are the engine's and run on the in-memory store in the core.
    private static final Set<String> STORED = Set.of(
            "sql",
            "markup",
            "control_chars",
            "zero_width",
            "rtl_override",
            "invalid_surrogate",
            "oversize",
            "empty",
            "foreign_ticket");

    static List<HostileMessage> messages() {
        return HostileMessage.all().stream()
                .filter(m -> STORED.contains(m.category()))
                .toList();
    }

    private HostileSuite.Stores sqlite() {
        EscalationDatabase database =
                EscalationDatabase.openSqlite(dir.resolve("hostile-" + files.incrementAndGet() + ".db"));
        opened.add(database);
        return new HostileSuite.Stores(database.conversationStore(), database.ticketStore());
    }

    @AfterEach
    void close() {
        opened.forEach(EscalationDatabase::close);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void theOfflineModelKeepsEveryGuaranteeOnSqlite(HostileMessage message) {
        HostileSuite.check(
                message,
                this::sqlite,
                (world, m) -> EscalationEngine.builder().languageModel(new OfflineLanguageModel()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void anObedientModelBreaksNoGuaranteeOnSqlite(HostileMessage message) {
        HostileSuite.check(
                message,
                this::sqlite,
                (world, m) -> EscalationEngine.builder()
                        .languageModel(new ObedientModel(m, world.victimTicket(), world.ownTicket())));
    }

    @Test
    void aMessageAtTheLimitIsTakenAndOneCharacterMoreIsRefusedWithNothingStored() {
        try (EscalationDatabase database = EscalationDatabase.openSqlite(dir.resolve("limit.db"))) {
            EscalationEngine engine = EscalationEngine.builder()
                    .maxMessageLength(200)
                    .conversationStore(database.conversationStore())
                    .ticketStore(database.ticketStore())
                    .build();
            String problem = "I was charged twice for my premium this month and nobody answers my emails. ";
            engine.handle(new CustomerMessage("c-1", "u-1", problem, "m-1"));
            Conversation before = database.conversationStore().load("c-1").orElseThrow();

            TurnResult over = engine.handle(new CustomerMessage("c-1", "u-1", "x".repeat(201), "m-2"));

            assertThat(over.reply()).contains("201 characters").contains("the limit is 200");
            assertThat(over.state()).isEqualTo(before.state());
            assertThat(database.conversationStore().load("c-1")).contains(before);
            assertThat(database.conversationStore().findProcessed("c-1", "m-2")).isEmpty();
            assertThat(database.ticketStore().list()).isEmpty();

            String atLimit = ("yes " + problem).repeat(3).substring(0, 200);
            TurnResult taken = engine.handle(new CustomerMessage("c-1", "u-1", atLimit, "m-3"));

            assertThat(taken.reply()).doesNotContain("limit");
            assertThat(taken.turn()).isEqualTo(before.turns() + 1);
            assertThat(database.conversationStore().findProcessed("c-1", "m-3")).isPresent();
            assertThat(taken.state()).isEqualTo(State.TICKET_CREATED);
            assertThat(database.ticketStore().list()).hasSize(1);
        }
    }
}
