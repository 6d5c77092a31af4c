package dev.escalation.benchmarks;

import dev.escalation.core.Department;
import dev.escalation.core.Priority;
import dev.escalation.core.State;
import java.util.Objects;

/**
 * One agent design as the simulated customer sees it: a message in, a reply out. Our engine and its
 * peers (LangGraph4j, a ReAct loop) are all driven through this, so they get exactly the same customer.
 *
 * <p>Implementations are thread-safe for different conversations. Example:
 * {@code agent.send("c1", "u1", "I was charged twice").reply()}.
 */
public interface ChatAgent extends AutoCloseable {

    /** What a person sees after one message, plus the state so the harness knows the cycle ended. */
    record Turn(String reply, State state, Department shownDepartment, Priority shownPriority, String ticketId) {
        public Turn {
            Objects.requireNonNull(reply, "reply");
            Objects.requireNonNull(state, "state");
        }
    }

    /** Handles one customer message of {@code conversationId}. */
    Turn send(String conversationId, String customerId, String text);

    /** A short name for the report. */
    String name();

    @Override
    default void close() {}
}
