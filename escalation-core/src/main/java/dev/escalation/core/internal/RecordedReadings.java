package dev.escalation.core.internal;

import dev.escalation.core.LanguageModel;

/**
 * A language model that gives back readings recorded with stored turns instead of reading the
 * messages; the engine then skips the checks a recorded reading already passed when it was recorded.
 *
 * <p>A marker; implementations say whether they are thread-safe. Not a published API. Example:
 * {@code languageModel instanceof RecordedReadings}.
 */
public interface RecordedReadings extends LanguageModel {}
