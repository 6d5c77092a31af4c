package dev.escalation.runner.internal.impact;

import dev.escalation.core.Interpretation;
import dev.escalation.core.InterpretationRequest;
import dev.escalation.core.LanguageModel;
import dev.escalation.core.ReplyAct;
import dev.escalation.core.ReplyRequest;
import dev.escalation.core.internal.RecordedReadings;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The language model of a replay: it reads each message as recorded (or has {@code reader} read it
 * again) and "words" each reply as the kinds of its parts, so a replay never calls a model to word
 * anything and two replays' replies compare by what they say, not by how.
 *
 * <p>Not thread-safe: a replay hands it one turn's reading at a time. Example:
 * {@code model.next(turn.reading()); engine.handle(message);}.
 */
abstract sealed class ReplayModel implements LanguageModel {

    private final AtomicInteger reads = new AtomicInteger();

    /** The model that gives back the recorded readings, passing the checks they passed when recorded. */
    static Recorded recorded() {
        return new Recorded();
    }

    /** The model that has {@code reader} read every message again. */
    static ReplayModel readingAgain(LanguageModel reader) {
        return new Again(reader);
    }

    /** How many messages this model was asked to read. */
    int reads() {
        return reads.get();
    }

    @Override
    public final Interpretation interpret(InterpretationRequest request) {
        reads.incrementAndGet();
        return read(request);
    }

    abstract Interpretation read(InterpretationRequest request);

    /** True: a replay words each reply from its parts, without a model. */
    @Override
    public final boolean repliesAtOnce() {
        return true;
    }

    @Override
    public final String reply(ReplyRequest request, Consumer<String> chunks) {
        String kinds = request.acts().stream()
                .map(ReplyAct::getClass)
                .map(Class::getSimpleName)
                .collect(Collectors.joining(","));
        chunks.accept(kinds);
        return kinds;
    }

    /** Gives back the reading set for the turn being replayed. */
    static final class Recorded extends ReplayModel implements RecordedReadings {
        private Interpretation next;

        /** The reading the next message is read as. */
        void next(Interpretation reading) {
            this.next = Objects.requireNonNull(reading, "reading");
        }

        @Override
        Interpretation read(InterpretationRequest request) {
            Interpretation reading = Objects.requireNonNull(next, "no recorded reading was set for this turn");
            next = null;
            return reading;
        }

        @Override
        public String name() {
            return "recorded readings";
        }
    }

    /** Has another model read each message again. */
    static final class Again extends ReplayModel {
        private final LanguageModel reader;

        Again(LanguageModel reader) {
            this.reader = Objects.requireNonNull(reader, "reader");
        }

        @Override
        Interpretation read(InterpretationRequest request) {
            return reader.interpret(request);
        }

        @Override
        public String name() {
            return reader.name();
        }
    }
}
