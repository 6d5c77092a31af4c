package dev.escalation.core;

import java.util.regex.Pattern;

/**
 * Masks personal data in text before it is exported or logged: e-mail addresses, card numbers (13 to
 * 19 digits, spaces or dashes allowed between them) and phone numbers (7 or more digits, with the
 * usual separators and an optional leading +).
 *
 * <p>Stateless and thread-safe. Example: {@code PersonalData.redact("mail me at ana@example.com")}
 * gives {@code "mail me at [email]"}.
 */
public final class PersonalData {

  private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
  private static final Pattern CARD = Pattern.compile("\\b\\d(?:[ -]?\\d){12,18}\\b");
  private static final Pattern PHONE = Pattern.compile("(?<![\\w])\\+?\\(?\\d(?:[\\s().-]{0,2}\\d){6,}(?![\\w])");

  private PersonalData() {}

  /** The text with e-mail addresses, card numbers and phone numbers replaced by a placeholder; null stays null. */
  public static String redact(String text) {
    if (text == null) {
      return null;
    }
    String masked = EMAIL.matcher(text).replaceAll("[email]");
    masked = CARD.matcher(masked).replaceAll("[card]");
    return PHONE.matcher(masked).replaceAll("[phone]");
  }
}
