package dev.escalation.llm.internal;

import java.util.regex.Pattern;

/**
 * Removes secrets from text that may reach a log or an exception: the configured key, anything that
 * looks like an OpenAI key ({@code sk-...}) and bearer tokens. Servers echo keys in error messages
 * (OpenAI's 401 names a masked key). Not part of the API.
 *
 * <p>Immutable and thread-safe.
 */
public final class Redaction {
    private static final Pattern KEY_LIKE = Pattern.compile("(sk-|Bearer\\s+)[A-Za-z0-9_\\-*.]{3,}");
    private static final int MAX_LENGTH = 300;

    private final String apiKey;

    public Redaction(String apiKey) {
        this.apiKey = apiKey == null || apiKey.length() < 4 ? null : apiKey;
    }

    /** The text without secrets, shortened to a few hundred characters; null stays null. */
    public String clean(String text) {
        if (text == null) {
            return null;
        }
        String cleaned = apiKey == null ? text : text.replace(apiKey, "***");
        cleaned = KEY_LIKE.matcher(cleaned).replaceAll("$1***");
        // A server's error message may quote the prompt, and so the customer's words.
        cleaned = dev.escalation.core.PersonalData.redact(
                cleaned.replaceAll("\\s+", " ").strip());
        return cleaned.length() > MAX_LENGTH ? cleaned.substring(0, MAX_LENGTH) + "…" : cleaned;
    }
}
