package dev.escalation.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.CustomerMessage;
import dev.escalation.core.EscalationEngine;
import dev.escalation.core.OfflineLanguageModel;
import dev.escalation.core.State;
import dev.escalation.core.Ticket;
import dev.escalation.core.TicketUpdate;
import dev.escalation.core.TurnResult;
import dev.escalation.core.simulation.Profile;
import dev.escalation.core.simulation.Profiles;
import dev.escalation.core.simulation.SimulatedCustomer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole flow on the real engine, the offline model and a real SQLite file. */
class EngineOnSqliteTest {

  @TempDir
  Path dir;

  private static EscalationEngine engine(EscalationDatabase database) {
    return EscalationEngine.builder().languageModel(new OfflineLanguageModel())
        .conversationStore(database.conversationStore()).ticketStore(database.ticketStore()).build();
  }

  @Test
  void theFortyDevProfilesEachEndWithTheRubricsTicketInTheDatabase() {
    try (EscalationDatabase database = EscalationDatabase.openSqlite(dir.resolve("tickets.db"))) {
      SimulatedCustomer customer = new SimulatedCustomer(engine(database));
      List<Profile> profiles = Profiles.dev();

      List<SimulatedCustomer.Transcript> failed = profiles.stream()
          .map(profile -> customer.play(profile, "conv-" + profile.id()))
          .filter(transcript -> !transcript.succeeded())
          .toList();

      assertThat(failed).as("profiles that did not reach the rubric's ticket").isEmpty();
      long confirming = profiles.stream().filter(Profile::confirm).count();
      assertThat(database.ticketStore().list()).hasSize((int) confirming);
      for (Ticket ticket : database.ticketStore().list()) {
        assertThat(database.ticketStore().history(ticket.ticketId())).first()
            .satisfies(entry -> assertThat(entry.kind()).isEqualTo(TicketUpdate.Kind.CREATED));
      }
    }
  }

  @Test
  void aRestartInTheMiddleOfAConversationContinuesWhereItWasWithExactlyOneTicket() {
    Path file = dir.resolve("restart.db");
    try (EscalationDatabase database = EscalationDatabase.openSqlite(file)) {
      EscalationEngine engine = engine(database);
      engine.handle(new CustomerMessage("c1", "u1", "I've been trying to resolve this for weeks and I'm frustrated!"));
      TurnResult summary = engine.handle(new CustomerMessage("c1", "u1",
          "My premium was taken twice this month and nobody has refunded the duplicate payment."));
      assertThat(summary.state()).isEqualTo(State.CONFIRMATION);
    }

    try (EscalationDatabase reopened = EscalationDatabase.openSqlite(file)) {
      EscalationEngine engine = engine(reopened);
      TurnResult confirmed = engine.handle(new CustomerMessage("c1", "u1", "yes"));
      TurnResult again = engine.handle(new CustomerMessage("c1", "u1", "yes, go ahead"));

      assertThat(confirmed.state()).isEqualTo(State.TICKET_CREATED);
      assertThat(confirmed.turn()).isEqualTo(3);
      assertThat(again.state()).isEqualTo(State.TICKET_CREATED);
      assertThat(reopened.ticketStore().listForCustomer("u1")).singleElement()
          .satisfies(ticket -> assertThat(ticket.priority().wireName()).isEqualTo("high"));
    }
  }

  @Test
  void manyConversationsAtOnceOnOneFileAllGetTheirTicket() throws Exception {
    try (EscalationDatabase database = EscalationDatabase.openSqlite(dir.resolve("parallel.db"))) {
      EscalationEngine engine = engine(database);
      ExecutorService pool = Executors.newFixedThreadPool(8);
      List<Future<TurnResult>> results = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        String conversation = "c" + i;
        String customer = "u" + i;
        results.add(pool.submit(() -> {
          engine.handle(new CustomerMessage(conversation, customer, "I was charged twice for my invoice this month"));
          engine.handle(new CustomerMessage(conversation, customer,
              "The March invoice shows the same $40 charge two times and I want the second one refunded."));
          return engine.handle(new CustomerMessage(conversation, customer, "yes"));
        }));
      }
      for (Future<TurnResult> result : results) {
        assertThat(result.get(60, TimeUnit.SECONDS).state()).isEqualTo(State.TICKET_CREATED);
      }
      pool.shutdown();

      assertThat(database.ticketStore().list()).hasSize(100);
    }
  }
}
