package dev.escalation.core;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What {@link ConversationStore#commit} stored.
 *
 * <p>Immutable and thread-safe. Example: {@code committed.conversation().version()}.
 *
 * @param conversation the conversation as stored, with its new version
 * @param createdTicket the ticket inserted, or null
 * @param changedTicket the ticket as changed, or null
 */
public record CommittedTurn(
        Conversation conversation,
        @Nullable Ticket createdTicket,
        @Nullable Ticket changedTicket) {
    /** Checks the values (see the parameters above) and keeps them as given or normalised. */
    public CommittedTurn {
        Objects.requireNonNull(conversation, "conversation");
    }
}
