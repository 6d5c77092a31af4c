package dev.escalation.core;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One handled customer message as the transcript keeps it: what the customer wrote, the row of the
 * flow table it took, and the reply. Written with its turn (in the same transaction), so every stored
 * turn has its entry; the reply is added once it is worded.
 *
 * <p>The row is kept by name (state, event, guard name, state) so a transcript stays readable after the
 * flow changes; {@link #takes(Transition)} matches it against a flow's rows.
 *
 * <p>Immutable and thread-safe. Example: {@code store.turns("c1").get(0).to()}.
 *
 * @param conversationId which conversation
 * @param customerId who wrote the message
 * @param turn the message's number in the conversation, from 1
 * @param cycle the conversation's cycle after the message (a new problem or an expiry starts the next)
 * @param at when the turn was handled
 * @param text the customer's message as the agent read it
 * @param from the state before the message
 * @param event what the message was read as
 * @param guard the name of the row's guard; {@code always} for an unguarded row
 * @param to the state after the message
 * @param reply the reply as the customer saw it, or null until it is recorded
 */
public record ConversationTurn(String conversationId, String customerId, int turn, int cycle, Instant at,
    String text, State from, Intent event, String guard, State to, String reply) {

  public ConversationTurn {
    Values.requireText(conversationId, "conversationId");
    Values.requireText(customerId, "customerId");
    if (turn < 1) {
      throw new IllegalArgumentException("turn must be at least 1, but was " + turn);
    }
    if (cycle < 1) {
      throw new IllegalArgumentException("cycle must be at least 1, but was " + cycle);
    }
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(event, "event");
    Values.requireText(guard, "guard");
    Objects.requireNonNull(to, "to");
  }

  /** The entry of a message that took {@code row}, before its reply is worded. */
  public static ConversationTurn of(Conversation after, String text, Transition row) {
    Objects.requireNonNull(after, "after");
    Objects.requireNonNull(row, "row");
    return new ConversationTurn(after.conversationId(), after.customerId(), after.turns(), after.cycle(),
        after.updatedAt(), text, row.source(), row.event(), row.guard().name(), row.target(), null);
  }

  /** Whether this turn took {@code row}: same states, event and guard name. */
  public boolean takes(Transition row) {
    return row.source().equals(from) && row.event() == event && row.target().equals(to)
        && row.guard().name().equals(guard);
  }

  /** The worded reply, if it was recorded. */
  public Optional<String> replyText() {
    return Optional.ofNullable(reply);
  }
}
