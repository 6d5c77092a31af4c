package dev.escalation.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Conversations and tickets kept in memory, with the same contracts as the database stores
 * (optimistic versions, atomic turns, audit trail): for embedding without a database and for tests.
 * Nothing survives the process.
 *
 * <p>Thread-safe: every call is atomic. Example:
 * {@code InMemoryStore store = new InMemoryStore(); builder.conversationStore(store).ticketStore(store);}
 */
public final class InMemoryStore implements ConversationStore, TicketStore {

    private final Map<String, Conversation> conversations = new HashMap<>();
    private final Map<TicketId, Ticket> tickets = new HashMap<>();
    private final Map<TicketId, List<TicketUpdate>> histories = new HashMap<>();
    private final Map<List<String>, StoredReply> processed = new HashMap<>();

    @Override
    public synchronized Optional<StoredReply> findProcessed(String conversationId, String messageId) {
        return Optional.ofNullable(processed.get(List.of(conversationId, messageId)));
    }

    @Override
    public synchronized void recordReply(String conversationId, String messageId, String reply) {
        processed.computeIfPresent(List.of(conversationId, messageId), (key, done) -> done.withReply(reply));
    }

    @Override
    public synchronized Optional<Conversation> load(String conversationId) {
        return Optional.ofNullable(conversations.get(conversationId));
    }

    @Override
    public synchronized CommittedTurn commit(PendingTurn turn) {
        Conversation next = turn.conversation();
        Conversation stored = conversations.get(next.conversationId());
        long storedVersion = stored == null ? 0 : stored.version();
        if (storedVersion != next.version()) {
            throw new ConversationConflictException("conversation " + next.conversationId() + " is at version "
                    + storedVersion + ", but the turn was read at version " + next.version());
        }
        if (turn.messageId() != null && processed.containsKey(List.of(next.conversationId(), turn.messageId()))) {
            throw new ConversationConflictException("message " + turn.messageId() + " of conversation "
                    + next.conversationId() + " was processed already");
        }
        Ticket newTicket = turn.newTicket();
        if (newTicket != null && tickets.containsKey(newTicket.ticketId())) {
            throw new DuplicateTicketIdException("ticket id " + newTicket.ticketId() + " already exists");
        }
        TicketChange change = turn.ticketChange();
        if (change != null
                && !tickets.containsKey(change.ticketId())
                && (newTicket == null || !newTicket.ticketId().equals(change.ticketId()))) {
            throw new TicketNotFoundException("no ticket " + change.ticketId());
        }
        Conversation saved = next.withVersion(next.version() + 1);
        conversations.put(saved.conversationId(), saved);
        if (newTicket != null) {
            tickets.put(newTicket.ticketId(), newTicket);
            histories
                    .computeIfAbsent(newTicket.ticketId(), id -> new ArrayList<>())
                    .add(new TicketUpdate(
                            newTicket.ticketId(),
                            newTicket.createdAt(),
                            "agent",
                            TicketUpdate.Kind.CREATED,
                            null,
                            TicketStatus.OPEN,
                            "created on confirmation in conversation " + newTicket.conversationId()));
        }
        Ticket changed = change == null ? null : apply(change);
        if (turn.messageId() != null) {
            processed.put(
                    List.of(saved.conversationId(), turn.messageId()),
                    new StoredReply(
                            saved.conversationId(),
                            turn.messageId(),
                            saved.turns(),
                            saved.state(),
                            newTicket == null ? null : newTicket.ticketId(),
                            turn.entry() == null ? null : turn.entry().reply()));
        }
        return new CommittedTurn(saved, newTicket, changed);
    }

    @Override
    public synchronized Optional<Ticket> find(TicketId ticketId) {
        return Optional.ofNullable(tickets.get(ticketId));
    }

    @Override
    public synchronized List<Ticket> list() {
        return tickets.values().stream().sorted(NEWEST_FIRST).toList();
    }

    @Override
    public synchronized List<Ticket> listForCustomer(String customerId) {
        return tickets.values().stream()
                .filter(t -> t.customerId().equals(customerId))
                .sorted(NEWEST_FIRST)
                .toList();
    }

    @Override
    public synchronized List<TicketUpdate> history(TicketId ticketId) {
        return List.copyOf(histories.getOrDefault(ticketId, List.of()));
    }

    @Override
    public synchronized Ticket update(TicketChange change) {
        if (!tickets.containsKey(change.ticketId())) {
            throw new TicketNotFoundException("no ticket " + change.ticketId());
        }
        return apply(change);
    }

    private Ticket apply(TicketChange change) {
        Ticket ticket = tickets.get(change.ticketId());
        Ticket changed = change.newStatus() == null
                ? ticket.touchedAt(change.at())
                : ticket.withStatus(change.newStatus(), change.at());
        tickets.put(changed.ticketId(), changed);
        TicketUpdate entry = change.newStatus() == null
                ? new TicketUpdate(
                        ticket.ticketId(),
                        change.at(),
                        change.actor(),
                        TicketUpdate.Kind.NOTE_ADDED,
                        null,
                        null,
                        change.note())
                : new TicketUpdate(
                        ticket.ticketId(),
                        change.at(),
                        change.actor(),
                        TicketUpdate.Kind.STATUS_CHANGED,
                        ticket.status(),
                        change.newStatus(),
                        change.note());
        histories.computeIfAbsent(ticket.ticketId(), id -> new ArrayList<>()).add(entry);
        return changed;
    }

    private static final Comparator<Ticket> NEWEST_FIRST = Comparator.comparing(Ticket::createdAt)
            .reversed()
            .thenComparing(t -> t.ticketId().value());
}
