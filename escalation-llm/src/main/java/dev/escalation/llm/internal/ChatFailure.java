package dev.escalation.llm.internal;

import java.time.Duration;
import java.util.Locale;

/**
 * A chat-completions call that failed, classified for retrying and for the message the caller
 * shows. Messages never contain the API key (see {@link Redaction}). Not part of the API.
 *
 * <p>Immutable once thrown.
 */
public final class ChatFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Kind {
        /** The server answered with an error status. */
        HTTP,
        /** No connection could be made, or it broke before a response. */
        CONNECTION,
        /** The server stayed silent longer than the read timeout, or the call ran out of time. */
        TIMEOUT,
        /** The turn's deadline left no time for (another) call. */
        DEADLINE,
        /** A 200 response whose body is empty or not a chat completion. */
        INVALID_RESPONSE,
        /** An {@code error} event inside a 200 stream. */
        STREAM_ERROR,
        /** A stream that ended before {@code [DONE]} or a finish reason. */
        STREAM_TRUNCATED,
        /** A reply cut by the token limit or a content filter. */
        INCOMPLETE,
        /** The thread was interrupted while waiting. */
        INTERRUPTED
    }

    private final Kind kind;
    private final int status;
    private final String code;
    private final String type;
    private final String serverMessage;
    private final transient Duration retryAfter;
    /** Set before throwing when a stream had begun: such a call is never retried. */
    boolean streamStarted;

    ChatFailure(
            Kind kind,
            int status,
            String code,
            String type,
            String serverMessage,
            Duration retryAfter,
            String message,
            Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.status = status;
        this.code = code;
        this.type = type;
        this.serverMessage = serverMessage;
        this.retryAfter = retryAfter;
    }

    static ChatFailure of(Kind kind, String message, Throwable cause) {
        return new ChatFailure(kind, 0, null, null, null, null, message, cause);
    }

    /** Marks that the stream had started (its text may have reached the customer); returns this. */
    ChatFailure started() {
        streamStarted = true;
        return this;
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status, or 0 when there was no error response. */
    public int status() {
        return status;
    }

    /** The error body's {@code error.code}, or null. */
    public String code() {
        return code;
    }

    /** The error body's {@code error.type}, or null. */
    public String type() {
        return type;
    }

    /** The error body's message (redacted), or null. */
    public String serverMessage() {
        return serverMessage;
    }

    /** What the server asked us to wait (Retry-After, retry-after-ms), or null. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** True for 429 {@code insufficient_quota}: the account has no credit, retrying cannot help. */
    public boolean isQuotaExhausted() {
        return status == 429 && ("insufficient_quota".equals(code) || "insufficient_quota".equals(type));
    }

    /** True when a retry may succeed: connection errors, timeouts, 408, 409, 429 (not quota) and 5xx. */
    public boolean isRetryable() {
        return switch (kind) {
            case CONNECTION, TIMEOUT -> true;
            case HTTP -> status == 408 || status == 409 || (status == 429 && !isQuotaExhausted()) || status >= 500;
            default -> false;
        };
    }

    /** True when the server says the model does not exist (404 {@code model_not_found} or similar). */
    public boolean isModelNotFound() {
        if (kind != Kind.HTTP || (status != 404 && status != 400)) {
            return false;
        }
        if ("model_not_found".equals(code)) {
            return true;
        }
        String text = serverMessage == null ? "" : serverMessage.toLowerCase(Locale.ROOT);
        return text.contains("model") && (text.contains("not found") || text.contains("does not exist"));
    }

    /** The short outcome reported with the call, for example {@code http_429} or {@code timeout}. */
    public String outcome() {
        return switch (kind) {
            case HTTP -> "http_" + status;
            case CONNECTION -> "connection_error";
            case TIMEOUT -> "timeout";
            case DEADLINE -> "deadline";
            case INVALID_RESPONSE -> "invalid_response";
            case STREAM_ERROR -> "stream_error";
            case STREAM_TRUNCATED -> "stream_truncated";
            case INCOMPLETE -> "incomplete";
            case INTERRUPTED -> "interrupted";
        };
    }
}
