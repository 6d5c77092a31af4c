package dev.escalation.runner.internal.impact;

import dev.escalation.core.ConversationTurn;
import dev.escalation.core.CustomerMessage;
import dev.escalation.core.EscalationEngine;
import dev.escalation.core.FlowDefinition;
import dev.escalation.core.InMemoryStore;
import dev.escalation.core.ModelUsage;
import dev.escalation.core.OfflineLanguageModel;
import dev.escalation.core.TicketId;
import dev.escalation.core.TicketIdGenerator;
import dev.escalation.core.TurnResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Replays stored conversations under one flow, in memory: each message goes through a real engine
 * on an {@link InMemoryStore}, at the time it was handled (so expiry decides as it did), read as
 * recorded or read again by a model. Nothing is written anywhere else.
 *
 * <p>Not thread-safe: one conversation at a time. Example:
 * {@code FlowReplay.recorded(flow, ttl, offline).replay(transcript)}.
 */
final class FlowReplay {

    private final ReplayModel model;
    private final SteppedClock clock = new SteppedClock();
    private final EscalationEngine engine;
    private ModelUsage usage = ModelUsage.NONE;

    private FlowReplay(
            FlowDefinition flow,
            Duration conversationTtl,
            OfflineLanguageModel offline,
            ReplayModel model,
            boolean fallback) {
        this.model = model;
        InMemoryStore store = new InMemoryStore();
        this.engine = EscalationEngine.builder()
                .flow(flow)
                .languageModel(model)
                .offlineModel(offline)
                .offlineFallback(fallback)
                .conversationStore(store)
                .ticketStore(store)
                .clock(clock)
                .ticketIdGenerator(new SequentialIds())
                .conversationTtl(conversationTtl)
                .build();
    }

    /** A replay that reads every message as its turn recorded it; no model is called. */
    static FlowReplay recorded(FlowDefinition flow, Duration conversationTtl, OfflineLanguageModel offline) {
        return new FlowReplay(flow, conversationTtl, offline, ReplayModel.recorded(), false);
    }

    /** A replay in which {@code reader} reads every message again, as the running agent would. */
    static FlowReplay readingAgain(
            FlowDefinition flow,
            Duration conversationTtl,
            OfflineLanguageModel offline,
            dev.escalation.core.LanguageModel reader) {
        return new FlowReplay(flow, conversationTtl, offline, ReplayModel.readingAgain(reader), true);
    }

    /**
     * Replays one conversation's messages, first turn first.
     *
     * @throws IllegalArgumentException if this replay uses recorded readings and a turn has none
     * @throws dev.escalation.core.EscalationException if the engine cannot handle a message
     */
    List<ReplayedTurn> replay(List<ConversationTurn> transcript) {
        List<ReplayedTurn> turns = new ArrayList<>(transcript.size());
        for (ConversationTurn turn : transcript) {
            if (model instanceof ReplayModel.Recorded recorded) {
                recorded.next(turn.recordedReading()
                        .orElseThrow(() -> new IllegalArgumentException("turn " + turn.turn() + " of conversation "
                                + turn.conversationId() + " has no recorded reading")));
            }
            clock.at(turn.at());
            TurnResult result =
                    engine.handle(new CustomerMessage(turn.conversationId(), turn.customerId(), turn.text(), null));
            ModelUsage spent = result.usage();
            usage = new ModelUsage(
                    usage.calls() + spent.calls(),
                    usage.inputTokens() + spent.inputTokens(),
                    usage.outputTokens() + spent.outputTokens());
            turns.add(ReplayedTurn.of(turn.turn(), result));
        }
        return turns;
    }

    /** How many messages a model was asked to read so far. */
    int reads() {
        return model.reads();
    }

    /** What the model spent so far (calls and tokens, as the model reports them). */
    ModelUsage usage() {
        return usage;
    }

    /** The time of the turn being replayed: each replayed turn happens when it happened. */
    private static final class SteppedClock extends Clock {
        private Instant now = Instant.EPOCH;

        void at(Instant value) {
            this.now = Objects.requireNonNull(value, "value");
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("a replay's clock stays in UTC");
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** Ticket ids in order, so that two replays of the same messages name the same tickets. */
    private static final class SequentialIds implements TicketIdGenerator {
        private long next;

        @Override
        public TicketId next() {
            StringBuilder code = new StringBuilder();
            long value = next++;
            for (int i = 0; i < TicketId.LENGTH; i++) {
                code.insert(0, TicketId.ALPHABET.charAt((int) (value % TicketId.ALPHABET.length())));
                value /= TicketId.ALPHABET.length();
            }
            return new TicketId("TK-" + code);
        }
    }
}
