package dev.escalation.runner.internal.console;

import dev.escalation.core.ConversationTurn;
import dev.escalation.core.FlowAction;
import dev.escalation.core.FlowDefinition;
import dev.escalation.core.State;
import dev.escalation.core.Transition;
import dev.escalation.runner.internal.FlowCoverage;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where conversations went in a time window, from the stored transcript: how often each row of the
 * flow was taken (the figures of {@code diagram --coverage}) and by how many conversations, the states
 * where conversations were cancelled, and the states where they were abandoned.
 *
 * <p>A conversation is abandoned in a state when it stopped there before its cycle ended: its next
 * turn started a new cycle (it expired and began again), or it has had no turn for longer than the
 * conversation TTL. Turns are counted in the window; whether a stop was an abandonment is decided
 * with the turns after the window too.
 *
 * <p>Immutable and thread-safe. Not a published API. Example:
 * {@code FlowTraffic.of(flow, turns, from, to, now, Duration.ofHours(24)).counts()}.
 *
 * @param from the window's start (inclusive)
 * @param to the window's end (exclusive)
 * @param counts how often each row was taken
 * @param conversations how many conversations took each row
 * @param abandoned how many conversations were abandoned in each state
 * @param cancelled how many conversations cancelled in each state
 * @param turns how many turns the window holds
 * @param conversationCount how many conversations had a turn in the window
 * @param unknownTurns turns naming a row the flow no longer has (the flow changed since)
 */
record FlowTraffic(
        Instant from,
        Instant to,
        Map<Transition, Long> counts,
        Map<Transition, Long> conversations,
        Map<State, Long> abandoned,
        Map<State, Long> cancelled,
        long turns,
        long conversationCount,
        long unknownTurns) {

    FlowTraffic {
        counts = Map.copyOf(counts);
        conversations = Map.copyOf(conversations);
        abandoned = Map.copyOf(abandoned);
        cancelled = Map.copyOf(cancelled);
    }

    /**
     * The traffic of {@code from} to {@code to}.
     *
     * @param turns every turn from {@code from} on (including after {@code to}), by conversation then turn
     */
    static FlowTraffic of(
            FlowDefinition flow, List<ConversationTurn> turns, Instant from, Instant to, Instant now, Duration ttl) {
        Map<Transition, Long> counts = new HashMap<>();
        Map<Transition, Set<String>> takers = new HashMap<>();
        Map<State, Long> abandoned = new LinkedHashMap<>();
        Map<State, Long> cancelled = new LinkedHashMap<>();
        Set<String> conversations = new HashSet<>();
        long inWindow = 0;
        long unknown = 0;
        for (int i = 0; i < turns.size(); i++) {
            ConversationTurn turn = turns.get(i);
            if (turn.at().isBefore(from) || !turn.at().isBefore(to)) {
                continue;
            }
            inWindow++;
            conversations.add(turn.conversationId());
            Optional<Transition> row = FlowCoverage.row(flow, turn);
            if (row.isEmpty()) {
                unknown++;
                continue;
            }
            counts.merge(row.get(), 1L, Long::sum);
            takers.computeIfAbsent(row.get(), r -> new HashSet<>()).add(turn.conversationId());
            if (row.get().action() == FlowAction.CANCEL) {
                cancelled.merge(turn.from(), 1L, Long::sum);
            }
            ConversationTurn next =
                    i + 1 < turns.size() && turns.get(i + 1).conversationId().equals(turn.conversationId())
                            ? turns.get(i + 1)
                            : null;
            if (abandonedAfter(flow, turn, next, now, ttl)) {
                abandoned.merge(turn.to(), 1L, Long::sum);
            }
        }
        Map<Transition, Long> byConversations = new HashMap<>();
        takers.forEach((row, ids) -> byConversations.put(row, (long) ids.size()));
        return new FlowTraffic(
                from, to, counts, byConversations, abandoned, cancelled, inWindow, conversations.size(), unknown);
    }

    private static boolean abandonedAfter(
            FlowDefinition flow, ConversationTurn turn, ConversationTurn next, Instant now, Duration ttl) {
        if (flow.isCycleEnd(turn.to())) {
            return false;
        }
        if (next != null) {
            return next.cycle() > turn.cycle();
        }
        return Duration.between(turn.at(), now).compareTo(ttl) > 0;
    }
}
