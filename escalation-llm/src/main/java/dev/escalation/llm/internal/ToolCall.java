package dev.escalation.llm.internal;

/**
 * One tool call a model asked for: natively ({@code tool_calls}) or written into its content.
 * Not part of the API.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the call's id, for the {@code tool} message that answers it; null when the model wrote
 *     the request into its content (no native tool calling)
 * @param name the tool's name as the model wrote it
 * @param arguments the arguments as the model wrote them, usually a JSON object; never null
 */
public record ToolCall(String id, String name, String arguments) {
    public ToolCall {
        name = name == null ? "" : name;
        arguments = arguments == null ? "" : arguments;
    }

    /** The name and arguments without white space, to recognise a repeated call. */
    public String key() {
        return name.strip() + "(" + arguments.replaceAll("\\s+", "") + ")";
    }
}
