package dev.escalation.core.handover;

import dev.escalation.core.CustomerMessage;
import dev.escalation.core.EscalationEngine;
import dev.escalation.core.TurnResult;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The hand-over entry point for a host agent. {@link #start} opens the escalation with everything
 * the customer already told the host agent, so the flow's slots (reason, details, department,
 * priority, contact) are filled from it and the agent asks only for what is missing, the same idea as
 * a Triage agent handing its transcript over EggAI. {@link #forward} passes each later customer
 * message; both give the reply, streamed to a callback or whole, and the flow's state.
 *
 * <p>The customer's messages are read as one message, newest last, joined by blank lines; when they
 * are longer together than {@code maxCharacters} the oldest are left out (the newest message alone is
 * cut to fit), since what the customer said last is usually what the host agent could not handle.
 * Agent messages are skipped: the customer's account is what a ticket describes.
 *
 * <p>Thread-safe, as the engine is. Example:
 * <pre>{@code
 * Handover handover = new Handover(engine);
 * HandoverReply first = handover.start("chat-42", "customer-7", List.of(
 *     TranscriptMessage.customer("My card was charged twice for one order."),
 *     TranscriptMessage.agent("I can't refund that myself."),
 *     TranscriptMessage.customer("Then I want to talk to someone who can.")));
 * HandoverReply next = handover.forward("chat-42", "customer-7", "Yes, please create the ticket.", System.out::print);
 * }</pre>
 */
public final class Handover {

    /** The default bound of the transcript read at the start, in characters. */
    public static final int DEFAULT_MAX_CHARACTERS = 8_000;

    private final EscalationEngine engine;
    private final int maxCharacters;

    /** A hand-over to {@code engine} reading at most {@value #DEFAULT_MAX_CHARACTERS} characters of transcript. */
    public Handover(EscalationEngine engine) {
        this(engine, DEFAULT_MAX_CHARACTERS);
    }

    /**
     * A hand-over to {@code engine} reading at most {@code maxCharacters} characters of transcript.
     *
     * @throws IllegalArgumentException naming the value when {@code maxCharacters} is below 1
     */
    public Handover(EscalationEngine engine, int maxCharacters) {
        this.engine = Objects.requireNonNull(engine, "engine");
        if (maxCharacters < 1) {
            throw new IllegalArgumentException("maxCharacters must be at least 1, but was " + maxCharacters);
        }
        this.maxCharacters = maxCharacters;
    }

    /**
     * Starts an escalation from the host agent's transcript, streaming the reply to {@code chunks}.
     *
     * @throws IllegalArgumentException when the transcript holds no customer message with text
     */
    public HandoverReply start(
            String conversationId, String customerId, List<TranscriptMessage> transcript, Consumer<String> chunks) {
        Objects.requireNonNull(transcript, "transcript");
        Objects.requireNonNull(chunks, "chunks");
        String said = customerAccount(transcript, maxCharacters);
        return reply(engine.handle(new CustomerMessage(conversationId, customerId, said), chunks));
    }

    /** Same as {@link #start(String, String, List, Consumer)} without streaming. */
    public HandoverReply start(String conversationId, String customerId, List<TranscriptMessage> transcript) {
        return start(conversationId, customerId, transcript, chunk -> {});
    }

    /** Forwards the customer's next message, streaming the reply to {@code chunks}. */
    public HandoverReply forward(String conversationId, String customerId, String text, Consumer<String> chunks) {
        Objects.requireNonNull(chunks, "chunks");
        return reply(engine.handle(new CustomerMessage(conversationId, customerId, text), chunks));
    }

    /** Same as {@link #forward(String, String, String, Consumer)} without streaming. */
    public HandoverReply forward(String conversationId, String customerId, String text) {
        return forward(conversationId, customerId, text, chunk -> {});
    }

    private HandoverReply reply(TurnResult result) {
        return HandoverReply.of(result, engine.flow().isCycleEnd(result.state()));
    }

    /** The customer's messages of {@code transcript} as one text of at most {@code max} characters, newest kept. */
    static String customerAccount(List<TranscriptMessage> transcript, int max) {
        Deque<String> kept = new ArrayDeque<>();
        int length = 0;
        for (int i = transcript.size() - 1; i >= 0; i--) {
            TranscriptMessage message = Objects.requireNonNull(transcript.get(i), "transcript element");
            String text = message.text().strip();
            if (message.speaker() != TranscriptMessage.Speaker.CUSTOMER || text.isEmpty()) {
                continue;
            }
            int added = text.length() + (kept.isEmpty() ? 0 : 2);
            if (length + added > max) {
                if (kept.isEmpty()) {
                    kept.addFirst(text.substring(0, max));
                }
                break;
            }
            kept.addFirst(text);
            length += added;
        }
        if (kept.isEmpty()) {
            throw new IllegalArgumentException("a hand-over needs at least one customer message with text, but the"
                    + " transcript of " + transcript.size() + " messages had none");
        }
        return String.join("\n\n", kept);
    }
}
