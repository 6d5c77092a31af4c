package dev.escalation.core;

import java.time.Clock;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Runs escalation conversations: one call per customer message.
 *
 * <p>Thread-safe: messages for one conversation are handled one at a time in arrival order,
 * different conversations in parallel. Example:
 *
 * <pre>{@code
 * EscalationEngine engine = EscalationEngine.builder()
 *     .languageModel(new OfflineLanguageModel())
 *     .conversationStore(conversations)
 *     .ticketStore(tickets)
 *     .build();
 * TurnResult result = engine.handle(new CustomerMessage("c1", "u1", "I was charged twice"), System.out::print);
 * }</pre>
 */
public final class EscalationEngine {

  private EscalationEngine(Builder builder) {
    throw new UnsupportedOperationException("not yet");
  }

  /** A builder with the defaults: offline model, system UTC clock, secure-random ids, no listener. */
  public static Builder builder() {
    return new Builder();
  }

  /** Handles one message; the reply is also passed to {@code chunks} piece by piece as produced. */
  public TurnResult handle(CustomerMessage message, Consumer<String> chunks) {
    throw new UnsupportedOperationException("not yet");
  }

  /** Handles one message without streaming. */
  public TurnResult handle(CustomerMessage message) {
    return handle(message, chunk -> {});
  }

  /** Configures an {@link EscalationEngine}; not thread-safe, the engine it builds is. */
  public static final class Builder {
    LanguageModel languageModel;
    ConversationStore conversationStore;
    TicketStore ticketStore;
    Clock clock = Clock.systemUTC();
    TicketIdGenerator ticketIdGenerator = TicketIdGenerator.secureRandom();
    EscalationListener listener = EscalationListener.NONE;

    private Builder() {}

    public Builder languageModel(LanguageModel value) {
      this.languageModel = Objects.requireNonNull(value, "languageModel");
      return this;
    }

    public Builder conversationStore(ConversationStore value) {
      this.conversationStore = Objects.requireNonNull(value, "conversationStore");
      return this;
    }

    public Builder ticketStore(TicketStore value) {
      this.ticketStore = Objects.requireNonNull(value, "ticketStore");
      return this;
    }

    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    public Builder ticketIdGenerator(TicketIdGenerator value) {
      this.ticketIdGenerator = Objects.requireNonNull(value, "ticketIdGenerator");
      return this;
    }

    public Builder listener(EscalationListener value) {
      this.listener = Objects.requireNonNull(value, "listener");
      return this;
    }

    public EscalationEngine build() {
      return new EscalationEngine(this);
    }
  }
}
