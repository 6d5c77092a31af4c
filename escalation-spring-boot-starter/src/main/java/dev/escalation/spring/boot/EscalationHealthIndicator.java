package dev.escalation.spring.boot;

import dev.escalation.core.ConversationStore;
import dev.escalation.core.LanguageModel;
import java.util.Objects;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * The {@code escalation} component of Actuator's health: up when the conversation store answers a
 * read, with the language model's name as a detail. A model that fails is not "down": the engine
 * answers in degraded mode and the metrics count the fallbacks.
 *
 * <p>Thread-safe. Example: {@code GET /actuator/health/escalation}.
 */
public final class EscalationHealthIndicator extends AbstractHealthIndicator {
    /** The conversation id read to check the store; no conversation has it. */
    static final String PROBE = "escalation-health-probe";

    private final ConversationStore conversations;
    private final LanguageModel model;

    /** A health indicator reading {@code conversations} and naming {@code model}. */
    public EscalationHealthIndicator(ConversationStore conversations, LanguageModel model) {
        super("the escalation store cannot be read");
        this.conversations = Objects.requireNonNull(conversations, "conversations");
        this.model = Objects.requireNonNull(model, "model");
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        conversations.load(PROBE);
        builder.up()
                .withDetail("model", model.name())
                .withDetail("store", conversations.getClass().getSimpleName());
    }
}
