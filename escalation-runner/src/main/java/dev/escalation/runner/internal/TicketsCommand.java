package dev.escalation.runner.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.escalation.core.EscalationException;
import dev.escalation.core.Ticket;
import dev.escalation.core.TicketChange;
import dev.escalation.core.TicketId;
import dev.escalation.core.TicketNotFoundException;
import dev.escalation.core.TicketStatus;
import dev.escalation.core.TicketStore;
import dev.escalation.core.TicketUpdate;
import dev.escalation.store.EscalationDatabase;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tickets list|show|update}: ticket administration for operators, straight on the database.
 *
 * <p>Not thread-safe; picocli runs it once. Example:
 * {@code java -jar escalation-runner.jar tickets update TK-7QX2M9PA --status resolved --note "refund issued"}.
 */
@Command(
        name = "tickets",
        description = "Lists, shows and updates tickets: list [--customer ID], show TK-..., "
                + "update TK-... [--status S] [--note TEXT] [--actor NAME].",
        subcommands = {
            TicketsCommand.ListTickets.class,
            TicketsCommand.ShowTicket.class,
            TicketsCommand.UpdateTicket.class
        })
final class TicketsCommand implements Callable<Integer> {

    static final String STATUSES =
            Stream.of(TicketStatus.values()).map(TicketStatus::wireName).collect(Collectors.joining(", "));

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand: list, show or update");
    }

    /**
     * {@code tickets list}: the tickets, newest first, as a table or JSON.
     *
     * <p>Not thread-safe; picocli runs it once. Example: {@code tickets list --customer u1 --json}.
     */
    @Command(name = "list", description = "Lists tickets, newest first.")
    static final class ListTickets implements Callable<Integer> {
        private final PrintStream stdout;
        private final DatabaseOpener databases;

        @Option(names = "--customer", paramLabel = "ID", description = "Only this customer's tickets.")
        String customer;

        @Option(names = "--json", description = "Print a JSON array instead of a table.")
        boolean json;

        ListTickets(PrintStream stdout, DatabaseOpener databases) {
            this.stdout = stdout;
            this.databases = databases;
        }

        @Override
        public Integer call() {
            try (EscalationDatabase database = databases.open()) {
                TicketStore store = database.ticketStore();
                List<Ticket> tickets = customer == null ? store.list() : store.listForCustomer(customer);
                if (json) {
                    ArrayNode array = JsonLines.array();
                    tickets.forEach(ticket -> array.add(JsonLines.ticket(ticket)));
                    JsonLines.writeLine(stdout, array);
                } else {
                    printTable(stdout, tickets);
                }
            }
            return ExitCodes.OK;
        }

        private void printTable(PrintStream out, List<Ticket> tickets) {
            if (tickets.isEmpty()) {
                out.println(customer == null ? "No tickets." : "No tickets for customer " + customer + ".");
                out.flush();
                return;
            }
            String format = "%-11s  %-19s  %-8s  %-17s  %-20s  %-20s  %s%n";
            out.printf(format, "TICKET", "STATUS", "PRIORITY", "DEPARTMENT", "CUSTOMER", "CREATED", "DESCRIPTION");
            for (Ticket ticket : tickets) {
                out.printf(
                        format,
                        ticket.ticketId(),
                        ticket.status().wireName(),
                        ticket.priority().wireName(),
                        ticket.department().displayName(),
                        ticket.customerId(),
                        seconds(ticket.createdAt()),
                        firstLine(ticket.description(), 60));
            }
            out.flush();
        }
    }

    /**
     * {@code tickets show}: one ticket and its audit trail.
     *
     * <p>Not thread-safe; picocli runs it once. Example: {@code tickets show TK-7QX2M9PA --json}.
     */
    @Command(name = "show", description = "Shows a ticket and its audit trail, oldest entry first.")
    static final class ShowTicket implements Callable<Integer> {
        private final PrintStream stdout;
        private final DatabaseOpener databases;

        @Parameters(index = "0", paramLabel = "TK-...", description = "The ticket id.")
        String ticketId;

        @Option(names = "--json", description = "Print JSON: the ticket with a \"history\" array.")
        boolean json;

        ShowTicket(PrintStream stdout, DatabaseOpener databases) {
            this.stdout = stdout;
            this.databases = databases;
        }

        @Override
        public Integer call() {
            TicketId id = parseId(ticketId);
            try (EscalationDatabase database = databases.open()) {
                TicketStore store = database.ticketStore();
                Ticket ticket = store.find(id).orElseThrow(() -> CommandFailure.notFound("no ticket " + id));
                List<TicketUpdate> history = store.history(id);
                if (json) {
                    ObjectNode node = JsonLines.ticket(ticket);
                    node.set("history", JsonLines.history(history));
                    JsonLines.writeLine(stdout, node);
                } else {
                    print(stdout, ticket, history);
                }
            }
            return ExitCodes.OK;
        }

        private static void print(PrintStream out, Ticket ticket, List<TicketUpdate> history) {
            out.println("Ticket " + ticket.ticketId());
            out.println("  Status:       " + ticket.status().wireName());
            out.println("  Priority:     " + ticket.priority().wireName());
            out.println("  Department:   " + ticket.department().displayName());
            ticket.fields()
                    .forEach((name, value) -> out.println("  " + String.format("%-13s", name + ":") + " " + value));
            out.println("  Customer:     " + ticket.customerId());
            out.println("  Conversation: " + ticket.conversationId());
            out.println("  Created:      " + seconds(ticket.createdAt()));
            out.println("  Updated:      " + seconds(ticket.updatedAt()));
            out.println("  Description:");
            ticket.description().lines().forEach(line -> out.println("    " + line));
            out.println("History:");
            int actorWidth = history.stream()
                    .mapToInt(update -> update.actor().length())
                    .max()
                    .orElse(0);
            for (TicketUpdate update : history) {
                StringBuilder entry = new StringBuilder("  ")
                        .append(seconds(update.at()))
                        .append("  ")
                        .append(String.format("%-" + actorWidth + "s", update.actor()))
                        .append("  ")
                        .append(String.format("%-14s", update.kind().name().toLowerCase(Locale.ROOT)));
                if (update.toStatus() != null) {
                    entry.append("  ")
                            .append(
                                    update.fromStatus() == null
                                            ? ""
                                            : update.fromStatus().wireName() + " -> ")
                            .append(update.toStatus().wireName());
                }
                if (update.note() != null) {
                    entry.append("  \"").append(update.note()).append('"');
                }
                out.println(entry.toString().stripTrailing());
            }
            out.flush();
        }
    }

    /**
     * {@code tickets update}: a new status, a note, or both, recorded in the audit trail.
     *
     * <p>Not thread-safe; picocli runs it once. Example: {@code tickets update TK-7QX2M9PA --status in_progress}.
     */
    @Command(
            name = "update",
            description = "Changes a ticket's status and/or adds a note; both go into its audit trail.")
    static final class UpdateTicket implements Callable<Integer> {
        private final PrintStream stdout;
        private final EnvironmentVariables env;
        private final Clock clock;
        private final DatabaseOpener databases;

        @Parameters(index = "0", paramLabel = "TK-...", description = "The ticket id.")
        String ticketId;

        @Option(
                names = "--status",
                paramLabel = "S",
                description = "The new status: one of open, in_progress," + " waiting_on_customer, resolved, closed.")
        String status;

        @Option(names = "--note", paramLabel = "TEXT", description = "A note to add.")
        String note;

        @Option(
                names = "--actor",
                paramLabel = "NAME",
                description = "Who makes the change; a bare name means operator:NAME. Default: operator:$USER.")
        String actor;

        @Option(names = "--json", description = "Print the changed ticket as JSON.")
        boolean json;

        UpdateTicket(PrintStream stdout, EnvironmentVariables env, Clock clock, DatabaseOpener databases) {
            this.stdout = stdout;
            this.env = env;
            this.clock = clock;
            this.databases = databases;
        }

        @Override
        public Integer call() {
            TicketId id = parseId(ticketId);
            TicketStatus newStatus = null;
            if (status != null) {
                newStatus = TicketStatus.parse(status)
                        .orElseThrow(() -> CommandFailure.usage(
                                "--status must be one of " + STATUSES + ", but was '" + status + "'"));
            }
            if (newStatus == null && (note == null || note.isBlank())) {
                throw CommandFailure.usage("tickets update needs --status or --note (or both)");
            }
            if (note != null && note.length() > TicketChange.MAX_NOTE_LENGTH) {
                throw CommandFailure.usage("--note must be at most " + TicketChange.MAX_NOTE_LENGTH
                        + " characters, but was " + note.length());
            }
            String who = actor();
            try (EscalationDatabase database = databases.open()) {
                TicketStore store = database.ticketStore();
                Ticket before = store.find(id).orElseThrow(() -> CommandFailure.notFound("no ticket " + id));
                Ticket after;
                try {
                    after = store.update(new TicketChange(id, who, newStatus, note, clock.instant()));
                } catch (TicketNotFoundException e) {
                    throw CommandFailure.notFound("no ticket " + id);
                } catch (EscalationException e) {
                    throw CommandFailure.failed("unable to update " + id + ": " + e.getMessage(), e);
                }
                if (json) {
                    JsonLines.writeLine(stdout, JsonLines.ticket(after));
                } else {
                    PrintStream out = stdout;
                    out.println("Updated " + id + ": status " + before.status().wireName()
                            + (before.status() == after.status()
                                    ? ""
                                    : " -> " + after.status().wireName())
                            + (note == null || note.isBlank() ? "" : ", note added") + " (by " + who + ")");
                    out.flush();
                }
            }
            return ExitCodes.OK;
        }

        private String actor() {
            try {
                return Operators.actor(actor, env.get("USER", null));
            } catch (IllegalArgumentException e) {
                throw CommandFailure.usage("--actor must not be blank");
            }
        }
    }

    static TicketId parseId(String value) {
        return TicketId.parse(value)
                .orElseThrow(() -> CommandFailure.usage("'" + value + "' is not a ticket id: "
                        + "expected TK- followed by " + TicketId.LENGTH + " characters of " + TicketId.ALPHABET));
    }

    private static String seconds(Instant at) {
        return at.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static String firstLine(String text, int max) {
        String line = text.lines().findFirst().orElse("").strip();
        boolean more = line.length() > max || text.strip().contains("\n");
        if (line.length() > max) {
            line = line.substring(0, max - 3);
        }
        return more ? line + "..." : line;
    }
}
