package dev.escalation.core;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Everything one turn writes, committed by {@link ConversationStore#commit} in one transaction: the
 * conversation's new state, and the ticket it creates or the change it makes, if any.
 *
 * <p>Immutable and thread-safe. Example: {@code store.commit(new PendingTurn(next, ticket, null))}.
 *
 * @param conversation the new state; its {@code version} is the version read before the turn (0 if new)
 * @param newTicket a ticket to insert with its CREATED audit entry, or null
 * @param ticketChange a change to apply with its audit entry, or null
 * @param messageId the transport id of the message that caused the turn, recorded as processed in the
 *     same transaction, or null
 * @param entry the transcript entry of the message, stored in the same transaction, or null
 */
public record PendingTurn(
        Conversation conversation,
        @Nullable Ticket newTicket,
        @Nullable TicketChange ticketChange,
        @Nullable String messageId,
        @Nullable ConversationTurn entry) {

    /** A turn of a message without a transport id. */
    public PendingTurn(Conversation conversation, @Nullable Ticket newTicket, @Nullable TicketChange ticketChange) {
        this(conversation, newTicket, ticketChange, null, null);
    }

    /** A turn without a transcript entry. */
    public PendingTurn(
            Conversation conversation,
            @Nullable Ticket newTicket,
            @Nullable TicketChange ticketChange,
            @Nullable String messageId) {
        this(conversation, newTicket, ticketChange, messageId, null);
    }

    /** Checks the values (see the parameters above) and keeps them as given or normalised. */
    public PendingTurn {
        Objects.requireNonNull(conversation, "conversation");
        if (newTicket != null && !newTicket.conversationId().equals(conversation.conversationId())) {
            throw new IllegalArgumentException("the new ticket must belong to conversation "
                    + conversation.conversationId() + ", but belonged to " + newTicket.conversationId());
        }
        if (entry != null && !entry.conversationId().equals(conversation.conversationId())) {
            throw new IllegalArgumentException("the transcript entry must belong to conversation "
                    + conversation.conversationId() + ", but belonged to " + entry.conversationId());
        }
    }
}
