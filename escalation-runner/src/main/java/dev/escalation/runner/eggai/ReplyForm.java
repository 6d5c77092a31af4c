package dev.escalation.runner.eggai;

import java.util.Locale;

/**
 * How a reply is sent. The EggAI demo's frontend adds a chat bubble for every
 * {@code agent_message_stream_end} and for every {@code agent_message}, so sending a reply both ways
 * shows it twice there; {@link #STREAM}, what the demo's own escalation agent does, is the default.
 *
 * <p>Example: {@code ReplyForm.parse("message")} is {@link #MESSAGE}.
 */
public enum ReplyForm {
    /** Streamed on the human_stream channel: stream start, one chunk per piece, stream end. */
    STREAM,
    /** One {@code agent_message} on the human channel, for clients that read only that channel. */
    MESSAGE,
    /** Both, for a client that shows only one of them; the demo's frontend shows such a reply twice. */
    BOTH;

    /** Whether the reply is streamed on human_stream. */
    public boolean streams() {
        return this != MESSAGE;
    }

    /** Whether the whole reply goes to the human channel as an {@code agent_message}. */
    public boolean sendsMessage() {
        return this != STREAM;
    }

    /**
     * The form named {@code stream}, {@code message} or {@code both} (any case).
     *
     * @throws IllegalArgumentException naming the value when it is none of those
     */
    public static ReplyForm parse(String name) {
        String normalized = name == null ? "" : name.strip().toUpperCase(Locale.ROOT);
        for (ReplyForm form : values()) {
            if (form.name().equals(normalized)) {
                return form;
            }
        }
        throw new IllegalArgumentException("a reply form must be stream, message or both, but was '" + name + "'");
    }
}
