package dev.escalation.store;

import dev.escalation.core.CommittedTurn;
import dev.escalation.core.Conversation;
import dev.escalation.core.ConversationConflictException;
import dev.escalation.core.ConversationStore;
import dev.escalation.core.ConversationTurn;
import dev.escalation.core.DuplicateTicketIdException;
import dev.escalation.core.PendingTurn;
import dev.escalation.core.StoredReply;
import dev.escalation.core.Ticket;
import dev.escalation.core.TicketNotFoundException;
import dev.escalation.core.UnableToAccessStoreException;
import dev.escalation.core.UnableToStoreConversationException;
import dev.escalation.store.internal.ConversationSql;
import dev.escalation.store.internal.DriverFailures;
import dev.escalation.store.internal.ProcessedSql;
import dev.escalation.store.internal.StoreDatabase;
import dev.escalation.store.internal.TicketSql;
import dev.escalation.store.internal.TurnSql;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The conversation store on a database: each turn (conversation, new ticket, ticket change and
 * their audit entries) is committed in one transaction, with optimistic locking on the
 * conversation's version. Obtained from {@link EscalationDatabase#conversationStore()}.
 *
 * <p>Thread-safe: writes of this process run one at a time, reads run in parallel with them.
 * Example: {@code database.conversationStore().load("c1").map(Conversation::state)}.
 */
public final class JdbiConversationStore implements ConversationStore {

    /** Who creates tickets on confirmation, as the CREATED audit entry names it. */
    static final String AGENT = "agent";

    private final StoreDatabase database;

    JdbiConversationStore(StoreDatabase database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    @Override
    public Optional<Conversation> load(String conversationId) {
        Objects.requireNonNull(conversationId, "conversationId");
        try {
            return database.read(handle -> ConversationSql.find(handle, conversationId));
        } catch (UnableToAccessStoreException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new UnableToAccessStoreException(
                    "unable to load conversation '" + conversationId + "' from " + database.location() + ": "
                            + DriverFailures.describe(e),
                    e);
        }
    }

    @Override
    public CommittedTurn commit(PendingTurn turn) {
        Objects.requireNonNull(turn, "turn");
        String conversationId = turn.conversation().conversationId();
        try {
            return database.write(handle -> {
                if (turn.messageId() != null
                        && ProcessedSql.find(handle, conversationId, turn.messageId())
                                .isPresent()) {
                    throw new ConversationConflictException("message " + turn.messageId() + " of conversation "
                            + conversationId + " was processed already");
                }
                Conversation stored = ConversationSql.save(handle, turn.conversation());
                Ticket created = turn.newTicket() == null
                        ? null
                        : TicketSql.insert(
                                handle,
                                turn.newTicket(),
                                AGENT,
                                "created on confirmation in conversation " + conversationId);
                Ticket changed = turn.ticketChange() == null ? null : TicketSql.apply(handle, turn.ticketChange());
                if (turn.entry() != null) {
                    TurnSql.insert(handle, turn.entry());
                }
                if (turn.messageId() != null) {
                    ProcessedSql.insert(
                            handle,
                            stored,
                            turn.messageId(),
                            created == null ? null : created.ticketId(),
                            turn.entry() == null ? null : turn.entry().reply());
                }
                return new CommittedTurn(stored, created, changed);
            });
        } catch (ConversationConflictException | DuplicateTicketIdException | TicketNotFoundException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new UnableToStoreConversationException(
                    "unable to store a turn of conversation '" + conversationId + "' in " + database.location() + ": "
                            + DriverFailures.describe(e),
                    e);
        }
    }

    @Override
    public Optional<StoredReply> findProcessed(String conversationId, String messageId) {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(messageId, "messageId");
        try {
            return database.read(handle -> ProcessedSql.find(handle, conversationId, messageId));
        } catch (RuntimeException e) {
            throw new UnableToAccessStoreException(
                    "unable to look up message '" + messageId + "' of conversation '" + conversationId + "' in "
                            + database.location() + ": " + DriverFailures.describe(e),
                    e);
        }
    }

    @Override
    public void recordReply(String conversationId, String messageId, String reply) {
        Objects.requireNonNull(reply, "reply");
        try {
            database.write(handle -> {
                ProcessedSql.setReply(handle, conversationId, messageId, reply);
                return null;
            });
        } catch (RuntimeException e) {
            throw new UnableToStoreConversationException(
                    "unable to record the reply to message '" + messageId + "' of conversation '" + conversationId
                            + "' in " + database.location() + ": " + DriverFailures.describe(e),
                    e);
        }
    }

    /** Records the reply in the turn's transcript entry and, with a transport id, for that id; in one transaction. */
    @Override
    public void recordReply(String conversationId, int turn, String messageId, String reply) {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(reply, "reply");
        try {
            database.write(handle -> {
                TurnSql.setReply(handle, conversationId, turn, reply);
                if (messageId != null) {
                    ProcessedSql.setReply(handle, conversationId, messageId, reply);
                }
                return null;
            });
        } catch (RuntimeException e) {
            throw new UnableToStoreConversationException(
                    "unable to record the reply to turn " + turn + " of conversation '" + conversationId + "' in "
                            + database.location() + ": " + DriverFailures.describe(e),
                    e);
        }
    }

    /** The conversation's transcript, first turn first; empty for turns stored before transcripts were kept. */
    public List<ConversationTurn> turns(String conversationId) {
        Objects.requireNonNull(conversationId, "conversationId");
        return read(
                handle -> TurnSql.forConversation(handle, conversationId),
                () -> "the transcript of conversation '" + conversationId + "'");
    }

    /** Every turn handled at or after {@code from} and before {@code to}, by conversation, then turn. */
    public List<ConversationTurn> turnsBetween(Instant from, Instant to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        return read(handle -> TurnSql.between(handle, from, to), () -> "the turns from " + from + " to " + to);
    }

    /**
     * Passes the transcripts {@code query} selects to {@code each}, one conversation (first turn first)
     * at a time, the conversation that started first first; rows are streamed, so a large database is
     * read without holding it in memory. {@code each} runs while the rows are read: it must not use
     * this store.
     *
     * @throws UnableToAccessStoreException if they cannot be read, or a row holds a bad value
     */
    public void forEachTranscript(TranscriptQuery query, java.util.function.Consumer<List<ConversationTurn>> each) {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(each, "each");
        read(
                handle -> {
                    TurnSql.forEachTranscript(handle, query.since(), query.conversationId(), query.limit(), each);
                    return null;
                },
                () -> "the transcripts");
    }

    /**
     * A page of the stored conversations, the most recently active first.
     *
     * @throws IllegalArgumentException if {@code offset} is negative or {@code limit} is not positive
     */
    public List<Conversation> conversations(int offset, int limit) {
        if (offset < 0 || limit < 1) {
            throw new IllegalArgumentException(
                    "offset must not be negative and limit must be positive, but were " + offset + " and " + limit);
        }
        return read(handle -> ConversationSql.page(handle, offset, limit), () -> "the conversations");
    }

    private <T> T read(
            org.jdbi.v3.core.HandleCallback<T, RuntimeException> work, java.util.function.Supplier<String> what) {
        try {
            return database.read(work);
        } catch (UnableToAccessStoreException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new UnableToAccessStoreException(
                    "unable to read " + what.get() + " from " + database.location() + ": " + DriverFailures.describe(e),
                    e);
        }
    }
}
