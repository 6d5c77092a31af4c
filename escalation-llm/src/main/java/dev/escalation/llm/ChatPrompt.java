package dev.escalation.llm;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What {@link ChatBackendModel} asks a {@link ChatBackend}: the messages, and for a reading of a
 * customer message the JSON schema its answer must follow.
 *
 * <p>Immutable and thread-safe. Example:
 * {@code new ChatPrompt(List.of(ChatPrompt.Message.user("hi")), null, null, 200, Instant.MAX)}.
 *
 * @param messages the conversation to send, system message first; at least one
 * @param schemaName the schema's name (letters, digits, {@code _}), or null when there is no schema
 * @param jsonSchema the JSON schema (as JSON text) the provider must hold the answer to, or null: no
 *     schema, or one the provider cannot take and that the prompt already describes
 * @param maxTokens the most tokens the answer needs
 * @param deadline when the whole turn must be answered; a backend may use it as its timeout
 */
public record ChatPrompt(
        List<Message> messages,
        @Nullable String schemaName,
        @Nullable String jsonSchema,
        int maxTokens,
        Instant deadline) {

    public ChatPrompt {
        messages = List.copyOf(messages);
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("a prompt needs at least one message, but messages was empty");
        }
        if (jsonSchema != null && (schemaName == null || schemaName.isBlank())) {
            throw new IllegalArgumentException("a JSON schema needs a schemaName, but schemaName was " + schemaName);
        }
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be at least 1, but was " + maxTokens);
        }
        Objects.requireNonNull(deadline, "deadline");
    }

    /** Who says a message. */
    public enum Role {
        SYSTEM,
        USER,
        ASSISTANT
    }

    /**
     * One message of a prompt.
     *
     * @param role who says it
     * @param text what is said
     */
    public record Message(Role role, String text) {
        public Message {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(text, "text");
        }

        /** A system message. */
        public static Message system(String text) {
            return new Message(Role.SYSTEM, text);
        }

        /** A user message. */
        public static Message user(String text) {
            return new Message(Role.USER, text);
        }

        /** An assistant message. */
        public static Message assistant(String text) {
            return new Message(Role.ASSISTANT, text);
        }
    }
}
