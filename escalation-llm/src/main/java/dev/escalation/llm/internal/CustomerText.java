package dev.escalation.llm.internal;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The customer's words as data inside a prompt, and ticket ids read from them. Not part of the API.
 *
 * <p>Thread-safe.
 */
public final class CustomerText {
    private CustomerText() {}

    private static final Pattern TAG = Pattern.compile("(?i)</?\\s*customer_message\\s*>");
    private static final Pattern TICKET_ID = Pattern.compile("(?i)\\bTK[-_ ]?([A-HJ-NP-Z2-9]{8})\\b");

    /** The text between {@code <customer_message>} tags, with any such tag inside it defused. */
    public static String delimited(String text) {
        String safe = TAG.matcher(text).replaceAll("[customer_message]");
        return "<customer_message>\n" + safe + "\n</customer_message>";
    }

    /**
     * A ticket reference a model read, kept only when the customer actually typed it (so an invented id
     * never reaches the store); {@code TK-xxxxxxxx} is normalised to upper case. Empty when absent or
     * not in the customer's text.
     */
    public static Optional<String> ticketReference(String candidate, String customerText) {
        if (candidate == null || candidate.isBlank()) {
            return Optional.empty();
        }
        String text = alphanumeric(customerText);
        Matcher id = TICKET_ID.matcher(candidate);
        if (id.find()) {
            String code = id.group(1).toUpperCase(Locale.ROOT);
            return text.contains(code) ? Optional.of("TK-" + code) : Optional.empty();
        }
        String plain = alphanumeric(candidate);
        return !plain.isEmpty() && text.contains(plain) ? Optional.of(candidate.strip()) : Optional.empty();
    }

    /** The first ticket id in the customer's text ({@code tk 7qx2m9pa} too), as {@code TK-7QX2M9PA}; empty when none. */
    public static Optional<String> ticketIdIn(String customerText) {
        return ticketIdsIn(customerText).stream().findFirst();
    }

    /** Every ticket id in the customer's text, in order and without repeats, as {@code TK-7QX2M9PA}. */
    public static java.util.List<String> ticketIdsIn(String customerText) {
        java.util.LinkedHashSet<String> ids = new java.util.LinkedHashSet<>();
        Matcher id = TICKET_ID.matcher(customerText);
        while (id.find()) {
            ids.add("TK-" + id.group(1).toUpperCase(Locale.ROOT));
        }
        return java.util.List.copyOf(ids);
    }

    /** The customer's text with each ticket id in it replaced by a space. */
    public static String withoutTicketIds(String customerText) {
        return TICKET_ID.matcher(customerText).replaceAll(" ");
    }

    /** True when the letters and digits of {@code candidate} appear in the customer's text. */
    public static boolean mentions(String candidate, String customerText) {
        String plain = alphanumeric(candidate);
        return !plain.isEmpty() && alphanumeric(customerText).contains(plain);
    }

    /** True when {@code candidate} has the form of a ticket id ({@code TK-} and 8 characters). */
    public static boolean looksLikeTicketId(String candidate) {
        return candidate != null && TICKET_ID.matcher(candidate.strip()).matches();
    }

    private static String alphanumeric(String value) {
        return value == null ? "" : value.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
    }
}
