package dev.escalation.store;

import dev.escalation.core.Ticket;
import dev.escalation.core.TicketChange;
import dev.escalation.core.TicketId;
import dev.escalation.core.TicketNotFoundException;
import dev.escalation.core.TicketStore;
import dev.escalation.core.TicketUpdate;
import dev.escalation.core.UnableToAccessStoreException;
import dev.escalation.core.UnableToUpdateTicketException;
import dev.escalation.store.internal.DriverFailures;
import dev.escalation.store.internal.StoreDatabase;
import dev.escalation.store.internal.TicketSql;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.HandleCallback;

/**
 * The ticket store on a database: tickets with their audit trail, every change written in the same
 * transaction as its audit entry. Obtained from {@link EscalationDatabase#ticketStore()}.
 *
 * <p>Thread-safe: writes of this process run one at a time, reads run in parallel with them.
 * Example: {@code database.ticketStore().findForCustomer(TicketId.of("TK-7QX2M9PA"), "u1")}.
 */
public final class JdbiTicketStore implements TicketStore {

    private final StoreDatabase database;

    JdbiTicketStore(StoreDatabase database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    @Override
    public Optional<Ticket> find(TicketId ticketId) {
        Objects.requireNonNull(ticketId, "ticketId");
        return read(handle -> TicketSql.find(handle, ticketId), () -> "ticket " + ticketId);
    }

    /** Filters by owner in SQL, so another customer's ticket is never even read. */
    @Override
    public Optional<Ticket> findForCustomer(TicketId ticketId, String customerId) {
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(customerId, "customerId");
        return read(
                handle -> TicketSql.findForCustomer(handle, ticketId, customerId),
                () -> "ticket " + ticketId + " of customer '" + customerId + "'");
    }

    @Override
    public List<Ticket> list() {
        return read(TicketSql::list, () -> "the tickets");
    }

    @Override
    public List<Ticket> listForCustomer(String customerId) {
        Objects.requireNonNull(customerId, "customerId");
        return read(
                handle -> TicketSql.listForCustomer(handle, customerId),
                () -> "the tickets of customer '" + customerId + "'");
    }

    /** One page of the tickets matching {@code query}, newest first; filtered and paged in SQL. */
    public List<Ticket> search(TicketQuery query) {
        Objects.requireNonNull(query, "query");
        return read(handle -> TicketSql.search(handle, query), () -> "the tickets matching " + query);
    }

    @Override
    public List<TicketUpdate> history(TicketId ticketId) {
        Objects.requireNonNull(ticketId, "ticketId");
        return read(handle -> TicketSql.history(handle, ticketId), () -> "the history of ticket " + ticketId);
    }

    @Override
    public Ticket update(TicketChange change) {
        Objects.requireNonNull(change, "change");
        try {
            return database.write(handle -> TicketSql.apply(handle, change));
        } catch (TicketNotFoundException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new UnableToUpdateTicketException(
                    "unable to update ticket " + change.ticketId() + " in " + database.location() + ": "
                            + DriverFailures.describe(e),
                    e);
        }
    }

    private <T> T read(HandleCallback<T, RuntimeException> work, Supplier<String> what) {
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
