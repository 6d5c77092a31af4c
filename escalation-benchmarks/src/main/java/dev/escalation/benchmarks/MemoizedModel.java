package dev.escalation.benchmarks;

import dev.escalation.core.Interpretation;
import dev.escalation.core.InterpretationRequest;
import dev.escalation.core.LanguageModel;
import dev.escalation.core.OfflineLanguageModel;
import dev.escalation.core.Question;
import dev.escalation.core.ReplyRequest;
import dev.escalation.core.Slots;
import dev.escalation.core.State;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The built-in offline model with its readings remembered: each distinct message (in its state, with
 * its slots and pending question) is read once by the rules, then answered from memory; replies are
 * worded by the offline model every time. It stands for a model whose reading costs this process
 * nothing (a remote model does its work on another machine), so that the scale figures show the
 * engine and the store rather than the offline model's rules, whose cost per message is measured
 * separately.
 *
 * <p>Thread-safe. Example: {@code EscalationEngine.builder().languageModel(new MemoizedModel())}.
 */
public final class MemoizedModel implements LanguageModel {

    private record Key(State state, Slots slots, Question question, String text) {}

    private final OfflineLanguageModel offline = new OfflineLanguageModel();
    private final Map<Key, Interpretation> readings = new ConcurrentHashMap<>();

    @Override
    public Interpretation interpret(InterpretationRequest request) {
        return readings.computeIfAbsent(
                new Key(request.state(), request.slots(), request.pendingQuestion(), request.text()),
                key -> offline.interpret(request));
    }

    @Override
    public boolean repliesAtOnce() {
        return offline.repliesAtOnce();
    }

    @Override
    public String reply(ReplyRequest request, Consumer<String> chunks) {
        return offline.reply(request, chunks);
    }

    @Override
    public String name() {
        return "offline, readings memoized";
    }
}
