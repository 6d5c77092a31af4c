package dev.escalation.core;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A ticket id: {@code TK-} followed by 8 characters from an alphabet without look-alikes (no 0, O,
 * 1, I).
 *
 * <p>Immutable and thread-safe. Example: {@code TicketId.of("TK-7QX2M9PA")}.
 */
public record TicketId(String value) {

    /** The 32 characters ids are drawn from: upper-case letters and digits without 0, O, 1 and I. */
    public static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    /** How many characters follow the {@code TK-} prefix. */
    public static final int LENGTH = 8;

    private static final Pattern FORMAT = Pattern.compile("TK-[A-HJ-NP-Z2-9]{" + LENGTH + "}");

    /** Checks the values (see the parameters above) and keeps them as given or normalised. */
    public TicketId {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("ticket id must be TK- followed by " + LENGTH + " characters of "
                    + ALPHABET + ", but was '" + value + "'");
        }
    }

    /** Same as the constructor. */
    public static TicketId of(String value) {
        return new TicketId(value);
    }

    /** Reads an id typed by a person: trims and upper-cases it; empty when it cannot be an id. */
    public static Optional<TicketId> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String candidate = value.trim().toUpperCase(Locale.ROOT);
        return FORMAT.matcher(candidate).matches() ? Optional.of(new TicketId(candidate)) : Optional.empty();
    }

    @Override
    public String toString() {
        return value;
    }
}
