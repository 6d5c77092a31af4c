package dev.escalation.llm;

import dev.escalation.core.EscalationException;

/**
 * The language model settings are wrong: an unknown provider, a missing API key, a key the server
 * rejects, or a model the server does not have. The message names the setting to fix (for example
 * {@code ESCALATION_LANGUAGE_MODEL} or {@code OPENAI_API_KEY}) and never contains an API key.
 *
 * <p>Unlike a failing or unreachable endpoint (which the engine answers in degraded mode), this stops
 * start-up or the turn: retrying cannot help until the setting is fixed.
 *
 * <p>Immutable once thrown. Example:
 * {@code catch (InvalidLanguageModelConfigException e) { System.err.println(e.getMessage()); }}.
 */
public class InvalidLanguageModelConfigException extends EscalationException {
    private static final long serialVersionUID = 1L;

    public InvalidLanguageModelConfigException(String message) {
        super(message);
    }

    public InvalidLanguageModelConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
