package dev.escalation.llm;

/**
 * Thrown by a {@link ChatBackend} when its provider refused a JSON schema for the answer (an
 * unsupported feature, a 400 naming {@code response_format}); {@link ChatBackendModel} then writes
 * the schema into the prompt for this and every later call.
 *
 * <p>Example: {@code throw new StructuredOutputRejectedException("ollama rejected response_format", e);}
 */
public class StructuredOutputRejectedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A rejection described by {@code message}, caused by {@code cause} (may be null). */
    public StructuredOutputRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
