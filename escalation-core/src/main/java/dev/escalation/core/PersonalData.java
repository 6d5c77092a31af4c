package dev.escalation.core;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Masks personal data in text before it is exported or logged: e-mail addresses (plus tags and
 * subdomains too), card numbers (13 to 19 digits that pass the Luhn check, spaces or dashes allowed
 * between them) and phone numbers (7 to 15 digits with the usual separators, an optional leading
 * {@code +} or {@code 00}). Ticket ids ({@code TK-7QX2M9PA}), numbers that belong to an id
 * ({@code ORD-2024-000123}, {@code #20240001234}) or follow "order", "invoice", "ticket", "case",
 * "ref" or "tracking", dates ({@code 2024-03-01}, {@code 01.03.2024}) and small numbers are kept.
 *
 * <p>Stateless and thread-safe; linear in the length of the text. Example:
 * {@code PersonalData.redact("mail me at ana@example.com")} gives {@code "mail me at [email]"}.
 */
public final class PersonalData {

    // Each pattern starts only where its run of characters starts and never gives characters back, so
    // a long run of digits or letters costs linear time, not quadratic.
    private static final Pattern EMAIL = Pattern.compile(
            "(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]++@[A-Za-z0-9-]++(?:\\.[A-Za-z0-9-]++)*+(?<=\\.[A-Za-z]{2,63})");
    private static final Pattern CARD = Pattern.compile("(?<![\\w#-])\\d(?:[ -]?\\d){12,18}+(?![\\w-])");
    private static final Pattern PHONE = Pattern.compile(
            "(?<![\\w#+-])(?:\\+|\\b00)?(?:\\(\\d{1,4}\\)[ .-]?)?\\d(?:[ ().-]{0,2}\\d){6,16}+(?![\\w-])");
    private static final Pattern ID_CONTEXT = Pattern.compile(
            "(?i)\\b(?:order|invoice|ticket|case|ref|reference|tracking|booking|confirmation)\\s*(?:no\\.?|nr\\.?|number|id|#)?"
                    + "\\s*[:#]?\\s*$");

    private static final Pattern DATE =
            Pattern.compile("\\d{4}[./-]\\d{1,2}[./-]\\d{1,2}|\\d{1,2}[./-]\\d{1,2}[./-]\\d{2,4}");

    private PersonalData() {}

    /** The text with e-mail addresses, card numbers and phone numbers replaced by a placeholder; null stays null. */
    public static @Nullable String redact(@Nullable String text) {
        if (text == null) {
            return null;
        }
        String masked = EMAIL.matcher(text).replaceAll("[email]");
        masked = replace(CARD, masked, "[card]", true);
        return replace(PHONE, masked, "[phone]", false);
    }

    private static String replace(Pattern pattern, String text, String placeholder, boolean card) {
        Matcher m = pattern.matcher(text);
        StringBuilder out = null;
        int last = 0;
        while (m.find()) {
            String digits = m.group().replaceAll("\\D", "");
            boolean personal = card
                    ? luhn(digits)
                    : digits.length() >= 7
                            && digits.length() <= 15
                            && !idContext(text, m.start())
                            && !DATE.matcher(m.group()).matches();
            if (!personal) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length());
            }
            out.append(text, last, m.start()).append(placeholder);
            last = m.end();
        }
        return out == null ? text : out.append(text, last, text.length()).toString();
    }

    private static boolean idContext(String text, int start) {
        String before = text.substring(Math.max(0, start - 24), start).toLowerCase(Locale.ROOT);
        return ID_CONTEXT.matcher(before).find();
    }

    /** The Luhn check of a card number's digits. */
    static boolean luhn(String digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }
}
