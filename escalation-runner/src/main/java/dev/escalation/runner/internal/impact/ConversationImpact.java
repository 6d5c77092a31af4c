package dev.escalation.runner.internal.impact;

import dev.escalation.core.ConversationTurn;
import java.util.List;
import java.util.Objects;

/**
 * What a candidate flow does to one stored conversation: unchanged, changed (how, and from which
 * turn), or not compared, and why.
 *
 * <p>Immutable and thread-safe. Example: {@code impact.status() == ConversationImpact.Status.CHANGED}.
 *
 * @param conversationId which conversation
 * @param status the verdict
 * @param changes what changed, in a reviewer's words ("would go to Accounts instead of Billing"); empty
 *     unless changed
 * @param differences every field of every turn that differs; empty unless changed
 * @param firstDifferingTurn the first turn that differs, or 0 unless changed
 * @param stored the stored turns, for showing the first differing one; empty unless changed
 * @param before the replay under the current flow; empty unless changed
 * @param after the replay under the candidate flow; empty unless changed
 * @param reason why the conversation was not compared, or null
 */
public record ConversationImpact(
        String conversationId,
        Status status,
        List<String> changes,
        List<Difference> differences,
        int firstDifferingTurn,
        List<ConversationTurn> stored,
        List<ReplayedTurn> before,
        List<ReplayedTurn> after,
        String reason) {

    /** The verdicts. */
    public enum Status {
        /** The candidate flow does exactly what happened. */
        UNCHANGED,
        /** The candidate flow does something else. */
        CHANGED,
        /** Replayed under the current flow, the conversation does not take the rows it stored; not compared. */
        NOT_REPRODUCIBLE,
        /** Some turns were stored before readings were kept; not replayed without {@code --reinterpret}. */
        WITHOUT_READINGS,
        /** The engine could not replay it; not compared. */
        FAILED
    }

    /**
     * One field of one turn that differs.
     *
     * @param turn the turn, from 1
     * @param field which field: {@code to}, {@code department}, {@code slot.NAME}, {@code ticket}, ...
     * @param before its value under the current flow, or null
     * @param after its value under the candidate flow, or null
     */
    public record Difference(int turn, String field, String before, String after) {
        public Difference {
            Objects.requireNonNull(field, "field");
        }
    }

    public ConversationImpact {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(status, "status");
        changes = List.copyOf(changes);
        differences = List.copyOf(differences);
        stored = List.copyOf(stored);
        before = List.copyOf(before);
        after = List.copyOf(after);
    }

    static ConversationImpact unchanged(String conversationId) {
        return new ConversationImpact(
                conversationId, Status.UNCHANGED, List.of(), List.of(), 0, List.of(), List.of(), List.of(), null);
    }

    static ConversationImpact notCompared(String conversationId, Status status, String reason) {
        return new ConversationImpact(
                conversationId, status, List.of(), List.of(), 0, List.of(), List.of(), List.of(), reason);
    }
}
