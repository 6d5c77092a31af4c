package dev.escalation.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.core.simulation.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Abandoned conversations expire after the engine's conversation TTL, judged from the stored time of
 * the last turn: the stale request is closed without a ticket and the customer starts afresh.
 */
class ConversationExpiryTest {

    private static final Instant START = Instant.parse("2026-11-23T10:00:00Z");
    private static final String REASON = "I've been trying to resolve this for weeks and I'm frustrated!";
    private static final String DETAILS =
            "My premium was taken twice this month and nobody has refunded the duplicate payment.";

    private final InMemoryStore store = new InMemoryStore();
    private final FakeClock clock = new FakeClock(START);
    private final List<String> expiries = new ArrayList<>();
    private final EscalationEngine engine = EscalationEngine.builder()
            .languageModel(new OfflineLanguageModel())
            .conversationStore(store)
            .ticketStore(store)
            .clock(clock)
            .conversationTtl(Duration.ofHours(24))
            .listener(new EscalationListener() {
                @Override
                public void conversationExpired(String conversationId, State state, Duration idle) {
                    expiries.add(conversationId + " " + state + " " + idle);
                }
            })
            .build();

    private TurnResult say(String text) {
        return engine.handle(new CustomerMessage("c1", "u1", text));
    }

    private TurnResult awaitConfirmation() {
        say(REASON);
        TurnResult summary = say(DETAILS);
        assertThat(summary.state()).isEqualTo(State.CONFIRMATION);
        return summary;
    }

    @Test
    void aLateYesToAnExpiredSummaryCreatesNoTicketAndSaysTheRequestWasClosed() {
        awaitConfirmation();
        clock.advance(Duration.ofHours(25));

        TurnResult late = say("yes");

        assertThat(store.list()).as("tickets after a yes 25 hours late").isEmpty();
        assertThat(late.state()).isEqualTo(State.REASON);
        assertThat(late.slots()).as("the stale summary's slots are gone").isEqualTo(Slots.EMPTY);
        assertThat(late.reply())
                .startsWith("Your earlier request was closed after 24 hours without a message from you, and no"
                        + " ticket was created from it. Let's start again.");
        assertThat(expiries).containsExactly("c1 CONFIRMATION PT25H");
        Conversation stored = store.load("c1").orElseThrow();
        assertThat(stored.cycle()).as("the expired cycle is closed").isEqualTo(2);
        assertThat(stored.updatedAt()).isEqualTo(START.plus(Duration.ofHours(25)));
    }

    @Test
    void aYesExactlyAtTheTtlStillConfirms() {
        awaitConfirmation();
        clock.advance(Duration.ofHours(24));

        TurnResult confirmed = say("yes");

        assertThat(confirmed.state()).isEqualTo(State.TICKET_CREATED);
        assertThat(store.list()).hasSize(1);
        assertThat(expiries).isEmpty();
    }

    @Test
    void eachTurnRestartsTheTtlSoAnActiveConversationNeverExpires() {
        say(REASON);
        clock.advance(Duration.ofHours(20));
        say(DETAILS);
        clock.advance(Duration.ofHours(20));

        assertThat(say("yes").state()).isEqualTo(State.TICKET_CREATED);
    }

    @Test
    void afterExpiryTheFreshConversationCollectsAnewAndItsTicketHoldsOnlyTheNewProblem() {
        awaitConfirmation();
        clock.advance(Duration.ofDays(3));

        TurnResult fresh = say("My internet connection keeps dropping every few minutes since yesterday and I can't"
                + " work, please escalate this to technical support.");
        TurnResult confirmed = fresh.state().equals(State.CONFIRMATION) ? say("yes") : fresh;

        assertThat(fresh.reply()).startsWith("Your earlier request was closed after 24 hours");
        assertThat(confirmed.state()).isEqualTo(State.TICKET_CREATED);
        assertThat(store.list()).singleElement().satisfies(ticket -> {
            assertThat(ticket.department()).isEqualTo(Department.TECHNICAL_SUPPORT);
            assertThat(ticket.description()).doesNotContain("premium");
        });
    }

    @Test
    void aConversationWhoseTicketWasCreatedDoesNotExpireAndItsTicketStaysFindable() {
        awaitConfirmation();
        TurnResult created = say("yes");
        clock.advance(Duration.ofDays(30));

        TurnResult status = say("What's the status of my ticket?");

        assertThat(expiries).isEmpty();
        assertThat(status.reply())
                .doesNotContain("earlier request was closed")
                .contains(created.ticket().orElseThrow().ticketId().value());
    }

    @Test
    void aGreetingLeftUnansweredIsNotAnnouncedAsAClosedRequest() {
        say("hello");
        clock.advance(Duration.ofDays(2));

        TurnResult later = say("hello again");

        assertThat(expiries).isEmpty();
        assertThat(later.reply()).doesNotContain("earlier request");
    }

    @Test
    void theTtlMustBePositive() {
        assertThatThrownBy(() -> EscalationEngine.builder().conversationTtl(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("conversationTtl must be positive, but was PT0S");
        assertThatThrownBy(() -> EscalationEngine.builder().conversationTtl(Duration.ofMinutes(-5)))
                .hasMessage("conversationTtl must be positive, but was PT-5M");
    }
}
