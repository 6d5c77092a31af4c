package dev.escalation.core;

import dev.escalation.core.internal.offline.MessageReader;
import dev.escalation.core.internal.offline.OfflineReplyWriter;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The built-in language model: deterministic rules instead of a remote model. It reads messages
 * with weighted word cues (stems, small typo tolerance, negation), judges department and priority by
 * the rubric on the whole description so far, ignores instructions hidden in customer text, and words
 * replies from fixed templates. Used when no model is configured, as the fallback when one fails,
 * and by tests.
 *
 * <p>Built with {@link OfflineTraining}, trained text classifiers decide department and priority where
 * the rules are unsure.
 *
 * <p>Immutable, deterministic and thread-safe: the same request always gives the same answer.
 * Example: {@code EscalationEngine.builder().languageModel(new OfflineLanguageModel())}.
 */
public final class OfflineLanguageModel implements LanguageModel {

    private final MessageReader reader;
    private final OfflineReplyWriter writer = new OfflineReplyWriter();
    private final OfflineTraining training;

    /** The model with the built-in rules alone. */
    public OfflineLanguageModel() {
        this.training = null;
        this.reader = new MessageReader();
    }

    /**
     * The model with what it learned: the trained classifiers decide department and priority where the
     * rules are unsure (see {@link OfflineTraining}).
     */
    public OfflineLanguageModel(OfflineTraining training) {
        this.training = Objects.requireNonNull(training, "training");
        this.reader = new MessageReader(training);
    }

    /** What the model learned, if it was built with training. */
    public java.util.Optional<OfflineTraining> training() {
        return java.util.Optional.ofNullable(training);
    }

    /** True: the templates word a reply on this machine's CPU, in microseconds. */
    @Override
    public boolean repliesAtOnce() {
        return true;
    }

    @Override
    public Interpretation interpret(InterpretationRequest request) {
        Objects.requireNonNull(request, "request");
        return reader.read(request);
    }

    @Override
    public String reply(ReplyRequest request, Consumer<String> chunks) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(chunks, "chunks");
        return writer.write(request, chunks);
    }

    @Override
    public String name() {
        return "offline";
    }
}
