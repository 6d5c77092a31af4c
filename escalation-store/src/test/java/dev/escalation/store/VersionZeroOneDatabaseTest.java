package dev.escalation.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.CustomerMessage;
import dev.escalation.core.Department;
import dev.escalation.core.EscalationEngine;
import dev.escalation.core.FlowDefinition;
import dev.escalation.core.OfflineLanguageModel;
import dev.escalation.core.State;
import dev.escalation.core.Ticket;
import dev.escalation.core.TicketId;
import dev.escalation.core.TicketUpdate;
import dev.escalation.core.TurnResult;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/**
 * A database written by v0.1.0 (schema version 2, departments checked by SQL, no ticket fields)
 * opens under the flow-spec schema with every ticket and audit entry intact, and a conversation it
 * left in the middle finishes.
 */
class VersionZeroOneDatabaseTest {

    @TempDir
    Path dir;

    // Exactly what v0.1.0 had: its two migrations, then rows in the shape its code wrote them.
    private static void writeAsVersionZeroOne(Path file) throws Exception {
        SQLiteDataSource source = new SQLiteDataSource();
        source.setUrl("jdbc:sqlite:" + file);
        Flyway.configure(VersionZeroOneDatabaseTest.class.getClassLoader())
                .dataSource(source)
                .locations(
                        "classpath:dev/escalation/store/migration/common",
                        "classpath:dev/escalation/store/migration/sqlite")
                .target("2")
                .load()
                .migrate();
        try (Connection connection = source.getConnection();
                Statement sql = connection.createStatement()) {
            sql.executeUpdate(
                    "INSERT INTO tickets VALUES ('TK-QUA9ZSGS', 'ana', 'c-old', 'I was charged twice',"
                            + " 'Billing', 'high', 'in_progress', '2026-01-05T10:00:00.000000000Z', '2026-01-06T09:00:00.000000000Z')");
            sql.executeUpdate(
                    "INSERT INTO ticket_updates (ticket_id, at, actor, kind, from_status, to_status, note)"
                            + " VALUES ('TK-QUA9ZSGS', '2026-01-05T10:00:00.000000000Z', 'customer:ana', 'CREATED', NULL, 'open', NULL)");
            sql.executeUpdate("INSERT INTO ticket_updates (ticket_id, at, actor, kind, from_status, to_status, note)"
                    + " VALUES ('TK-QUA9ZSGS', '2026-01-06T09:00:00.000000000Z', 'operator:bo', 'STATUS_CHANGED', 'open',"
                    + " 'in_progress', 'looking into it')");
            sql.executeUpdate("INSERT INTO conversations VALUES ('c-mid', 'ana', 'DETAILS', '{\"department\":null,"
                    + "\"departmentFromCustomer\":false,\"priority\":\"high\",\"priorityFromCustomer\":false,"
                    + "\"description\":\"I have been trying to sort this out for weeks and I am frustrated!\","
                    + "\"reasonGiven\":true,\"detailsGiven\":false,\"contact\":null,\"extra\":{}}', 'DETAILS', 1, NULL,"
                    + " NULL, 1, 1, '2026-01-07T08:00:00.000000000Z', '2026-01-07T08:00:00.000000000Z')");
        }
    }

    @Test
    void everyTicketAndAuditEntryOfAVersionZeroOneDatabaseIsIntactAfterTheMigration() throws Exception {
        Path file = dir.resolve("v010.db");
        writeAsVersionZeroOne(file);

        try (EscalationDatabase database = EscalationDatabase.openSqlite(file)) {
            Ticket ticket =
                    database.ticketStore().find(TicketId.of("TK-QUA9ZSGS")).orElseThrow();
            List<TicketUpdate> history = database.ticketStore().history(ticket.ticketId());

            assertThat(ticket.department()).isSameAs(Department.BILLING);
            assertThat(ticket.description()).isEqualTo("I was charged twice");
            assertThat(ticket.fields()).isEmpty();
            assertThat(history)
                    .extracting(TicketUpdate::kind)
                    .containsExactly(TicketUpdate.Kind.CREATED, TicketUpdate.Kind.STATUS_CHANGED);
            assertThat(history.get(1).note()).isEqualTo("looking into it");
        }
    }

    @Test
    void aConversationVersionZeroOneLeftInTheMiddleFinishesWithATicket() throws Exception {
        Path file = dir.resolve("v010.db");
        writeAsVersionZeroOne(file);

        try (EscalationDatabase database = EscalationDatabase.openSqlite(file)) {
            EscalationEngine engine = EscalationEngine.builder()
                    .languageModel(new OfflineLanguageModel())
                    .conversationStore(database.conversationStore())
                    .ticketStore(database.ticketStore())
                    .clock(java.time.Clock.fixed(
                            java.time.Instant.parse("2026-01-07T09:00:00Z"), java.time.ZoneOffset.UTC))
                    .build();
            TurnResult summary = engine.handle(
                    new CustomerMessage(
                            "c-mid",
                            "ana",
                            "My car insurance premium has been taken twice every month since March and I want the money back."));
            TurnResult done = engine.handle(new CustomerMessage("c-mid", "ana", "yes"));

            assertThat(summary.state()).isEqualTo(State.CONFIRMATION);
            assertThat(done.state()).isEqualTo(State.TICKET_CREATED);
            assertThat(done.ticket()).get().extracting(Ticket::department).isEqualTo(Department.BILLING);
            assertThat(database.ticketStore().listForCustomer("ana")).hasSize(2);
        }
    }

    @Test
    void aTicketOfAFlowWithItsOwnDepartmentAndFieldsIsStoredAndReadBack() throws Exception {
        Path file = dir.resolve("bank.db");
        writeAsVersionZeroOne(file);

        try (EscalationDatabase database = EscalationDatabase.openSqlite(file)) {
            EscalationEngine engine = EscalationEngine.builder()
                    .flow(FlowDefinition.load(Path.of("../flows/bank.yaml")))
                    .conversationStore(database.conversationStore())
                    .ticketStore(database.ticketStore())
                    .build();
            for (String text : List.of(
                    "My card was blocked at the shop and I need this escalated today!",
                    "Since Monday my card is declined everywhere, the ATM kept it and nobody at the branch helps.",
                    "12345678",
                    "yes")) {
                engine.handle(new CustomerMessage("c-bank", "bo", text));
            }

            Ticket stored = database.ticketStore().listForCustomer("bo").get(0);
            assertThat(stored.department().displayName()).isEqualTo("Cards");
            assertThat(stored.fields()).containsEntry("account_number", "12345678");
        }
    }
}
