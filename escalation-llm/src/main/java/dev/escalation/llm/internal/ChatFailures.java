package dev.escalation.llm.internal;

import dev.escalation.core.EscalationException;
import dev.escalation.core.UnableToInterpretMessageException;
import dev.escalation.llm.InvalidLanguageModelConfigException;
import dev.escalation.llm.LanguageModelConfig;
import java.util.Locale;

/**
 * Turns a {@link ChatFailure} into the exception the engine understands: a settings problem (a
 * rejected key, a model the server does not have, a wrong base URL) becomes
 * {@link InvalidLanguageModelConfigException} naming the setting to fix; everything else becomes
 * {@link UnableToInterpretMessageException}, which the engine answers in degraded mode. Messages
 * never contain the API key. Not part of the API.
 *
 * <p>Thread-safe.
 */
public final class ChatFailures {
    private ChatFailures() {}

    /** The public exception for a failed call. */
    public static EscalationException toPublic(ChatFailure failure, LanguageModelConfig config, String what) {
        String spec = config.spec();
        if (failure.kind() == ChatFailure.Kind.HTTP) {
            int status = failure.status();
            if (status == 401) {
                return new InvalidLanguageModelConfigException(
                        "the server at " + config.baseUrl() + " rejected the API key for " + spec + " (HTTP 401); set "
                                + config.apiKeySetting() + " to a valid key",
                        failure);
            }
            if (status == 403) {
                return new InvalidLanguageModelConfigException(
                        "the server at " + config.baseUrl() + " refused " + spec
                                + " (HTTP 403" + detail(failure) + "); check " + config.apiKeySetting() + " and "
                                + LanguageModelConfig.MODEL_SETTING,
                        failure);
            }
            if (failure.isModelNotFound()) {
                return new InvalidLanguageModelConfigException(
                        "the server at " + config.baseUrl() + " has no model '"
                                + config.model() + "' (HTTP " + status + detail(failure) + "); set "
                                + LanguageModelConfig.MODEL_SETTING
                                + " to a model it serves",
                        failure);
            }
            if (status == 404) {
                return new InvalidLanguageModelConfigException(
                        "the server at " + config.baseUrl()
                                + " has no chat-completions endpoint (HTTP 404 for /chat/completions); check "
                                + LanguageModelConfig.API_BASE_SETTING + " (usually ends in /v1)",
                        failure);
            }
            if (failure.isQuotaExhausted()) {
                return new UnableToInterpretMessageException(
                        spec + " could not " + what
                                + ": the account's quota is used up (HTTP 429 insufficient_quota); check the plan and billing",
                        failure);
            }
        }
        return new UnableToInterpretMessageException(
                spec + " could not " + what + ": " + failure.getMessage(), failure);
    }

    private static String detail(ChatFailure failure) {
        return failure.serverMessage() == null || failure.serverMessage().isEmpty()
                ? ""
                : ": " + failure.serverMessage();
    }

    /** True when a 400 or 422 says the server does not accept this {@code response_format}. */
    public static boolean rejectsResponseFormat(ChatFailure failure) {
        if (failure.kind() != ChatFailure.Kind.HTTP || (failure.status() != 400 && failure.status() != 422)) {
            return false;
        }
        String text = (failure.serverMessage() == null ? "" : failure.serverMessage()).toLowerCase(Locale.ROOT);
        return text.isBlank()
                || text.contains("response_format")
                || text.contains("json_schema")
                || text.contains("json_object")
                || text.contains("structured output")
                || text.contains("grammar");
    }

    /** True when a 400 or 422 says the server does not accept {@code tools}. */
    public static boolean rejectsTools(ChatFailure failure) {
        return mentions(failure, "tool") || mentions(failure, "function");
    }

    /** True when a 400 or 422 says the server does not accept {@code stream_options}. */
    public static boolean rejectsStreamOptions(ChatFailure failure) {
        return mentions(failure, "stream_options") || mentions(failure, "include_usage");
    }

    private static boolean mentions(ChatFailure failure, String word) {
        return failure.kind() == ChatFailure.Kind.HTTP
                && (failure.status() == 400 || failure.status() == 422)
                && failure.serverMessage() != null
                && failure.serverMessage().toLowerCase(Locale.ROOT).contains(word);
    }
}
