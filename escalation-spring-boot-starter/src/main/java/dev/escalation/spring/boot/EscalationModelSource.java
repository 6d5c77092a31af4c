package dev.escalation.spring.boot;

import dev.escalation.core.LanguageModel;
import java.util.Optional;

/**
 * Offers the application's own model, adapted, to {@code escalation.model=auto}; the starter
 * registers one for a LangChain4j {@code ChatModel} bean and one for a Spring AI {@code ChatModel}
 * bean when their adapters are on the class path. An application may register its own.
 *
 * <p>Implementations must be thread-safe. Example:
 * {@code @Bean EscalationModelSource mine() { return () -> Optional.of(myModel); }}
 */
@FunctionalInterface
public interface EscalationModelSource {
    /** The model, or empty when the application has none of this kind. */
    Optional<LanguageModel> languageModel();
}
