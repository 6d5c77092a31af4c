package dev.escalation.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.CustomerMessage;
import dev.escalation.core.EscalationEngine;
import dev.escalation.core.OfflineLanguageModel;
import dev.escalation.core.State;
import dev.escalation.core.Ticket;
import dev.escalation.core.TurnResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two instances of the service (two engines, each with its own {@link EscalationDatabase}) on one
 * shared database: one conversation stays consistent and one confirmation makes one ticket, even when
 * both get the same message at the same moment.
 */
@ParameterizedClass
@EnumSource(StoreBackend.class)
class SeveralInstancesTest {

    private static final int CONVERSATIONS = 10;
    private static final String REASON = "I've been trying to resolve this for weeks and I'm frustrated!";
    private static final String DETAILS =
            "My premium was taken twice this month and nobody has refunded the duplicate payment.";

    @Parameter
    StoreBackend backend;

    @TempDir
    Path dir;

    private EscalationDatabase first;
    private EscalationDatabase second;
    private EscalationEngine one;
    private EscalationEngine two;
    private ExecutorService pool;

    @BeforeEach
    void startTwoInstances() {
        StoreBackend.Location location = backend.newLocation(dir);
        first = location.open();
        second = location.open();
        one = engine(first);
        two = engine(second);
        pool = Executors.newFixedThreadPool(2);
    }

    @AfterEach
    void stopThem() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        first.close();
        second.close();
    }

    private static EscalationEngine engine(EscalationDatabase database) {
        return EscalationEngine.builder()
                .languageModel(new OfflineLanguageModel())
                .conversationStore(database.conversationStore())
                .ticketStore(database.ticketStore())
                .build();
    }

    /** Runs both at the same moment (as far as threads allow) and returns both results. */
    private List<TurnResult> atOnce(Callable<TurnResult> a, Callable<TurnResult> b) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        Future<TurnResult> fa = pool.submit(() -> {
            go.await();
            return a.call();
        });
        Future<TurnResult> fb = pool.submit(() -> {
            go.await();
            return b.call();
        });
        go.countDown();
        return List.of(fa.get(60, TimeUnit.SECONDS), fb.get(60, TimeUnit.SECONDS));
    }

    private void awaitConfirmation(String conversation, String customer) {
        one.handle(new CustomerMessage(conversation, customer, REASON, "m1"));
        TurnResult summary = two.handle(new CustomerMessage(conversation, customer, DETAILS, "m2"));
        assertThat(summary.state()).isEqualTo(State.CONFIRMATION);
    }

    @Test
    void theSameConfirmationDeliveredToBothAtOnceCreatesOneTicketAndBothAnswerWithIt() throws Exception {
        for (int i = 0; i < CONVERSATIONS; i++) {
            String conversation = "c" + i;
            String customer = "u" + i;
            awaitConfirmation(conversation, customer);
            CustomerMessage yes = new CustomerMessage(conversation, customer, "yes", "m3");

            List<TurnResult> both = atOnce(() -> one.handle(yes), () -> two.handle(yes));

            List<Ticket> tickets = first.ticketStore().listForCustomer(customer);
            assertThat(tickets)
                    .as("tickets of %s after one yes delivered twice", conversation)
                    .hasSize(1);
            assertThat(both).allSatisfy(result -> {
                assertThat(result.state()).isEqualTo(State.TICKET_CREATED);
                assertThat(result.turn()).isEqualTo(3);
                assertThat(result.ticket()).contains(tickets.get(0));
                assertThat(result.reply()).contains(tickets.get(0).ticketId().value());
            });
            assertThat(second.conversationStore()
                            .load(conversation)
                            .orElseThrow()
                            .turns())
                    .isEqualTo(3);
            assertThat(first.conversationStore().findProcessed(conversation, "m3"))
                    .get()
                    .satisfies(stored -> assertThat(stored.ticketId())
                            .isEqualTo(tickets.get(0).ticketId()));
        }
    }

    @Test
    void twoDifferentYesesToBothAtOnceCreateOneTicketAndCountBothTurns() throws Exception {
        for (int i = 0; i < CONVERSATIONS; i++) {
            String conversation = "c" + i;
            String customer = "u" + i;
            awaitConfirmation(conversation, customer);

            List<TurnResult> both = atOnce(
                    () -> one.handle(new CustomerMessage(conversation, customer, "yes", "m3")),
                    () -> two.handle(new CustomerMessage(conversation, customer, "yes please", "m4")));

            assertThat(first.ticketStore().listForCustomer(customer))
                    .as("tickets of %s after two yeses", conversation)
                    .hasSize(1);
            assertThat(both).extracting(TurnResult::turn).containsExactlyInAnyOrder(3, 4);
            assertThat(both).extracting(TurnResult::state).containsOnly(State.TICKET_CREATED);
            assertThat(second.conversationStore()
                            .load(conversation)
                            .orElseThrow()
                            .turns())
                    .isEqualTo(4);
        }
    }

    @Test
    void messagesOfOneConversationSentThroughBothInstancesAtOnceAreAllCounted() throws Exception {
        int perInstance = 10;
        List<Callable<Void>> senders = new ArrayList<>();
        for (EscalationEngine engine : List.of(one, two)) {
            String prefix = engine == one ? "a" : "b";
            senders.add(() -> {
                for (int i = 0; i < perInstance; i++) {
                    engine.handle(new CustomerMessage("shared", "u1", "hello", prefix + i));
                }
                return null;
            });
        }

        for (Future<Void> sent : pool.invokeAll(senders, 120, TimeUnit.SECONDS)) {
            sent.get();
        }

        assertThat(first.conversationStore().load("shared").orElseThrow().turns())
                .isEqualTo(2 * perInstance);
        for (int i = 0; i < perInstance; i++) {
            assertThat(second.conversationStore().findProcessed("shared", "a" + i))
                    .isPresent();
            assertThat(second.conversationStore().findProcessed("shared", "b" + i))
                    .isPresent();
        }
    }
}
