package dev.escalation.core.internal.offline;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pulls structured values out of a message: a ticket id, contact data, a policy number.
 *
 * <p>Stateless and thread-safe. Example: {@code Extract.ticketReference("status of tk-7qx2m9pa?")}
 * is {@code "tk-7qx2m9pa"}.
 */
final class Extract {

    private static final Pattern TICKET_WITH_DASH = Pattern.compile("(?i)\\b(tk)-([a-z0-9]+)\\b");
    private static final Pattern TICKET_WITHOUT_DASH = Pattern.compile("(?i)\\b(tk)\\s?([a-z0-9]{8})\\b");
    private static final Pattern EMAIL = Pattern.compile("(?<![\\w.+-])[\\w.+-]++@[\\w-]+(?:\\.[\\w-]+)+");
    private static final Pattern PHONE =
            Pattern.compile("(?<![\\w$\u20ac\u00a3.,/-])\\+?\\(?\\d[\\d\\s().-]{7,}\\d(?![\\w.,/-]\\d)");
    private static final Pattern POLICY = Pattern.compile(
            "(?i)\\bpolicy\\s*(?:number|no\\.?|num|#|id)?\\s*(?:is|:|=)?\\s*#?\\s*([a-z]{0,3}-?\\d[a-z0-9-]{3,})\\b");
    private static final Pattern POLICY_SHAPE = Pattern.compile("\\b([A-Z]{1,2}\\d{5,8})\\b");
    private static final Pattern ANY_CODE = Pattern.compile("\\b([A-Za-z]{0,3}-?\\d[A-Za-z0-9-]{2,})\\b");

    private Extract() {}

    /** The first ticket id as typed ("TK-" and letters or digits, any case), or null. */
    static String ticketReference(String text) {
        Matcher dash = TICKET_WITH_DASH.matcher(text);
        if (dash.find()) {
            return dash.group();
        }
        Matcher plain = TICKET_WITHOUT_DASH.matcher(text);
        if (plain.find() && plain.group(2).chars().anyMatch(Character::isDigit)) {
            return plain.group(1) + "-" + plain.group(2);
        }
        return null;
    }

    /** An e-mail address or phone number, or null. */
    static String contact(String text) {
        Matcher email = EMAIL.matcher(text);
        if (email.find()) {
            return email.group();
        }
        Matcher phone = PHONE.matcher(text);
        while (phone.find()) {
            String candidate = phone.group().strip();
            long digits = candidate.chars().filter(Character::isDigit).count();
            if (digits >= 9 && digits <= 15) {
                return candidate;
            }
        }
        return null;
    }

    /** A policy number ("policy A20417", "A12345"), upper-cased, or null. */
    static String policyNumber(String text) {
        Matcher named = POLICY.matcher(text);
        if (named.find()) {
            return named.group(1).toUpperCase(Locale.ROOT);
        }
        Matcher shaped = POLICY_SHAPE.matcher(text);
        return shaped.find() ? shaped.group(1) : null;
    }

    /** Any code with a digit ("12345678", "AB-1234"), for an answer to "what is your policy number?". */
    static String anyCode(String text) {
        Matcher m = ANY_CODE.matcher(Tokens.clean(text).replaceAll("(?i)\\bticket\\b", " "));
        return m.find() ? m.group(1).toUpperCase(Locale.ROOT) : null;
    }
}
