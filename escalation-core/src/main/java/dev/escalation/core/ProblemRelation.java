package dev.escalation.core;

import java.util.Locale;
import java.util.Optional;

/**
 * How a message relates to the problem already in hand (the ticket just created, or the request being
 * collected): a model's reading, on which the flow decides whether to add a note, start a new request,
 * park a second problem or ask the customer.
 *
 * <p>Immutable and thread-safe. Example: {@code ProblemRelation.parse("new")} is {@code NEW}.
 */
public enum ProblemRelation {
    /** About the same problem: its ticket id, "add to my ticket", "about that issue", a follow-up detail. */
    SAME,
    /** A different problem that needs its own request (another department, other slots). */
    NEW,
    /** Could be either; the flow decides whether to ask. */
    UNCLEAR;

    /** The lower-case name used on the wire: {@code same}, {@code new}, {@code unclear}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The relation named {@code value} in any case, or empty. */
    public static Optional<ProblemRelation> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String key = value.strip().toUpperCase(Locale.ROOT);
        for (ProblemRelation relation : values()) {
            if (relation.name().equals(key)) {
                return Optional.of(relation);
            }
        }
        return Optional.empty();
    }
}
