package dev.escalation.runner.internal.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.ConversationTurn;
import dev.escalation.core.FlowAction;
import dev.escalation.core.FlowDefinition;
import dev.escalation.core.Intent;
import dev.escalation.core.State;
import dev.escalation.core.Transition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlowTrafficTest {

    private static final FlowDefinition FLOW = FlowDefinition.standard();
    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
    private static final Duration TTL = Duration.ofHours(24);
    private static final Transition TO_DETAILS = row(State.REASON, Intent.PROVIDE_INFO, State.DETAILS);
    private static final Transition CANCEL = FLOW.transitions().stream()
            .filter(t -> t.source().equals(State.DETAILS) && t.action() == FlowAction.CANCEL)
            .findFirst()
            .orElseThrow();

    private static Transition row(State from, Intent event, State to) {
        return FLOW.transitions().stream()
                .filter(t -> t.source().equals(from)
                        && t.event() == event
                        && t.target().equals(to))
                .findFirst()
                .orElseThrow();
    }

    private static ConversationTurn turn(String conversation, int number, int cycle, Instant at, Transition row) {
        return new ConversationTurn(
                conversation,
                "u",
                number,
                cycle,
                at,
                "text",
                row.source(),
                row.event(),
                row.guard().name(),
                row.target(),
                "reply");
    }

    private static FlowTraffic traffic(Instant from, ConversationTurn... turns) {
        return FlowTraffic.of(FLOW, List.of(turns), from, NOW, NOW, TTL);
    }

    @Test
    void eachRowIsCountedPerTurnAndPerConversation() {
        FlowTraffic traffic = traffic(
                NOW.minus(Duration.ofDays(1)),
                turn("a", 1, 1, NOW.minusSeconds(60), TO_DETAILS),
                turn("a", 2, 1, NOW.minusSeconds(50), CANCEL),
                turn("b", 1, 1, NOW.minusSeconds(40), TO_DETAILS));

        assertThat(traffic.counts()).isEqualTo(Map.of(TO_DETAILS, 2L, CANCEL, 1L));
        assertThat(traffic.conversations()).isEqualTo(Map.of(TO_DETAILS, 2L, CANCEL, 1L));
        assertThat(traffic.cancelled()).isEqualTo(Map.of(State.DETAILS, 1L));
        assertThat(traffic.turns()).isEqualTo(3);
        assertThat(traffic.conversationCount()).isEqualTo(2);
    }

    @Test
    void aConversationIdleLongerThanTheTtlBeforeItsCycleEndedWasAbandonedInItsState() {
        FlowTraffic traffic = traffic(
                NOW.minus(Duration.ofDays(7)),
                turn("idle", 1, 1, NOW.minus(Duration.ofDays(2)), TO_DETAILS),
                turn("recent", 1, 1, NOW.minus(Duration.ofHours(1)), TO_DETAILS));

        assertThat(traffic.abandoned()).isEqualTo(Map.of(State.DETAILS, 1L));
    }

    @Test
    void aConversationThatExpiredAndBeganAgainWasAbandonedWhereItStopped() {
        FlowTraffic traffic = traffic(
                NOW.minus(Duration.ofDays(7)),
                turn("back", 1, 1, NOW.minus(Duration.ofDays(3)), TO_DETAILS),
                turn("back", 2, 2, NOW.minus(Duration.ofMinutes(5)), TO_DETAILS));

        assertThat(traffic.abandoned()).isEqualTo(Map.of(State.DETAILS, 1L));
        assertThat(traffic.counts()).isEqualTo(Map.of(TO_DETAILS, 2L));
    }

    @Test
    void aCancelledConversationIsNotAbandonedAndTurnsOutsideTheWindowAreNotCounted() {
        FlowTraffic traffic = traffic(
                NOW.minus(Duration.ofDays(1)),
                turn("old", 1, 1, NOW.minus(Duration.ofDays(3)), TO_DETAILS),
                turn("gone", 1, 1, NOW.minus(Duration.ofHours(20)), TO_DETAILS),
                turn("gone", 2, 1, NOW.minus(Duration.ofHours(19)), CANCEL));

        assertThat(traffic.abandoned()).isEmpty();
        assertThat(traffic.counts()).isEqualTo(Map.of(TO_DETAILS, 1L, CANCEL, 1L));
        assertThat(traffic.conversationCount()).isEqualTo(1);
    }

    @Test
    void aTurnWhoseRowTheFlowNoLongerHasIsCountedAsUnknown() {
        FlowTraffic traffic = traffic(
                NOW.minus(Duration.ofDays(1)),
                new ConversationTurn(
                        "x",
                        "u",
                        1,
                        1,
                        NOW.minusSeconds(5),
                        "text",
                        State.REASON,
                        Intent.PROVIDE_INFO,
                        "a guard that was removed",
                        State.DETAILS,
                        null));

        assertThat(traffic.unknownTurns()).isEqualTo(1);
        assertThat(traffic.counts()).isEmpty();
    }
}
