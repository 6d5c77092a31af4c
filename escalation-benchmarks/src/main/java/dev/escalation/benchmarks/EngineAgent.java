package dev.escalation.benchmarks;

import dev.escalation.core.CustomerMessage;
import dev.escalation.core.EscalationEngine;
import dev.escalation.core.TurnResult;
import java.util.Objects;

/**
 * Our engine as a {@link ChatAgent}.
 *
 * <p>Thread-safe, as the engine is. Example: {@code new EngineAgent("engine", engine, database)}.
 */
public final class EngineAgent implements ChatAgent {

    private final String name;
    private final EscalationEngine engine;
    private final AutoCloseable resources;

    public EngineAgent(String name, EscalationEngine engine, AutoCloseable resources) {
        this.name = Objects.requireNonNull(name, "name");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.resources = resources;
    }

    @Override
    public Turn send(String conversationId, String customerId, String text) {
        TurnResult result = engine.handle(new CustomerMessage(conversationId, customerId, text));
        return new Turn(
                result.reply(),
                result.state(),
                result.slots().department(),
                result.slots().priority(),
                result.ticket().map(ticket -> ticket.ticketId().value()).orElse(null));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void close() {
        if (resources != null) {
            try {
                resources.close();
            } catch (Exception e) {
                throw new IllegalStateException("unable to close " + name + ": " + e, e);
            }
        }
    }
}
