package dev.escalation.core;

/**
 * What the agent asked the customer last, so the model can read the answer in context ("Billing"
 * answers a department question; "yes" answers a confirmation).
 *
 * <p>Immutable and thread-safe. Example: {@code request.pendingQuestion() == Question.DEPARTMENT}.
 */
public enum Question {
  NONE,
  REASON,
  DETAILS,
  DEPARTMENT,
  CONFIRMATION,
  /** An application-defined slot (see {@link FlowDefinition}). */
  EXTRA_SLOT
}
