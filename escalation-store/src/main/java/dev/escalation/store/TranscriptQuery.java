package dev.escalation.store;

import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Which stored transcripts {@link JdbiConversationStore#forEachTranscript} passes on: those matching
 * every criterion that is set, the conversation that started first first.
 *
 * <p>Immutable and thread-safe. Example: {@code TranscriptQuery.all().since(yesterday).limit(100)}.
 *
 * @param since only conversations with a turn at or after this time, or null for any
 * @param conversationId only this conversation, or null for any
 * @param limit only the this many most recently active conversations; 0 for all
 */
public record TranscriptQuery(
        @Nullable Instant since, @Nullable String conversationId, int limit) {

    public TranscriptQuery {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative (0 for all), but was " + limit);
        }
        if (conversationId != null && conversationId.isBlank()) {
            throw new IllegalArgumentException("conversationId must not be blank, but was '" + conversationId + "'");
        }
    }

    /** Every stored transcript. */
    public static TranscriptQuery all() {
        return new TranscriptQuery(null, null, 0);
    }

    /** A copy with only conversations active at or after {@code value}; null for any time. */
    public TranscriptQuery since(@Nullable Instant value) {
        return new TranscriptQuery(value, conversationId, limit);
    }

    /** A copy with only conversation {@code value}; null for any. */
    public TranscriptQuery conversation(@Nullable String value) {
        return new TranscriptQuery(since, value, limit);
    }

    /**
     * A copy with only the {@code value} most recently active conversations.
     *
     * @throws IllegalArgumentException if {@code value} is not positive
     */
    public TranscriptQuery limit(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("limit must be positive, but was " + value);
        }
        return new TranscriptQuery(since, conversationId, value);
    }

    /** The time criterion, if set. */
    public Optional<Instant> sinceCriterion() {
        return Optional.ofNullable(since);
    }
}
