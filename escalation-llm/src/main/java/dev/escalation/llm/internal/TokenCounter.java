package dev.escalation.llm.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

/**
 * Counts tokens when a server sends no {@code usage}: OpenAI's {@code o200k_base} encoding (exact for
 * the GPT-4o family, an estimate for Gemma, Llama and others), plus the chat format's overhead of
 * about 3 tokens per message. Calls whose tokens were counted here are reported with
 * {@code tokensEstimated = true}. Not part of the API.
 *
 * <p>Thread-safe; the encoding is loaded once, on first use.
 */
public final class TokenCounter {
    private TokenCounter() {}

    private static final int PER_MESSAGE = 3;
    private static final int PER_REPLY = 3;

    private static final class Holder {
        static final Encoding ENCODING = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
    }

    /** Tokens in a piece of text. */
    public static long count(String text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        return Holder.ENCODING.countTokens(text);
    }

    /** Prompt tokens of a chat-completions request body: messages, tools and the response schema. */
    public static long prompt(JsonNode body) {
        long total = PER_REPLY;
        for (JsonNode message : body.path("messages")) {
            total += PER_MESSAGE;
            JsonNode content = message.get("content");
            if (content != null && content.isTextual()) {
                total += count(content.asText());
            }
            for (JsonNode call : message.path("tool_calls")) {
                total += count(call.path("function").path("name").asText())
                        + count(call.path("function").path("arguments").asText());
            }
        }
        if (body.has("tools")) {
            total += count(ModelJson.write(body.get("tools")));
        }
        JsonNode schema = body.path("response_format").path("json_schema");
        if (!schema.isMissingNode()) {
            total += count(ModelJson.write(schema));
        }
        return total;
    }
}
