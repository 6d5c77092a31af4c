package dev.escalation.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class EscalationEngineTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    private final InMemoryStore store = new InMemoryStore();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final SequentialIds ids = new SequentialIds();
    private final RecordingListener listener = new RecordingListener();
    private EscalationEngine engine = engine(new ScriptedLanguageModel());

    private EscalationEngine engine(LanguageModel model) {
        return EscalationEngine.builder()
                .languageModel(model)
                .conversationStore(store)
                .ticketStore(store)
                .clock(clock)
                .ticketIdGenerator(ids)
                .listener(listener)
                .build();
    }

    private TurnResult say(String text) {
        return say("c1", "u1", text);
    }

    private TurnResult say(String conversation, String customer, String text) {
        return engine.handle(new CustomerMessage(conversation, customer, text));
    }

    @Test
    void aGreetingStaysInReasonAndAsksWhy() {
        TurnResult result = say("hello");

        assertThat(result.state()).isEqualTo(State.REASON);
        assertThat(result.reply()).isEqualTo("AskReason|");
        assertThat(result.turn()).isEqualTo(1);
    }

    @Test
    void aReasonWithoutDetailsMovesToDetailsAndAsksForThem() {
        TurnResult result = say("reason");

        assertThat(result.state()).isEqualTo(State.DETAILS);
        assertThat(result.reply()).isEqualTo("AskDetails|");
    }

    @Test
    void detailsWithoutADepartmentAskForTheDepartmentThenSummarise() {
        say("reason");
        TurnResult asked = say("details");
        TurnResult summarised = say("department billing");

        assertThat(asked.state()).isEqualTo(State.DETAILS);
        assertThat(asked.reply()).isEqualTo("AskDepartment|");
        assertThat(summarised.state()).isEqualTo(State.CONFIRMATION);
        assertThat(summarised.reply()).isEqualTo("Summarize|");
        assertThat(summarised.slots().department()).isEqualTo(Department.BILLING);
        assertThat(summarised.slots().priority())
                .as("a summary always shows a priority")
                .isEqualTo(Priority.MEDIUM);
    }

    @Test
    void aFirstMessageWithReasonAndDetailsGoesStraightToConfirmation() {
        TurnResult result = say("details technical_support critical");

        assertThat(result.state()).isEqualTo(State.CONFIRMATION);
        assertThat(result.slots().priority()).isEqualTo(Priority.CRITICAL);
        assertThat(store.list()).isEmpty();
    }

    @Test
    void anExplicitYesCreatesExactlyOneOpenTicketAndAnnouncesItsId() {
        say("details billing high");
        List<String> chunks = new ArrayList<>();

        TurnResult result = engine.handle(new CustomerMessage("c1", "u1", "yes"), chunks::add);

        assertThat(result.state()).isEqualTo(State.TICKET_CREATED);
        Ticket ticket = result.ticket().orElseThrow();
        assertThat(ticket.ticketId().value()).isEqualTo("TK-AAAAAAAC");
        assertThat(ticket.status()).isEqualTo(TicketStatus.OPEN);
        assertThat(ticket.department()).isEqualTo(Department.BILLING);
        assertThat(ticket.priority()).isEqualTo(Priority.HIGH);
        assertThat(ticket.customerId()).isEqualTo("u1");
        assertThat(ticket.conversationId()).isEqualTo("c1");
        assertThat(ticket.description()).isEqualTo("details billing high");
        assertThat(ticket.createdAt()).isEqualTo(NOW);
        assertThat(result.reply()).isEqualTo("TicketCreated TK-AAAAAAAC|");
        assertThat(String.join("", chunks)).isEqualTo(result.reply());
        assertThat(store.list()).containsExactly(ticket);
        assertThat(store.history(ticket.ticketId()))
                .singleElement()
                .satisfies(entry -> assertThat(entry.kind()).isEqualTo(TicketUpdate.Kind.CREATED));
        assertThat(listener.events)
                .contains("ticketCreated TK-AAAAAAAC", "transition CONFIRMATION CONFIRM TICKET_CREATED");
    }

    @Test
    void yesBeforeTheSummaryCreatesNothing() {
        say("reason");

        TurnResult result = say("yes");

        assertThat(result.state()).isEqualTo(State.DETAILS);
        assertThat(store.list()).isEmpty();
    }

    @Test
    void aSecondYesAfterTheTicketCreatesNoSecondTicket() {
        say("details billing high");
        say("yes");

        TurnResult again = say("yes");

        assertThat(again.state()).isEqualTo(State.TICKET_CREATED);
        assertThat(again.reply()).isEqualTo("OfferFurtherHelp|");
        assertThat(store.list()).hasSize(1);
    }

    @Test
    void aCorrectionAtConfirmationChangesTheSlotAndSummarisesAgain() {
        say("details billing medium");

        TurnResult department = say("correct department sales");
        TurnResult priority = say("correct priority critical");

        assertThat(department.state()).isEqualTo(State.CONFIRMATION);
        assertThat(department.reply()).isEqualTo("Summarize|");
        assertThat(priority.slots().department()).isEqualTo(Department.SALES);
        assertThat(priority.slots().priority()).isEqualTo(Priority.CRITICAL);
        assertThat(priority.slots().priorityFromCustomer()).isTrue();
        Ticket ticket = say("yes").ticket().orElseThrow();
        assertThat(ticket.department()).isEqualTo(Department.SALES);
        assertThat(ticket.priority()).isEqualTo(Priority.CRITICAL);
    }

    @Test
    void theCustomersPriorityIsNotOverriddenByALaterGuess() {
        say("details billing medium");
        say("correct priority low");

        TurnResult result = say("details billing critical");

        assertThat(result.slots().priority()).isEqualTo(Priority.LOW);
    }

    @Test
    void aPlainNoAtConfirmationCancelsWithoutATicket() {
        say("details sales low");

        TurnResult result = say("no");

        assertThat(result.state()).isEqualTo(State.CANCELLED);
        assertThat(result.reply()).isEqualTo("Cancelled|");
        assertThat(store.list()).isEmpty();
    }

    @Test
    void cancelInReasonAndDetailsEndsTheCycle() {
        assertThat(say("c-reason", "u1", "cancel").state()).isEqualTo(State.CANCELLED);
        say("c-details", "u1", "reason");
        assertThat(say("c-details", "u1", "cancel").state()).isEqualTo(State.CANCELLED);
        assertThat(store.list()).isEmpty();
    }

    @Test
    void aStatusQuestionMidFlowAnswersAndKeepsTheStateAndSlots() {
        say("c0", "u1", "details billing high");
        Ticket ticket = say("c0", "u1", "yes").ticket().orElseThrow();
        say("reason");
        TurnResult before = say("details");

        TurnResult result = say("status " + ticket.ticketId().value().toLowerCase());

        assertThat(result.state()).isEqualTo(State.DETAILS);
        assertThat(result.slots()).isEqualTo(before.slots());
        assertThat(result.reply()).isEqualTo("ReportStatus " + ticket.ticketId() + " open|AskDepartment|");
        assertThat(listener.events).contains("status found");
    }

    @Test
    void aPureStatusQuestionIsNotAskedWhyTheCustomerWantsEscalation() {
        say("c0", "u1", "details billing high");
        Ticket ticket = say("c0", "u1", "yes").ticket().orElseThrow();

        TurnResult result = say("c-new", "u1", "status " + ticket.ticketId());

        assertThat(result.state()).isEqualTo(State.REASON);
        assertThat(result.reply()).isEqualTo("ReportStatus " + ticket.ticketId() + " open|OfferFurtherHelp|");
    }

    @Test
    void statusOfMyTicketUsesThisConversationsTicket() {
        say("details billing high");
        Ticket ticket = say("yes").ticket().orElseThrow();

        TurnResult result = say("status");

        assertThat(result.reply()).startsWith("ReportStatus " + ticket.ticketId());
    }

    @Test
    void anotherCustomersTicketGetsTheSameAnswerAsAMissingOne() {
        say("c-owner", "owner", "details billing high");
        Ticket ticket = say("c-owner", "owner", "yes").ticket().orElseThrow();

        TurnResult foreign = say("c-intruder", "intruder", "status " + ticket.ticketId());
        TurnResult missing = say("c-intruder2", "intruder", "status TK-ZZZZZZZZ");

        assertThat(foreign.reply()).isEqualTo("TicketNotFound|OfferFurtherHelp|");
        assertThat(missing.reply()).isEqualTo(foreign.reply());
        assertThat(listener.events).contains("status missing");
    }

    @Test
    void anUpdateAppendsANoteWithAnAuditEntryByTheCustomer() {
        say("details billing high");
        Ticket ticket = say("yes").ticket().orElseThrow();

        TurnResult result = say("update - also charged in May");

        assertThat(result.reply()).isEqualTo("UpdateAdded|OfferFurtherHelp|");
        assertThat(store.history(ticket.ticketId())).last().satisfies(entry -> {
            assertThat(entry.kind()).isEqualTo(TicketUpdate.Kind.NOTE_ADDED);
            assertThat(entry.actor()).isEqualTo("customer:u1");
            assertThat(entry.note()).isEqualTo("also charged in May");
        });
        assertThat(store.find(ticket.ticketId()).orElseThrow().status()).isEqualTo(TicketStatus.OPEN);
    }

    @Test
    void anUpdateToAnotherCustomersTicketChangesNothing() {
        say("c-owner", "owner", "details billing high");
        Ticket ticket = say("c-owner", "owner", "yes").ticket().orElseThrow();

        TurnResult result = say("c-intruder", "intruder", "update " + ticket.ticketId() + " close this now");

        assertThat(result.reply()).startsWith("TicketNotFound|");
        assertThat(store.history(ticket.ticketId())).hasSize(1);
    }

    @Test
    void anUpdateWithoutTextAsksWhatToAdd() {
        say("details billing high");
        say("yes");

        assertThat(say("update -").reply()).startsWith("AskUpdateText|");
    }

    @Test
    void aNewProblemAfterATicketStartsANewCycleWithEmptySlots() {
        say("details billing high");
        Ticket first = say("yes").ticket().orElseThrow();

        TurnResult next = say("reason");

        assertThat(next.state()).isEqualTo(State.DETAILS);
        assertThat(next.ticket()).isEmpty();
        assertThat(next.slots().department()).isNull();
        assertThat(next.slots().description()).isEqualTo("reason");
        say("details sales low");
        Ticket second = say("yes").ticket().orElseThrow();
        assertThat(second.ticketId()).isNotEqualTo(first.ticketId());
        assertThat(store.load("c1").orElseThrow().cycle()).isEqualTo(2);
        assertThat(say("status").reply()).startsWith("ReportStatus " + second.ticketId());
    }

    @Test
    void thanksAfterATicketKeepsTheFinishedCycle() {
        say("details billing high");
        Ticket ticket = say("yes").ticket().orElseThrow();

        TurnResult result = say("thanks");

        assertThat(result.state()).isEqualTo(State.TICKET_CREATED);
        assertThat(result.ticket()).contains(ticket);
        assertThat(result.slots().department()).isEqualTo(Department.BILLING);
    }

    @Test
    void aNewEngineOnTheSameStoreContinuesWhereTheConversationWas() {
        say("reason");
        say("details");

        engine = engine(new ScriptedLanguageModel());
        TurnResult resumed = say("department sales");
        TurnResult confirmed = say("yes");

        assertThat(resumed.state()).isEqualTo(State.CONFIRMATION);
        assertThat(resumed.turn()).isEqualTo(3);
        assertThat(confirmed.ticket()).isPresent();
        assertThat(store.list()).hasSize(1);
    }

    @Test
    void aRequiredApplicationSlotIsAskedForBeforeTheSummary() {
        engine = EscalationEngine.builder()
                .languageModel(new ScriptedLanguageModel())
                .conversationStore(store)
                .ticketStore(store)
                .clock(clock)
                .ticketIdGenerator(ids)
                .flow(FlowDefinition.builder().requiredSlot("policy_number").build())
                .build();

        TurnResult asked = say("details sales low");
        TurnResult summarised = say("policy A12345");

        assertThat(asked.state()).isEqualTo(State.DETAILS);
        assertThat(asked.reply()).isEqualTo("AskExtraSlot|");
        assertThat(summarised.state()).isEqualTo(State.CONFIRMATION);
        assertThat(summarised.slots().extra()).containsEntry("policy_number", "A12345");
    }

    @Test
    void aMessageOverTheLimitIsRefusedAndChangesNothing() {
        engine = EscalationEngine.builder()
                .languageModel(new ScriptedLanguageModel())
                .conversationStore(store)
                .ticketStore(store)
                .clock(clock)
                .maxMessageLength(100)
                .build();
        say("reason");

        TurnResult refused = say("details billing high " + "x".repeat(200));

        assertThat(refused.reply()).isEqualTo("Refused|");
        assertThat(refused.state()).isEqualTo(State.DETAILS);
        assertThat(store.load("c1").orElseThrow().turns())
                .as("the refused message is not a stored turn")
                .isEqualTo(1);
    }

    @Test
    void anotherCustomerCannotContinueSomeonesConversation() {
        say("c1", "owner", "details billing high");

        TurnResult result = say("c1", "intruder", "yes");

        assertThat(result.reply()).isEqualTo("Refused|");
        assertThat(result.slots()).isEqualTo(Slots.EMPTY);
        assertThat(result.turn())
                .as("not even the length of the conversation leaks")
                .isZero();
        assertThat(store.list()).isEmpty();
        assertThat(store.load("c1").orElseThrow().state()).isEqualTo(State.CONFIRMATION);
    }

    @Test
    void aTakenTicketIdIsReplacedByAFreshOne() {
        say("c0", "u1", "details billing high");
        say("c0", "u1", "yes");
        ids.repeatNext();
        say("details sales low");

        Ticket second = say("yes").ticket().orElseThrow();

        assertThat(store.list()).hasSize(2);
        assertThat(second.ticketId().value()).isEqualTo("TK-AAAAAAAD");
    }

    @Test
    void aModelFailureWithoutFallbackStoresNothingOfTheTurn() {
        engine = EscalationEngine.builder()
                .languageModel(new ScriptedLanguageModel())
                .conversationStore(store)
                .ticketStore(store)
                .clock(clock)
                .listener(listener)
                .offlineFallback(false)
                .build();
        say("reason");

        assertThatThrownBy(() -> say("boom"))
                .isInstanceOf(UnableToInterpretMessageException.class)
                .hasMessageContaining("scripted")
                .hasMessageContaining("c1");

        Conversation stored = store.load("c1").orElseThrow();
        assertThat(stored.turns()).isEqualTo(1);
        assertThat(stored.state()).isEqualTo(State.DETAILS);
        assertThat(listener.events).contains("turnFailed UnableToInterpretMessageException");
    }

    @Test
    void aModelFailureWithFallbackIsServedByTheOfflineModelAndMarkedDegraded() {
        List<String> reasons = new ArrayList<>();
        engine = EscalationEngine.builder()
                .languageModel(new ScriptedLanguageModel())
                .conversationStore(store)
                .ticketStore(store)
                .clock(clock)
                .listener(new EscalationListener() {
                    @Override
                    public void fellBack(String conversationId, String reason) {
                        reasons.add(conversationId + " " + reason);
                    }
                })
                .build();

        TurnResult result = say("boom");

        assertThat(result.degraded()).isTrue();
        assertThat(result.turn()).isEqualTo(1);
        assertThat(reasons).containsExactly("c1 IllegalStateException");
    }

    @Test
    void afterAFailureTheConfiguredModelIsSkippedUntilTheCooldownHasPassed() {
        AtomicInteger primaryCalls = new AtomicInteger();
        MutableClock time = new MutableClock(NOW);
        engine = EscalationEngine.builder()
                .conversationStore(store)
                .ticketStore(store)
                .clock(time)
                .fallbackCooldown(java.time.Duration.ofSeconds(30))
                .languageModel(new ScriptedLanguageModel() {
                    @Override
                    public Interpretation interpret(InterpretationRequest request) {
                        primaryCalls.incrementAndGet();
                        throw new IllegalStateException("endpoint down");
                    }
                })
                .build();

        TurnResult first = say("c1", "u1", "hello");
        time.advance(java.time.Duration.ofSeconds(10));
        TurnResult second = say("c2", "u2", "hello");
        time.advance(java.time.Duration.ofSeconds(25));
        TurnResult third = say("c3", "u3", "hello");

        assertThat(List.of(first.degraded(), second.degraded(), third.degraded()))
                .containsOnly(true);
        assertThat(primaryCalls.get())
                .as("tried on the first turn, skipped on the second, tried again after 30 s")
                .isEqualTo(2);
    }

    @Test
    void modelCallsAreSummedPerTurnAndReported() {
        List<ModelCall> reported = new ArrayList<>();
        engine = EscalationEngine.builder()
                .conversationStore(store)
                .ticketStore(store)
                .clock(clock)
                .languageModel(new ScriptedLanguageModel() {
                    @Override
                    public Interpretation interpret(InterpretationRequest request) {
                        request.calls()
                                .called(new ModelCall(
                                        "fake/m", "interpret", 100, 10, false, java.time.Duration.ZERO, "ok"));
                        return super.interpret(request);
                    }

                    @Override
                    public String reply(ReplyRequest request, Consumer<String> chunks) {
                        request.calls()
                                .called(new ModelCall("fake/m", "reply", 50, 20, true, java.time.Duration.ZERO, "ok"));
                        return super.reply(request, chunks);
                    }
                })
                .listener(new EscalationListener() {
                    @Override
                    public void modelCalled(String conversationId, ModelCall call) {
                        reported.add(call);
                    }
                })
                .build();

        TurnResult result = say("reason");

        assertThat(result.usage()).isEqualTo(new ModelUsage(2, 150, 30));
        assertThat(reported).extracting(ModelCall::operation).containsExactly("interpret", "reply");
    }

    @Test
    void theModelIsGivenTheTurnsDeadline() {
        List<java.time.Instant> deadlines = new ArrayList<>();
        engine = EscalationEngine.builder()
                .conversationStore(store)
                .ticketStore(store)
                .clock(clock)
                .turnTimeout(java.time.Duration.ofSeconds(7))
                .languageModel(new ScriptedLanguageModel() {
                    @Override
                    public Interpretation interpret(InterpretationRequest request) {
                        deadlines.add(request.deadline());
                        return super.interpret(request);
                    }
                })
                .build();

        say("reason");

        assertThat(deadlines).containsExactly(NOW.plusSeconds(7));
    }

    @Test
    void aModelThatFailsToWordTheReplyStillAnnouncesTheStoredTicket() {
        engine = engine(new ScriptedLanguageModel() {
            @Override
            public String reply(ReplyRequest request, Consumer<String> chunks) {
                chunks.accept("Great, ");
                throw new IllegalStateException("stream cut off");
            }
        });
        say("details billing high");
        List<String> chunks = new ArrayList<>();

        TurnResult result = engine.handle(new CustomerMessage("c1", "u1", "yes"), chunks::add);

        Ticket ticket = store.list().get(0);
        assertThat(result.reply())
                .startsWith("Great, \n")
                .contains(ticket.ticketId().value());
        assertThat(String.join("", chunks)).isEqualTo(result.reply());
    }

    @Test
    void aFailingListenerDoesNotBreakTheTurn() {
        engine = EscalationEngine.builder()
                .languageModel(new ScriptedLanguageModel())
                .conversationStore(store)
                .ticketStore(store)
                .listener(new EscalationListener() {
                    @Override
                    public void turnStarted(CustomerMessage message) {
                        throw new IllegalStateException("listener bug");
                    }
                })
                .build();

        assertThat(say("reason").state()).isEqualTo(State.DETAILS);
    }

    @Test
    void twoEnginesTakingTurnsOnOneConversationEachDecideFromTheStoredState() {
        EscalationEngine first = engine;
        EscalationEngine second = engine(new ScriptedLanguageModel());

        TurnResult reason = first.handle(new CustomerMessage("c1", "u1", "reason"));
        TurnResult details = second.handle(new CustomerMessage("c1", "u1", "details"));
        TurnResult department = first.handle(new CustomerMessage("c1", "u1", "department billing"));
        TurnResult confirmed = second.handle(new CustomerMessage("c1", "u1", "yes"));
        TurnResult status = first.handle(new CustomerMessage("c1", "u1", "status"));

        assertThat(List.of(reason.state(), details.state(), department.state(), confirmed.state(), status.state()))
                .containsExactly(
                        State.DETAILS, State.DETAILS, State.CONFIRMATION, State.TICKET_CREATED, State.TICKET_CREATED);
        assertThat(confirmed.ticket()).isPresent();
        assertThat(store.list()).hasSize(1);
    }

    @Test
    void aConflictingWriterMakesTheEngineReadAgainAndRedoTheTurn() {
        ConversationStore racing = new ConversationStore() {
            private boolean raced;

            @Override
            public java.util.Optional<Conversation> load(String conversationId) {
                return store.load(conversationId);
            }

            @Override
            public CommittedTurn commit(PendingTurn turn) {
                if (!raced) {
                    raced = true;
                    // Another instance stores a turn of the same conversation between our read and our write.
                    Conversation other =
                            store.load(turn.conversation().conversationId()).orElseThrow();
                    store.commit(new PendingTurn(other, null, null));
                }
                return store.commit(turn);
            }
        };
        say("reason");
        engine = EscalationEngine.builder()
                .languageModel(new ScriptedLanguageModel())
                .conversationStore(racing)
                .ticketStore(store)
                .clock(clock)
                .build();

        TurnResult result = say("details billing high");

        assertThat(result.state()).isEqualTo(State.CONFIRMATION);
        assertThat(store.load("c1").orElseThrow().version()).isEqualTo(3);
    }

    @Test
    void differentConversationsRunInParallelAndEachGetsOneTicket() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<TurnResult>> results = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String conversation = "c" + i;
            results.add(pool.submit(() -> {
                say(conversation, "u" + conversation, "reason");
                say(conversation, "u" + conversation, "details billing high");
                return say(conversation, "u" + conversation, "yes");
            }));
        }
        for (Future<TurnResult> result : results) {
            assertThat(result.get(30, TimeUnit.SECONDS).state()).isEqualTo(State.TICKET_CREATED);
        }
        pool.shutdown();

        assertThat(store.list()).hasSize(200);
        assertThat(store.list()).extracting(Ticket::conversationId).doesNotHaveDuplicates();
    }

    @Test
    void messagesOfOneConversationAreHandledOneAtATime() throws Exception {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger maxInside = new AtomicInteger();
        engine = engine(new ScriptedLanguageModel() {
            @Override
            public Interpretation interpret(InterpretationRequest request) {
                maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                try {
                    Thread.sleep(1);
                    return super.interpret(request);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                } finally {
                    inside.decrementAndGet();
                }
            }
        });
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<TurnResult>> results = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            results.add(pool.submit(() -> say("same", "u1", "hello")));
        }
        for (Future<TurnResult> result : results) {
            result.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(maxInside.get()).isEqualTo(1);
        assertThat(store.load("same").orElseThrow().turns()).isEqualTo(40);
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(java.time.Duration by) {
            now = now.plus(by);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** Ids TK-AAAAAAAC, TK-AAAAAAAD, …; {@link #repeatNext()} hands out the previous id once more. */
    private static final class SequentialIds implements TicketIdGenerator {
        private int next = 2;
        private boolean repeat;

        @Override
        public synchronized TicketId next() {
            if (repeat) {
                repeat = false;
                return id(next - 1);
            }
            return id(next++);
        }

        synchronized void repeatNext() {
            repeat = true;
        }

        private static TicketId id(int n) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < TicketId.LENGTH; i++) {
                text.insert(0, TicketId.ALPHABET.charAt(n % TicketId.ALPHABET.length()));
                n /= TicketId.ALPHABET.length();
            }
            return TicketId.of("TK-" + text);
        }
    }

    private static final class RecordingListener implements EscalationListener {
        final List<String> events = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void transition(String conversationId, State from, Intent event, State to) {
            events.add("transition " + from + " " + event + " " + to);
        }

        @Override
        public void ticketCreated(Ticket ticket) {
            events.add("ticketCreated " + ticket.ticketId());
        }

        @Override
        public void statusLookedUp(String conversationId, boolean found) {
            events.add(found ? "status found" : "status missing");
        }

        @Override
        public void turnFailed(CustomerMessage message, RuntimeException failure, java.time.Duration duration) {
            events.add("turnFailed " + failure.getClass().getSimpleName());
        }
    }
}
