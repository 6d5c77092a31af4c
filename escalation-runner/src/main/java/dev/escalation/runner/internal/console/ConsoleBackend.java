package dev.escalation.runner.internal.console;

import dev.escalation.core.EscalationEngine;
import dev.escalation.store.JdbiConversationStore;
import dev.escalation.store.JdbiTicketStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * What the console works on: the engine it chats through (and whose flow it draws), the stores it
 * reads and the operator it records changes as.
 *
 * <p>Immutable and thread-safe. Not a published API. Example:
 * {@code new ConsoleBackend(engine, db.conversationStore(), db.ticketStore(), Duration.ofHours(24), "ann", clock)}.
 *
 * @param engine the engine of the chat, on the same stores
 * @param conversations the conversations and their transcripts
 * @param tickets the tickets and their audit trails
 * @param conversationTtl how long a conversation may idle before it expires (abandoned, for traffic)
 * @param user the login name an operator's changes are recorded with when they give no name; may be null
 * @param clock the time of the traffic window
 */
public record ConsoleBackend(
        EscalationEngine engine,
        JdbiConversationStore conversations,
        JdbiTicketStore tickets,
        Duration conversationTtl,
        String user,
        Clock clock) {

    public ConsoleBackend {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(conversations, "conversations");
        Objects.requireNonNull(tickets, "tickets");
        Objects.requireNonNull(conversationTtl, "conversationTtl");
        Objects.requireNonNull(clock, "clock");
    }
}
