package dev.escalation.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.Conversation;
import dev.escalation.core.CustomerMessage;
import dev.escalation.core.EscalationEngine;
import dev.escalation.core.OfflineLanguageModel;
import dev.escalation.core.State;
import dev.escalation.core.TurnResult;
import dev.escalation.core.simulation.FakeClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Conversation expiry is decided from the last-activity time stored in the database, so a restart
 * (the database closed and opened again by a new engine) neither forgets nor revives it.
 */
@ParameterizedClass
@EnumSource(StoreBackend.class)
class ConversationExpiryOnDatabaseTest {

    private static final Instant START = Instant.parse("2026-11-23T10:00:00Z");

    @Parameter
    StoreBackend backend;

    @TempDir
    Path dir;

    private final FakeClock clock = new FakeClock(START);
    private StoreBackend.Location location;

    @BeforeEach
    void awaitConfirmationThenStop() {
        location = backend.newLocation(dir);
        try (EscalationDatabase database = location.open(clock)) {
            EscalationEngine engine = engine(database);
            engine.handle(
                    new CustomerMessage("c1", "u1", "I've been trying to resolve this for weeks and I'm frustrated!"));
            TurnResult summary = engine.handle(new CustomerMessage(
                    "c1",
                    "u1",
                    "My premium was taken twice this month and nobody has refunded the duplicate payment."));
            assertThat(summary.state()).isEqualTo(State.CONFIRMATION);
        }
    }

    private EscalationEngine engine(EscalationDatabase database) {
        return EscalationEngine.builder()
                .languageModel(new OfflineLanguageModel())
                .clock(clock)
                .conversationTtl(Duration.ofHours(24))
                .conversationStore(database.conversationStore())
                .ticketStore(database.ticketStore())
                .build();
    }

    @Test
    void aYesAfterARestartWithinTheTtlCreatesTheTicket() {
        clock.advance(Duration.ofHours(23));

        try (EscalationDatabase restarted = location.open(clock)) {
            TurnResult confirmed = engine(restarted).handle(new CustomerMessage("c1", "u1", "yes"));

            assertThat(confirmed.state()).isEqualTo(State.TICKET_CREATED);
            assertThat(restarted.ticketStore().listForCustomer("u1")).hasSize(1);
        }
    }

    @Test
    void aYesAfterARestartPastTheTtlCreatesNoTicketAndTheExpiryOutlivesTheNextRestart() {
        clock.advance(Duration.ofHours(25));
        try (EscalationDatabase restarted = location.open(clock)) {
            TurnResult late = engine(restarted).handle(new CustomerMessage("c1", "u1", "yes"));

            assertThat(late.reply()).startsWith("Your earlier request was closed after 24 hours");
            assertThat(late.state()).isEqualTo(State.REASON);
            assertThat(restarted.ticketStore().list()).isEmpty();
        }

        clock.advance(Duration.ofMinutes(5));
        try (EscalationDatabase again = location.open(clock)) {
            Conversation stored = again.conversationStore().load("c1").orElseThrow();
            TurnResult yesAgain = engine(again).handle(new CustomerMessage("c1", "u1", "yes"));

            assertThat(stored.cycle()).as("the closed cycle stays closed").isEqualTo(2);
            assertThat(stored.updatedAt()).isEqualTo(START.plus(Duration.ofHours(25)));
            assertThat(yesAgain.reply()).doesNotContain("earlier request was closed");
            assertThat(yesAgain.state()).isEqualTo(State.REASON);
            assertThat(again.ticketStore().list())
                    .as("tickets after two late yeses")
                    .isEmpty();
        }
    }
}
