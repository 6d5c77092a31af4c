package dev.escalation.core;

import java.util.function.Consumer;

/**
 * The port to a language model: it reads customer messages into intents and slots, and words the
 * replies the engine decided on. The flow's guarantees never depend on it: a model can only propose.
 *
 * <p>Implementations must be thread-safe; the engine calls them for many conversations at once.
 * Example: {@code LanguageModel model = new OfflineLanguageModel();}
 */
public interface LanguageModel {

  /** Reads one message; must not throw for odd text, only for a failure of the model itself. */
  Interpretation interpret(InterpretationRequest request);

  /**
   * Words a reply; passes it to {@code chunks} piece by piece as it is produced (the concatenation
   * of all chunks equals the returned text) and returns the whole.
   */
  String reply(ReplyRequest request, Consumer<String> chunks);

  /** A short name for logs and metrics, for example {@code offline} or {@code openai/gpt-4o-mini}. */
  default String name() {
    return getClass().getSimpleName();
  }
}
