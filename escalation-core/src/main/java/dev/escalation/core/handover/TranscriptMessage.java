package dev.escalation.core.handover;

import java.util.Objects;

/**
 * One message of a host agent's transcript, as it hands a conversation over.
 *
 * <p>Immutable and thread-safe. Example: {@code TranscriptMessage.customer("I was charged twice")}.
 *
 * @param speaker who said it
 * @param text what was said
 */
public record TranscriptMessage(Speaker speaker, String text) {

    /** Who said a message. */
    public enum Speaker {
        /** The customer: their words are read into the flow's slots. */
        CUSTOMER,
        /** The host agent or any other agent: skipped, since it is not the customer's account of the problem. */
        AGENT
    }

    /** Checks the values (see the parameters above) and keeps them as given or normalised. */
    public TranscriptMessage {
        Objects.requireNonNull(speaker, "speaker");
        Objects.requireNonNull(text, "text");
    }

    /** A message of the customer. */
    public static TranscriptMessage customer(String text) {
        return new TranscriptMessage(Speaker.CUSTOMER, text);
    }

    /** A message of an agent. */
    public static TranscriptMessage agent(String text) {
        return new TranscriptMessage(Speaker.AGENT, text);
    }
}
