package dev.escalation.core;

import java.util.Locale;
import java.util.Optional;

/**
 * The departments a ticket can be routed to; nothing outside this list is ever written to a ticket.
 *
 * <p>Immutable and thread-safe. Example: {@code Department.parse("billing")} is {@code Optional.of(BILLING)}.
 */
public enum Department {
  TECHNICAL_SUPPORT("Technical Support"),
  BILLING("Billing"),
  SALES("Sales");

  private final String displayName;

  Department(String displayName) {
    this.displayName = displayName;
  }

  /** The name customers and the wire format use, for example {@code "Technical Support"}. */
  public String displayName() {
    return displayName;
  }

  /**
   * Reads a department from its display name or constant name, ignoring case, spaces, dashes and
   * underscores; anything else is empty so that an out-of-vocabulary value never reaches a ticket.
   */
  public static Optional<Department> parse(String value) {
    if (value == null) {
      return Optional.empty();
    }
    String key = value.trim().toLowerCase(Locale.ROOT).replaceAll("[\\s_\\-]+", "");
    for (Department department : values()) {
      if (department.displayName.toLowerCase(Locale.ROOT).replace(" ", "").equals(key)) {
        return Optional.of(department);
      }
    }
    if (key.equals("techsupport") || key.equals("technical") || key.equals("tech") || key.equals("support")) {
      return Optional.of(TECHNICAL_SUPPORT);
    }
    return Optional.empty();
  }

  /** Like {@link #parse} but throws {@link IllegalArgumentException} naming the bad value. */
  public static Department of(String value) {
    return parse(value)
        .orElseThrow(() -> new IllegalArgumentException(
            "department must be one of Technical Support, Billing, Sales, but was '" + value + "'"));
  }

  @Override
  public String toString() {
    return displayName;
  }
}
