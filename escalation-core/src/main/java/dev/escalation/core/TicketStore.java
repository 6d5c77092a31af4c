package dev.escalation.core;

import java.util.List;
import java.util.Optional;

/**
 * The port to the tickets and their audit trail.
 *
 * <p>Implementations must be thread-safe. Example: {@code store.findForCustomer(id, "u1")}.
 */
public interface TicketStore {

    /** Any ticket by id: for operators, never for answering customers. */
    Optional<Ticket> find(TicketId ticketId);

    /** The ticket only if {@code customerId} owns it; another customer's ticket is empty, as if absent. */
    default Optional<Ticket> findForCustomer(TicketId ticketId, String customerId) {
        return find(ticketId).filter(ticket -> ticket.customerId().equals(customerId));
    }

    /** All tickets, newest first. */
    List<Ticket> list();

    /** The customer's tickets, newest first. */
    List<Ticket> listForCustomer(String customerId);

    /** The ticket's audit trail, oldest first; empty if there is no such ticket. */
    List<TicketUpdate> history(TicketId ticketId);

    /**
     * Applies a change with its audit entry in one transaction and returns the ticket as changed.
     *
     * @throws TicketNotFoundException if there is no such ticket
     * @throws UnableToUpdateTicketException for any other failure (nothing was stored)
     */
    Ticket update(TicketChange change);
}
