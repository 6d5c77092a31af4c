package dev.escalation.store.internal;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Instants as stored: ISO-8601 UTC text with nine fraction digits. Fixed width so that text order is
 * time order (for {@code ORDER BY created_at} and later expiry by {@code updated_at}), and nine
 * digits so that every {@link Instant} round-trips exactly.
 *
 * <p>Thread-safe. Not a published API. Example: {@code Times.format(Instant.EPOCH)} is
 * {@code "1970-01-01T00:00:00.000000000Z"}.
 */
public final class Times {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

    private Times() {}

    /** The stored text of an instant. */
    public static String format(Instant instant) {
        LocalDateTime time = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
        int year = time.getYear();
        if (year < 0 || year > 9999) {
            return FORMAT.format(instant);
        }
        // Written by hand: the formatter's nine-digit fraction goes through BigDecimal, and every turn
        // formats several instants.
        StringBuilder text = new StringBuilder(30);
        pad(text, year, 4).append('-');
        pad(text, time.getMonthValue(), 2).append('-');
        pad(text, time.getDayOfMonth(), 2).append('T');
        pad(text, time.getHour(), 2).append(':');
        pad(text, time.getMinute(), 2).append(':');
        pad(text, time.getSecond(), 2).append('.');
        return pad(text, time.getNano(), 9).append('Z').toString();
    }

    private static StringBuilder pad(StringBuilder text, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            text.append('0');
        }
        return text.append(digits);
    }

    /** The instant of a stored text; {@link IllegalArgumentException} naming the text if it is not one. */
    public static Instant parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("time must not be null");
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("time must be ISO-8601 UTC, but was '" + text + "'", e);
        }
    }
}
