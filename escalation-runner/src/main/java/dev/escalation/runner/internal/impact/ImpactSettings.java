package dev.escalation.runner.internal.impact;

import dev.escalation.core.FlowDefinition;
import dev.escalation.core.OfflineLanguageModel;
import java.time.Duration;
import java.util.Objects;

/**
 * What an impact run compares: the flow the conversations ran under, the candidate, and the settings
 * both replays share.
 *
 * <p>Immutable; the flows and the model are thread-safe. Example:
 * {@code new ImpactSettings(FlowDefinition.standard(), candidate, Duration.ofHours(24), new OfflineLanguageModel())}.
 *
 * @param current the flow the stored conversations ran under (the configured one)
 * @param candidate the changed flow
 * @param conversationTtl when an idle conversation expires, as configured
 * @param offline the built-in model, the engine's fallback and confirmation check
 */
public record ImpactSettings(
        FlowDefinition current, FlowDefinition candidate, Duration conversationTtl, OfflineLanguageModel offline) {

    public ImpactSettings {
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(candidate, "candidate");
        Objects.requireNonNull(conversationTtl, "conversationTtl");
        Objects.requireNonNull(offline, "offline");
    }
}
