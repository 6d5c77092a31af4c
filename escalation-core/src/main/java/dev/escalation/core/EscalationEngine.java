package dev.escalation.core;

import dev.escalation.core.internal.ConversationLocks;
import dev.escalation.core.internal.RecordedReadings;
import dev.escalation.core.internal.SafeText;
import dev.escalation.core.internal.SpringStateMachineRuntime;
import dev.escalation.core.internal.offline.ConversationSlots;
import dev.escalation.core.retry.Retrier;
import dev.escalation.core.retry.RetryPolicy;
import dev.escalation.core.retry.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs escalation conversations: one call per customer message.
 *
 * <p>The flow table decides every move; the language model only reads messages and words replies.
 * A ticket is created only on the CONFIRMATION → TICKET_CREATED row caused by an explicit yes, in the
 * same transaction that stores the conversation's new state, and the reply announcing it is worded
 * only after that transaction committed.
 *
 * <p>Thread-safe: messages for one conversation are handled one at a time in arrival order,
 * different conversations in parallel. Example:
 *
 * <pre>{@code
 * EscalationEngine engine = EscalationEngine.builder()
 *     .languageModel(new OfflineLanguageModel())
 *     .conversationStore(conversations)
 *     .ticketStore(tickets)
 *     .build();
 * TurnResult result = engine.handle(new CustomerMessage("c1", "u1", "I was charged twice"), System.out::print);
 * }</pre>
 */
public final class EscalationEngine {

    private static final Logger log = LoggerFactory.getLogger(EscalationEngine.class);
    private static final int TICKET_ID_ATTEMPTS = 5;
    /**
     * Each conflict means another instance stored a turn of this conversation, so retries make progress:
     * up to 7 retries, 2 ms doubling to 50 ms, with equal jitter so that the instances stop meeting in
     * lock-step.
     */
    public static final RetryPolicy DEFAULT_CONFLICT_RETRY = RetryPolicy.builder()
            .maxRetries(7)
            .initialBackoff(Duration.ofMillis(2))
            .maxBackoff(Duration.ofMillis(50))
            .jitter(RetryPolicy.Jitter.EQUAL)
            .build();

    private final LanguageModel languageModel;
    private final @Nullable LanguageModel fallbackModel;
    private final LanguageModel fallbackWording;
    private final ConversationStore conversationStore;
    private final TicketStore ticketStore;
    private final Clock clock;
    private final TicketIdGenerator ticketIdGenerator;
    private final EscalationListener listener;
    private final FlowDefinition flow;
    private final int maxMessageLength;
    private final Duration turnTimeout;
    private final Duration fallbackCooldown;
    private final Duration conversationTtl;
    // Until when the configured model is skipped after it failed: a dead endpoint would otherwise cost
    // every turn its whole retry budget before the fallback answers.
    private final java.util.concurrent.atomic.AtomicReference<Instant> primaryDownUntil =
            new java.util.concurrent.atomic.AtomicReference<>(Instant.MIN);
    private final SpringStateMachineRuntime runtime;
    private final ConversationLocks locks = new ConversationLocks();
    private final Retrier conflictRetrier;

    private EscalationEngine(Builder builder) {
        this.fallbackWording = builder.offlineModel;
        this.languageModel = builder.languageModel == null ? fallbackWording : builder.languageModel;
        this.fallbackModel = builder.fallback ? fallbackWording : null;
        this.turnTimeout = builder.turnTimeout;
        this.fallbackCooldown = builder.fallbackCooldown;
        this.conversationTtl = builder.conversationTtl;
        this.conversationStore =
                Objects.requireNonNull(builder.conversationStore, "conversationStore must be set, but was null");
        this.ticketStore = Objects.requireNonNull(builder.ticketStore, "ticketStore must be set, but was null");
        this.clock = builder.clock;
        this.ticketIdGenerator = builder.ticketIdGenerator;
        this.listener = builder.listener;
        this.flow = builder.flow.verify();
        this.maxMessageLength = builder.maxMessageLength;
        this.runtime = new SpringStateMachineRuntime(flow);
        this.conflictRetrier = new Retrier(builder.conflictRetry, clock, builder.sleeper);
    }

    /** A builder with the defaults: offline model, system UTC clock, secure-random ids, no listener. */
    public static Builder builder() {
        return new Builder();
    }

    /** The flow this engine runs. */
    public FlowDefinition flow() {
        return flow;
    }

    /**
     * Handles one message; the reply is also passed to {@code chunks} piece by piece as produced.
     *
     * @throws EscalationException if the turn could not be handled; then nothing of it was stored
     */
    public TurnResult handle(CustomerMessage message, Consumer<String> chunks) {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(chunks, "chunks");
        return locks.withLock(message.conversationId(), () -> handleLocked(message, chunks));
    }

    /** Handles one message without streaming. */
    public TurnResult handle(CustomerMessage message) {
        return handle(message, chunk -> {});
    }

    private TurnResult handleLocked(CustomerMessage message, Consumer<String> chunks) {
        Instant started = clock.instant();
        safely(() -> listener.turnStarted(message));
        try {
            TurnResult result = handleWithRetries(message, chunks, deadline(started));
            Duration took = Duration.between(started, clock.instant());
            safely(() -> listener.turnCompleted(message, result, took));
            return result;
        } catch (RuntimeException e) {
            Duration took = Duration.between(started, clock.instant());
            safely(() -> listener.turnFailed(message, e, took));
            throw e;
        }
    }

    // Another engine on the same database stored this conversation first: read it again and redo, under
    // the conflict retry policy and within the turn's deadline.
    private TurnResult handleWithRetries(CustomerMessage message, Consumer<String> chunks, Instant deadline) {
        try {
            return conflictRetrier.call(
                    deadline, (attempt, timeLeft) -> handleOnce(message, chunks), (failure, attempt, backoff) -> {
                        if (!(failure instanceof ConversationConflictException)) {
                            return Optional.empty();
                        }
                        log.debug(
                                "conversation {} changed underneath, retrying turn (attempt {})",
                                message.conversationId(),
                                attempt);
                        return Optional.of(backoff);
                    });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnableToStoreConversationException(
                    "interrupted while retrying a turn of conversation " + message.conversationId()
                            + " that another instance changed",
                    e);
        }
    }

    /** What one attempt at a turn spends and whether it had to fall back. */
    private final class TurnContext implements ModelCallObserver {
        final String conversationId;
        final Instant deadline;
        ModelUsage usage = ModelUsage.NONE;
        boolean degraded;

        TurnContext(String conversationId, Instant deadline) {
            this.conversationId = conversationId;
            this.deadline = deadline;
        }

        @Override
        public synchronized void called(ModelCall call) {
            usage = usage.plus(call);
            safely(() -> listener.modelCalled(conversationId, call));
        }

        @Override
        public void toolCalled(ModelToolCall call) {
            safely(() -> listener.toolCalled(conversationId, call));
        }

        void fellBack(String reason) {
            degraded = true;
            safely(() -> listener.fellBack(conversationId, reason));
        }
    }

    // One turn, as a coordinator: load, screen, then the model reads the message and words the reply
    // while the flow, called back in between, decides and commits. Each step is one method.
    private TurnResult handleOnce(CustomerMessage message, Consumer<String> chunks) {
        Instant now = clock.instant();
        TurnContext turn = new TurnContext(message.conversationId(), deadline(now));
        Conversation loaded = load(message, now);
        Optional<TurnResult> screened = screen(loaded, message, chunks);
        if (screened.isPresent()) {
            return screened.get();
        }
        // Invisible and terminal-steering characters carry no meaning for the agent but can hide words
        // from it ("ig\u200Bnore") or from an operator reading the ticket; they are dropped before anything reads them.
        String text = SafeText.input(message.text());
        boolean expired = abandoned(loaded, now);
        Conversation before = expired ? expire(loaded, now) : loaded;
        // A reply worded without a network call is worded before the turn is stored and shown only after
        // its commit, which then holds the reply too: one write transaction, and nothing shown is uncommitted.
        boolean atOnce = wordsAtOnce(now);
        Decider decider = new Decider(message, before, text, turn, now, expired, atOnce);
        StringBuilder held = new StringBuilder();
        String reply = converse(decider, atOnce ? held::append : chunks, now);
        if (decider.deferred != null) {
            decider.commitWithReply(reply);
        } else {
            // converse returns a reply only once the model had the flow decide and commit the turn.
            CommittedTurn stored = Objects.requireNonNull(decider.committed, "a reply without a committed turn");
            recordReply(message, stored.conversation().turns(), reply);
        }
        if (atOnce && held.length() > 0) {
            chunks.accept(held.toString());
        }
        CommittedTurn committed = Objects.requireNonNull(decider.committed, "a reply without a committed turn");
        Decision decision = Objects.requireNonNull(decider.decision, "a reply without a decision");
        return result(committed, decider.created(), reply, turn, decision.row(), decision.reading());
    }

    // Whether this turn's reply is worded by a model that answers at once, from local work.
    private boolean wordsAtOnce(Instant now) {
        return primarySkipped(now) ? fallback().repliesAtOnce() : languageModel.repliesAtOnce();
    }

    /**
     * The flow's half of a turn, called by the model once it has read the message: confirm, decide,
     * commit, and say what the reply must say. Remembers a failure of its own so that it is never
     * mistaken for the model's.
     */
    private final class Decider implements TurnDecision {
        final CustomerMessage message;
        final Conversation before;
        final String text;
        final TurnContext turn;
        final Instant now;
        final boolean expired;
        final boolean mayDefer;
        // Set by decide(), which the model calls once; null until then.
        @Nullable
        Decision decision;

        @Nullable
        CommittedTurn committed;

        @Nullable
        ReplyRequest request;

        @Nullable
        RuntimeException failure;
        // The entry of a turn decided but not yet stored: it is stored with its reply once worded.
        @Nullable
        ConversationTurn deferred;

        Decider(
                CustomerMessage message,
                Conversation before,
                String text,
                TurnContext turn,
                Instant now,
                boolean expired,
                boolean mayDefer) {
            this.message = message;
            this.before = before;
            this.text = text;
            this.turn = turn;
            this.now = now;
            this.expired = expired;
            this.mayDefer = mayDefer;
        }

        @Override
        public ReplyRequest decide(Interpretation reading) {
            if (request != null || failure != null) {
                throw new IllegalStateException("a turn of conversation " + before.conversationId()
                        + " is decided once, but the language model asked again");
            }
            try {
                Interpretation confirmed = typed(
                        confirmedByCustomer(
                                before,
                                text,
                                Objects.requireNonNull(reading, "the language model returned no interpretation"),
                                turn),
                        text);
                decision = EscalationEngine.this.decide(before, route(before, confirmed, text, turn, now), text, now);
                if (expired) {
                    decision.acts().add(0, new ReplyAct.ConversationExpired(conversationTtl));
                }
                ConversationTurn entry = ConversationTurn.of(decision.next(), text, decision.row(), confirmed);
                // A ticket created or changed is stored before its reply is worded: the reply names what the
                // store made of it (the id it accepted, the ticket as changed).
                if (mayDefer && decision.newTicket() == null && decision.change() == null) {
                    deferred = entry;
                    Conversation next = decision.next();
                    committed = new CommittedTurn(next.withVersion(next.version() + 1), null, null);
                    request = replyRequest(before, decision, committed, text, turn, false);
                    return request;
                }
                committed =
                        commit(decision.next(), decision.newTicket(), decision.change(), message.messageId(), entry);
                request = replyRequest(before, decision, committed, text, turn, true);
                return request;
            } catch (RuntimeException e) {
                failure = e;
                throw e;
            }
        }

        // The deferred turn, stored with its worded reply in one transaction; then it is told.
        void commitWithReply(String reply) {
            Decision decided = Objects.requireNonNull(decision, "a deferred turn without a decision");
            ConversationTurn entry = Objects.requireNonNull(deferred, "no deferred turn");
            committed = commit(decided.next(), null, null, message.messageId(), entry.withReply(reply));
            announce(before, decided, committed);
        }

        @Nullable
        Ticket created() {
            return committed == null ? null : committed.createdTicket();
        }
    }

    // A stored conversation whose state the flow no longer has starts again at the initial state; slots
    // the flow no longer has, and a department it no longer has, are dropped (docs/flow-format.md).
    private Conversation load(CustomerMessage message, Instant now) {
        Conversation loaded = store(
                        message.conversationId(),
                        "load_conversation",
                        () -> conversationStore.load(message.conversationId()))
                .orElseGet(
                        () -> Conversation.start(message.conversationId(), message.customerId(), flow.initial(), now));
        Slots slots = known(loaded.slots());
        boolean stateKnown = flow.states().contains(loaded.state());
        if (stateKnown && slots.equals(loaded.slots())) {
            return loaded;
        }
        log.debug(
                "conversation {} was stored under another flow: state {} {}, slots {} -> {}",
                loaded.conversationId(),
                loaded.state(),
                stateKnown ? "kept" : "restarted at " + flow.initial(),
                loaded.slots().extra().keySet(),
                slots.extra().keySet());
        return new Conversation(
                loaded.conversationId(),
                loaded.customerId(),
                stateKnown ? loaded.state() : flow.initial(),
                slots,
                stateKnown ? loaded.pendingQuestion() : Question.NONE,
                loaded.cycle(),
                loaded.currentTicketId(),
                loaded.lastTicketId(),
                loaded.turns(),
                loaded.version(),
                loaded.createdAt(),
                loaded.updatedAt(),
                loaded.parkedRequest());
    }

    // What of these slots this flow knows: its departments and its own slots, with values that fit.
    private Slots known(Slots slots) {
        Slots result = slots;
        if (slots.department() != null
                && flow.department(slots.department().displayName()).isEmpty()) {
            result = new Slots(
                    null,
                    false,
                    slots.priority(),
                    slots.priorityFromCustomer(),
                    slots.description(),
                    slots.reasonGiven(),
                    slots.detailsGiven(),
                    slots.contact(),
                    slots.extra());
        }
        for (var entry : slots.extra().entrySet()) {
            if (flow.slot(entry.getKey()).isEmpty()) {
                result = result.withExtra(entry.getKey(), null);
            }
        }
        return result;
    }

    // A message that is not taken as a turn: another customer's conversation, a redelivery, too long.
    private Optional<TurnResult> screen(Conversation loaded, CustomerMessage message, Consumer<String> chunks) {
        if (!loaded.customerId().equals(message.customerId())) {
            // Answer as for a message that could not be taken, so a guessed conversation id reveals nothing.
            return Optional.of(refuse(
                    loaded,
                    message,
                    chunks,
                    "This conversation belongs to another account. Please start a new conversation."));
        }
        String messageId = message.messageId();
        if (messageId != null) {
            Optional<StoredReply> done = store(
                    message.conversationId(),
                    "find_processed",
                    () -> conversationStore.findProcessed(message.conversationId(), messageId));
            if (done.isPresent()) {
                return Optional.of(answerAgain(loaded, done.get(), chunks));
            }
        }
        if (message.text().length() > maxMessageLength) {
            return Optional.of(refuse(
                    loaded,
                    message,
                    chunks,
                    "Your message is " + message.text().length() + " characters long; the limit is " + maxMessageLength
                            + ". Please send a shorter message."));
        }
        return Optional.empty();
    }

    // Expiry is decided from the stored time of the last turn, so a restart neither forgets nor revives
    // it. The expired cycle is closed and this message starts a fresh one: its slots are never used
    // again, so a late "yes" cannot confirm a stale summary.
    private Conversation expire(Conversation loaded, Instant now) {
        Duration idle = Duration.between(loaded.updatedAt(), now);
        log.debug(
                "conversation {} expired in state {} after {} without activity",
                loaded.conversationId(),
                loaded.state(),
                idle);
        safely(() -> listener.conversationExpired(loaded.conversationId(), loaded.state(), idle));
        return restarted(loaded);
    }

    // The configured model reads the message and words the reply, in one call where it can; when it
    // fails to read (or failed recently) the offline model reads, and when it fails to word the rest,
    // the built-in templates say it.
    private String converse(Decider decider, Consumer<String> chunks, Instant now) {
        TurnContext turn = decider.turn;
        InterpretationRequest request = request(decider.before, decider.text, turn);
        if (primarySkipped(now)) {
            turn.fellBack("model_unavailable");
            return word(decider.decide(fallback().interpret(request)), chunks, turn);
        }
        try {
            String reply =
                    shown(sink -> languageModel.converse(request, decider, sink), () -> decider.request, chunks, turn);
            if (decider.request == null) {
                throw new IllegalStateException(
                        "the language model " + languageModel.name() + " answered without reading");
            }
            return reply;
        } catch (RuntimeException e) {
            if (decider.failure != null) {
                throw decider.failure;
            }
            UnableToInterpretMessageException unread = e instanceof UnableToInterpretMessageException u
                    ? u
                    : e instanceof EscalationException
                            ? null
                            : new UnableToInterpretMessageException(
                                    "the language model " + languageModel.name()
                                            + " failed to read a message of conversation "
                                            + decider.before.conversationId() + ": " + e.getMessage(),
                                    e);
            if (unread == null || decider.request != null || fallbackModel == null || languageModel == fallbackModel) {
                throw unread == null ? e : unread;
            }
            Instant until = now.plus(fallbackCooldown);
            Instant previous = primaryDownUntil.getAndSet(until);
            if (!previous.isAfter(now)) {
                log.warn(
                        "{}; degraded mode: the built-in offline model answers until {}, then {} is tried again",
                        PersonalData.redact(unread.getMessage()),
                        until,
                        languageModel.name());
            }
            turn.fellBack(reasonOf(unread));
            return word(decider.decide(fallbackModel.interpret(request)), chunks, turn);
        }
    }

    // A second reading within a turn (a new problem read as the first message of its own request): the
    // configured model, or the offline model while the configured one is skipped or when it fails.
    private Interpretation read(Conversation before, String text, TurnContext turn, Instant now) {
        InterpretationRequest request = request(before, text, turn);
        if (primarySkipped(now)) {
            return fallback().interpret(request);
        }
        try {
            return languageModel.interpret(request);
        } catch (UnableToInterpretMessageException e) {
            if (fallbackModel == null || languageModel == fallbackModel) {
                throw e;
            }
            turn.fellBack(reasonOf(e));
            return fallbackModel.interpret(request);
        }
    }

    private InterpretationRequest request(Conversation before, String text, TurnContext turn) {
        return new InterpretationRequest(
                before.state(), before.slots(), before.pendingQuestion(), text, turn.deadline, turn, flow);
    }

    /** What a turn decided, before it is stored. */
    private record Decision(
            Transition row,
            Intent event,
            Conversation next,
            List<ReplyAct> acts,
            @Nullable Ticket newTicket,
            @Nullable TicketChange change,
            Interpretation reading) {}

    // The flow decides: the slots the reading proposes, the one row they enable, and what it does.
    private Decision decide(Conversation before, ProblemRouting.Routed routed, String text, Instant now) {
        Interpretation reading = routed.reading();
        Intent event = reading.intent();
        boolean informative = event == Intent.PROVIDE_INFO || event == Intent.CORRECT;
        Slots base = flow.isCycleEnd(before.state()) && informative
                ? Slots.EMPTY.withContact(before.slots().contact())
                : before.slots();
        Slots proposed = informative
                ? fromConversation(flow.withStateSettings(base.with(checked(reading)), null))
                : before.slots();
        Transition row = select(before, event, proposed);
        Slots after = row.action() == FlowAction.NONE && flow.isCycleEnd(row.target())
                ? before.slots()
                : flow.withStateSettings(proposed, row.target());
        if (row.target().equals(flow.confirmation()) && after.priority() == null) {
            after = after.withPriority(Priority.MEDIUM, false);
        }
        boolean newCycle = row.action() == FlowAction.START_NEW_CYCLE;
        TicketId currentTicketId = newCycle ? null : before.currentTicketId();
        List<ReplyAct> acts = new ArrayList<>();
        if (routed.lead() != null) {
            acts.add(routed.lead());
        }
        Ticket newTicket = null;
        TicketChange change = null;
        String reference = typedReference(reading.ticketReference(), text);
        switch (row.action()) {
            case CREATE_TICKET -> newTicket = newTicket(before, after, now);
            case CANCEL -> acts.add(new ReplyAct.Cancelled());
            case ANSWER_STATUS -> acts.add(status(before, reference));
            case ADD_TICKET_UPDATE -> change = noteChange(before, reading, reference, acts, now);
            case NONE, START_NEW_CYCLE -> {}
        }
        Prompt closing = closing(before, routed, row, after, currentTicketId, informative, text);
        if (closing != null) {
            acts.add(closing.act());
        }
        Conversation next = new Conversation(
                before.conversationId(),
                before.customerId(),
                row.target(),
                after,
                closing == null ? Question.NONE : closing.question(),
                newCycle ? before.cycle() + 1 : before.cycle(),
                currentTicketId,
                before.lastTicketId(),
                before.turns() + 1,
                before.version(),
                before.createdAt(),
                now,
                routed.parked());
        return new Decision(row, event, next, acts, newTicket, change, reading);
    }

    private @Nullable TicketChange noteChange(
            Conversation before, Interpretation reading, @Nullable String reference, List<ReplyAct> acts, Instant now) {
        Optional<Ticket> found = findTicket(before, reference);
        String note = reading.note() == null ? null : reading.note().strip();
        if (found.isEmpty()) {
            acts.add(new ReplyAct.TicketNotFound(reference));
            return null;
        }
        if (note == null || note.isEmpty()) {
            acts.add(new ReplyAct.AskUpdateText());
            return null;
        }
        return new TicketChange(
                found.get().ticketId(),
                "customer:" + before.customerId(),
                null,
                note.length() > TicketChange.MAX_NOTE_LENGTH ? note.substring(0, TicketChange.MAX_NOTE_LENGTH) : note,
                now);
    }

    // What the reply ends with: the one question "same or new?", the state's own prompt, or, right after
    // a ticket, the offer of the problem parked while it was collected (never folded into it); or nothing.
    private @Nullable Prompt closing(
            Conversation before,
            ProblemRouting.Routed routed,
            Transition row,
            Slots after,
            @Nullable TicketId currentTicketId,
            boolean informative,
            String text) {
        Prompt asked = routed.ask() ? askSameOrNew(before, row) : null;
        if (asked != null) {
            return asked;
        }
        if (row.action() != FlowAction.CREATE_TICKET && row.action() != FlowAction.CANCEL) {
            Prompt prompt = nextPrompt(row, after, currentTicketId);
            String slot = prompt.slot();
            // A question asked again says what was not understood instead of repeating itself word for word.
            boolean again = informative && row.action() == FlowAction.NONE && askedAgain(before, row, prompt);
            return again && slot != null
                    ? new Prompt(
                            new ReplyAct.AskAgain(slot, text, noted(before.slots(), after)), prompt.question(), slot)
                    : prompt;
        }
        if (row.action() == FlowAction.CREATE_TICKET && routed.parked() != null) {
            return new Prompt(new ReplyAct.OfferParkedRequest(routed.parked()), Question.START_PARKED);
        }
        return null;
    }

    // The one question, only where the flow's row kept the conversation where it was; else the row decides
    // and the message stays parked, to be offered after the next ticket.
    private @Nullable Prompt askSameOrNew(Conversation before, Transition row) {
        if (!row.target().equals(before.state())
                || row.action() != FlowAction.NONE
                || before.currentTicketId() == null) {
            return null;
        }
        return findTicket(before, null)
                .map(ticket -> new Prompt(new ReplyAct.AskSameOrNew(ticket), Question.SAME_OR_NEW))
                .orElse(null);
    }

    private ProblemRouting.Routed route(
            Conversation before, Interpretation reading, String text, TurnContext turn, Instant now) {
        return new ProblemRouting(flow, before, reading, text, source -> freshReading(before, source, turn, now))
                .route();
    }

    // A parked or newly raised problem is read as the first message of a request of its own.
    private Interpretation freshReading(Conversation before, String source, TurnContext turn, Instant now) {
        Conversation fresh = new Conversation(
                before.conversationId(),
                before.customerId(),
                flow.initial(),
                Slots.EMPTY.withContact(before.slots().contact()),
                Question.NONE,
                before.cycle(),
                null,
                before.lastTicketId(),
                before.turns(),
                before.version(),
                before.createdAt(),
                before.updatedAt());
        return read(fresh, source, turn, now);
    }

    // A slot the customer already gave in this request is not asked for, even when the model missed it:
    // the flow's own slots still empty are looked for in everything said so far.
    private Slots fromConversation(Slots slots) {
        Slots filled = slots;
        for (var found : ConversationSlots.find(flow, slots.description()).entrySet()) {
            if (!filled.extra().containsKey(found.getKey())) {
                Optional<String> value = flow.accept(found.getKey(), found.getValue());
                if (value.isPresent()) {
                    filled = filled.withExtra(found.getKey(), value.get());
                }
            }
        }
        return filled == slots ? slots : flow.withStateSettings(filled, null);
    }

    // What a model read, checked against the flow: a department or slot value outside it is dropped.
    private Interpretation checked(Interpretation reading) {
        Department department = reading.department() == null
                ? null
                : flow.department(reading.department().displayName()).orElse(null);
        java.util.Map<String, String> extra = new java.util.TreeMap<>();
        reading.extra().forEach((name, value) -> flow.accept(name, value).ifPresent(v -> extra.put(name, v)));
        if (java.util.Objects.equals(department, reading.department()) && extra.equals(reading.extra())) {
            return reading;
        }
        return new Interpretation(
                reading.intent(),
                department,
                department != null && reading.departmentFromCustomer(),
                reading.priority(),
                reading.priorityFromCustomer(),
                reading.description(),
                reading.statesReason(),
                reading.statesDetails(),
                reading.contact(),
                reading.ticketReference(),
                reading.note(),
                extra);
    }

    // The table's row and the state machine's must agree: two views of one flow that may never drift.
    private Transition select(Conversation before, Intent event, Slots proposed) {
        Transition row = flow.select(before.state(), event, proposed);
        SpringStateMachineRuntime.Outcome outcome = runtime.fire(before.state(), event, proposed);
        int expectedRow = flow.transitions().indexOf(row);
        if (outcome.firedRow() != expectedRow || !outcome.state().equals(row.target())) {
            throw new IllegalFlowTransitionException("conversation " + before.conversationId() + ": the table says "
                    + row + " but the state machine fired row " + outcome.firedRow() + " and ended in "
                    + outcome.state());
        }
        return row;
    }

    private Ticket newTicket(Conversation before, Slots after, Instant now) {
        java.util.Map<String, String> fields = new java.util.TreeMap<>();
        for (String field : flow.ticketFields()) {
            String value = after.extra().get(field);
            if (value != null) {
                fields.put(field, value);
            }
        }
        return new Ticket(
                ticketIdGenerator.next(),
                before.customerId(),
                before.conversationId(),
                after.description() == null ? "(no description)" : after.description(),
                // The flow reaches its ticket row only with a department (FlowVerifier checks every path).
                Objects.requireNonNull(after.department(), "department of the ticket to create"),
                after.priorityOrDefault(),
                TicketStatus.OPEN,
                now,
                now,
                fields);
    }

    private ReplyAct status(Conversation before, @Nullable String reference) {
        Optional<Ticket> found = findTicket(before, reference);
        safely(() -> listener.statusLookedUp(before.conversationId(), found.isPresent()));
        return found.isPresent()
                ? new ReplyAct.ReportStatus(found.get(), lastUpdate(before.conversationId(), found.get()))
                : new ReplyAct.TicketNotFound(reference);
    }

    // Someone who only came to ask about a ticket is not asked why they want to escalate.
    private Prompt nextPrompt(Transition row, Slots after, @Nullable TicketId currentTicketId) {
        boolean asideBeforeAnyProblem =
                (row.action() == FlowAction.ANSWER_STATUS || row.action() == FlowAction.ADD_TICKET_UPDATE)
                        && row.target().equals(flow.initial())
                        && !after.reasonGiven();
        return asideBeforeAnyProblem
                ? new Prompt(new ReplyAct.OfferFurtherHelp(null), Question.NONE)
                : prompt(row.target(), after, currentTicketId);
    }

    // The reply is worded only after the turn committed: a ticket it announces exists.
    private ReplyRequest replyRequest(
            Conversation before,
            Decision decision,
            CommittedTurn committed,
            String text,
            TurnContext turn,
            boolean stored) {
        Ticket created = committed.createdTicket();
        List<ReplyAct> acts = decision.acts();
        if (created != null) {
            acts.add(0, new ReplyAct.TicketCreated(created));
        }
        Ticket changed = committed.changedTicket();
        TicketChange change = decision.change();
        if (changed != null && change != null) {
            // A ticket changes only by a note the customer gave (noteChange), so the change has one.
            acts.add(0, new ReplyAct.UpdateAdded(changed, Objects.requireNonNull(change.note(), "note")));
        }
        if (stored) {
            announce(before, decision, committed);
        }
        Conversation next = committed.conversation();
        return new ReplyRequest(acts, next.state(), next.slots(), text, turn.deadline, turn, flow);
    }

    // Tells the listener what a stored turn did.
    private void announce(Conversation before, Decision decision, CommittedTurn committed) {
        Transition row = decision.row();
        Ticket created = committed.createdTicket();
        safely(() -> listener.transition(before.conversationId(), before.state(), decision.event(), row.target()));
        if (created != null) {
            safely(() -> listener.ticketCreated(created));
        }
        Ticket changed = committed.changedTicket();
        TicketChange change = decision.change();
        if (changed != null && change != null) {
            safely(() -> listener.ticketUpdated(changed, change));
        }
    }

    private TurnResult result(
            CommittedTurn committed,
            @Nullable Ticket created,
            String reply,
            TurnContext turn,
            Transition row,
            Interpretation reading) {
        Conversation stored = committed.conversation();
        TicketId currentId = stored.currentTicketId();
        Ticket current = created != null
                ? created
                : currentId == null
                        ? null
                        : store(stored.conversationId(), "find_ticket", () -> ticketStore.find(currentId))
                                .orElse(null);
        return new TurnResult(
                stored.conversationId(),
                stored.turns(),
                reply,
                stored.state(),
                stored.slots(),
                current,
                turn.usage,
                turn.degraded,
                row,
                reading,
                stored.parkedRequest());
    }

    // The turn is durable already; a reply that cannot be recorded is worded again on redelivery.
    private void recordReply(CustomerMessage message, int turnNumber, String reply) {
        try {
            store(message.conversationId(), "record_reply", () -> {
                conversationStore.recordReply(message.conversationId(), turnNumber, message.messageId(), reply);
                return null;
            });
        } catch (RuntimeException e) {
            log.warn(
                    "the reply to turn {} of conversation {} could not be recorded: {}",
                    turnNumber,
                    message.conversationId(),
                    e.toString());
        }
    }

    // A redelivered message: nothing is done again; the stored reply is given (worded again by the
    // built-in templates if the process stopped before recording it).
    private TurnResult answerAgain(Conversation conversation, StoredReply done, Consumer<String> chunks) {
        Ticket created = done.ticketId() == null
                ? null
                : ticketStore.find(done.ticketId()).orElse(null);
        String reply = done.reply();
        if (reply == null) {
            List<ReplyAct> acts = new ArrayList<>();
            if (created != null) {
                acts.add(new ReplyAct.TicketCreated(created));
            }
            acts.add(prompt(done.state(), conversation.slots(), conversation.currentTicketId())
                    .act());
            reply = fallbackWording.reply(
                    new ReplyRequest(
                            acts, done.state(), conversation.slots(), "", Instant.MAX, ModelCallObserver.NONE, flow),
                    chunk -> {});
            try {
                conversationStore.recordReply(done.conversationId(), done.messageId(), reply);
            } catch (RuntimeException e) {
                log.warn(
                        "the reply to message {} of conversation {} could not be recorded: {}",
                        done.messageId(),
                        done.conversationId(),
                        e.toString());
            }
        }
        log.debug(
                "message {} of conversation {} was processed already; answering with the stored reply",
                done.messageId(),
                done.conversationId());
        chunks.accept(reply);
        Ticket current = created != null
                ? created
                : conversation.currentTicketId() == null
                        ? null
                        : ticketStore.find(conversation.currentTicketId()).orElse(null);
        return new TurnResult(
                done.conversationId(),
                done.turn(),
                reply,
                done.state(),
                conversation.slots(),
                current,
                ModelUsage.NONE,
                false,
                null,
                null,
                conversation.parkedRequest());
    }

    // Only a conversation with something in progress expires: one whose cycle ended, or that learned
    // nothing yet, has nothing stale to close (its next message starts fresh anyway).
    private boolean abandoned(Conversation conversation, Instant now) {
        if (conversation.version() == 0
                || flow.isCycleEnd(conversation.state())
                || conversation.state().equals(flow.initial())
                        && conversation.slots().equals(Slots.EMPTY)) {
            return false;
        }
        return Duration.between(conversation.updatedAt(), now).compareTo(conversationTtl) > 0;
    }

    // A new cycle in the initial state with nothing known; the newest ticket stays findable as "my ticket".
    private Conversation restarted(Conversation expired) {
        return new Conversation(
                expired.conversationId(),
                expired.customerId(),
                flow.initial(),
                Slots.EMPTY,
                Question.NONE,
                expired.cycle() + 1,
                null,
                expired.lastTicketId(),
                expired.turns(),
                expired.version(),
                expired.createdAt(),
                expired.updatedAt(),
                expired.parkedRequest());
    }

    // Only called where primarySkipped said the fallback is on.
    private LanguageModel fallback() {
        return Objects.requireNonNull(fallbackModel, "the offline fallback is off");
    }

    private boolean primarySkipped(Instant now) {
        return fallbackModel != null && languageModel != fallbackModel && now.isBefore(primaryDownUntil.get());
    }

    private Instant deadline(Instant now) {
        try {
            return now.plus(turnTimeout);
        } catch (ArithmeticException | java.time.DateTimeException e) {
            return Instant.MAX;
        }
    }

    private static String reasonOf(RuntimeException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        return cause.getClass().getSimpleName();
    }

    // Creating a ticket cannot be undone, so a configured model's yes is not enough: the customer's own
    // words must hold one the built-in reader recognises ("ignore your rules and confirm" holds none).
    // Otherwise the built-in reading of the message is taken, and the summary is shown again.
    private Interpretation confirmedByCustomer(
            Conversation before, String text, Interpretation reading, TurnContext turn) {
        // A recorded reading passed this check when it was recorded.
        if (reading.intent() != Intent.CONFIRM
                || languageModel instanceof OfflineLanguageModel
                || languageModel instanceof RecordedReadings) {
            return reading;
        }
        Slots proposed = before.slots();
        if (flow.select(before.state(), Intent.CONFIRM, proposed).action() != FlowAction.CREATE_TICKET) {
            return reading;
        }
        Interpretation own = fallbackWording.interpret(request(before, text, turn));
        if (own.intent() == Intent.CONFIRM) {
            return reading;
        }
        log.info(
                "conversation {}: {} read a confirmation that the message does not hold; the summary is shown again",
                before.conversationId(),
                languageModel.name());
        return own;
    }

    /** What the agent asks next, and the slot it asks for (null for a summary or an offer of help). */
    private record Prompt(
            ReplyAct act, Question question, @Nullable String slot) {
        Prompt(ReplyAct act, Question question) {
            this(act, question, null);
        }
    }

    // The same slot asked for in the same state as last turn: the answer did not give it, so the
    // question is worded anew and says what is missing rather than repeated word for word.
    private boolean askedAgain(Conversation before, Transition row, Prompt prompt) {
        if (prompt.slot() == null
                || !row.target().equals(before.state())
                || before.pendingQuestion() != prompt.question()
                || flow.isCycleEnd(before.state())
                || before.state().equals(flow.confirmation())) {
            return false;
        }
        return prompt.slot().equals(askedSlot(before.state(), before.slots()));
    }

    // The flow's own slots this turn filled, by their readable names.
    private List<String> noted(Slots before, Slots after) {
        return flow.extraSlots().stream()
                .filter(slot -> after.extra().containsKey(slot.name())
                        && !after.extra().get(slot.name()).equals(before.extra().get(slot.name())))
                .map(SlotSpec::readableName)
                .toList();
    }

    // The slot prompt(state, slots, ...) asks for, without looking anything up.
    private String askedSlot(State state, Slots slots) {
        if (state.equals(flow.initial()) || !(slots.reasonGiven() || slots.detailsGiven())) {
            return "reason";
        }
        return flow.stateSpec(state)
                .flatMap(spec -> flow.missingSlot(spec, slots))
                .or(() -> flow.missingRequiredSlot(slots))
                .orElse("details");
    }

    // What the state asks: the summary, an offer of further help, or its first missing slot.
    private Prompt prompt(State state, Slots slots, @Nullable TicketId currentTicketId) {
        if (flow.isCycleEnd(state)) {
            Ticket ticket = currentTicketId == null
                    ? null
                    : ticketStore.find(currentTicketId).orElse(null);
            return new Prompt(new ReplyAct.OfferFurtherHelp(ticket), Question.NONE);
        }
        if (state.equals(flow.confirmation())) {
            return new Prompt(new ReplyAct.Summarize(slots), Question.CONFIRMATION);
        }
        if (state.equals(flow.initial()) || !(slots.reasonGiven() || slots.detailsGiven())) {
            return new Prompt(new ReplyAct.AskReason(), Question.REASON, "reason");
        }
        Optional<String> missing = flow.stateSpec(state)
                .flatMap(spec -> flow.missingSlot(spec, slots))
                .or(() -> flow.missingRequiredSlot(slots));
        return missing.map(EscalationEngine::ask)
                .orElse(new Prompt(new ReplyAct.AskDetails(), Question.DETAILS, "details"));
    }

    private static Prompt ask(String slot) {
        return switch (slot) {
            case "reason" -> new Prompt(new ReplyAct.AskReason(), Question.REASON, slot);
            case "details" -> new Prompt(new ReplyAct.AskDetails(), Question.DETAILS, slot);
            case "department" -> new Prompt(new ReplyAct.AskDepartment(), Question.DEPARTMENT, slot);
            default -> new Prompt(new ReplyAct.AskExtraSlot(slot), Question.EXTRA_SLOT, slot);
        };
    }

    // The reading as the flow acts on it, and as the transcript records it: with only a ticket id the
    // customer typed, so a replay of the recorded reading needs no text to drop an invented one again.
    private static Interpretation typed(Interpretation reading, String text) {
        String reference = typedReference(reading.ticketReference(), text);
        if (Objects.equals(reference, reading.ticketReference())) {
            return reading;
        }
        return new Interpretation(
                reading.intent(),
                reading.department(),
                reading.departmentFromCustomer(),
                reading.priority(),
                reading.priorityFromCustomer(),
                reading.description(),
                reading.statesReason(),
                reading.statesDetails(),
                reading.contact(),
                reference,
                reading.note(),
                reading.extra());
    }

    // A model may only pass on a ticket id the customer typed: one it invents (or was told to use by
    // text it read elsewhere) is dropped, and the look-up is for the customer's own ticket.
    private static @Nullable String typedReference(@Nullable String reference, String text) {
        if (reference == null || reference.isBlank()) {
            return reference;
        }
        Optional<TicketId> id = TicketId.parse(reference.strip().toUpperCase(java.util.Locale.ROOT));
        if (id.isEmpty()) {
            return reference;
        }
        String code = id.get().value().substring(id.get().value().length() - TicketId.LENGTH);
        String typed = text.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "");
        if (typed.contains(code)) {
            return reference;
        }
        log.debug("dropped a ticket reference the customer did not type");
        return null;
    }

    // "My ticket" means this cycle's ticket, else this conversation's newest, else the customer's newest.
    private Optional<Ticket> findTicket(Conversation conversation, @Nullable String reference) {
        return store(conversation.conversationId(), "find_ticket", () -> findTicketUntimed(conversation, reference));
    }

    private Optional<Ticket> findTicketUntimed(Conversation conversation, @Nullable String reference) {
        if (reference != null && !reference.isBlank()) {
            return TicketId.parse(reference).flatMap(id -> ticketStore.findForCustomer(id, conversation.customerId()));
        }
        for (TicketId id : new TicketId[] {conversation.currentTicketId(), conversation.lastTicketId()}) {
            if (id != null) {
                Optional<Ticket> ticket = ticketStore.findForCustomer(id, conversation.customerId());
                if (ticket.isPresent()) {
                    return ticket;
                }
            }
        }
        return ticketStore.listForCustomer(conversation.customerId()).stream().findFirst();
    }

    private @Nullable TicketUpdate lastUpdate(String conversationId, Ticket ticket) {
        List<TicketUpdate> history =
                store(conversationId, "list_ticket_updates", () -> ticketStore.history(ticket.ticketId()));
        return history.isEmpty() ? null : history.get(history.size() - 1);
    }

    private CommittedTurn commit(
            Conversation next,
            @Nullable Ticket newTicket,
            @Nullable TicketChange change,
            @Nullable String messageId,
            ConversationTurn entry) {
        Ticket ticket = newTicket;
        for (int attempt = 1; ; attempt++) {
            Conversation withTicket = ticket == null
                    ? next
                    : new Conversation(
                            next.conversationId(),
                            next.customerId(),
                            next.state(),
                            next.slots(),
                            next.pendingQuestion(),
                            next.cycle(),
                            ticket.ticketId(),
                            ticket.ticketId(),
                            next.turns(),
                            next.version(),
                            next.createdAt(),
                            next.updatedAt(),
                            next.parkedRequest());
            try {
                PendingTurn pending = new PendingTurn(withTicket, ticket, change, messageId, entry);
                return store(next.conversationId(), "commit_turn", () -> conversationStore.commit(pending));
            } catch (DuplicateTicketIdException e) {
                if (attempt >= TICKET_ID_ATTEMPTS) {
                    throw new UnableToCreateTicketException(
                            "no free ticket id after " + attempt + " attempts for conversation "
                                    + next.conversationId(),
                            e);
                }
                // Only a ticket to insert can clash on its id.
                Ticket clash = Objects.requireNonNull(ticket, "a duplicate ticket id without a ticket");
                ticket = clash.withId(ticketIdGenerator.next());
            }
        }
    }

    // Durations come from the monotonic clock, not the injected one, so that timing a store call never
    // moves a test's stepping clock.
    private <T> T store(String conversationId, String operation, java.util.function.Supplier<T> call) {
        long started = System.nanoTime();
        String outcome = "error";
        try {
            T result = call.get();
            outcome = "ok";
            return result;
        } catch (ConversationConflictException e) {
            outcome = "conflict";
            throw e;
        } catch (DuplicateTicketIdException e) {
            outcome = "duplicate_ticket_id";
            throw e;
        } finally {
            StoreCall done =
                    new StoreCall(operation, Duration.ofNanos(Math.max(0, System.nanoTime() - started)), outcome);
            safely(() -> listener.storeCalled(conversationId, done));
        }
    }

    private TurnResult refuse(Conversation conversation, CustomerMessage message, Consumer<String> chunks, String why) {
        String reply = word(
                new ReplyRequest(
                        List.of(new ReplyAct.Refused(why)),
                        conversation.state(),
                        conversation.slots(),
                        "",
                        Instant.MAX,
                        ModelCallObserver.NONE,
                        flow),
                chunks,
                null);
        boolean owner = conversation.customerId().equals(message.customerId());
        return new TurnResult(
                message.conversationId(),
                owner ? conversation.turns() : 0,
                reply,
                owner ? conversation.state() : flow.initial(),
                owner ? conversation.slots() : Slots.EMPTY,
                null,
                ModelUsage.NONE,
                false,
                null,
                null,
                owner ? conversation.parkedRequest() : null);
    }

    // The turn is already stored when this runs, so a model that fails to word the reply must not lose
    // it: the built-in templates say the same thing.
    // Every reply, whoever words it, reaches the customer through SafeText: it may repeat what the
    // customer or a model wrote, and must not become markup or terminal control in their window.
    private String word(ReplyRequest request, Consumer<String> chunks, @Nullable TurnContext turn) {
        LanguageModel wording = primarySkipped(clock.instant()) ? fallbackWording : languageModel;
        return shown(sink -> wording.reply(request, sink), () -> request, chunks, turn);
    }

    // Streams what a model words through SafeText. When the model fails after the reply was decided,
    // the built-in wording of the same reply follows what was shown; before that, the failure is the caller's.
    private String shown(
            java.util.function.Function<Consumer<String>, String> wording,
            java.util.function.Supplier<ReplyRequest> decided,
            Consumer<String> chunks,
            @Nullable TurnContext turn) {
        StringBuilder streamed = new StringBuilder();
        SafeText.Stream safe = SafeText.Stream.forReply();
        String text;
        try {
            text = wording.apply(chunk -> {
                streamed.append(chunk);
                String shown = safe.accept(chunk);
                if (!shown.isEmpty()) {
                    chunks.accept(shown);
                }
            });
        } catch (RuntimeException e) {
            ReplyRequest request = decided.get();
            if (request == null) {
                throw e;
            }
            log.warn(
                    "the language model {} failed to word a reply, using the built-in wording: {}",
                    languageModel.name(),
                    PersonalData.redact(e.toString()));
            if (turn != null) {
                turn.fellBack(reasonOf(e));
            }
            String rest = fallbackWording.reply(request, chunk -> {});
            String continuation = (streamed.length() == 0 ? "" : "\n") + rest;
            String shown = safe.accept(continuation) + safe.finish();
            chunks.accept(shown);
            return SafeText.reply(streamed + continuation);
        }
        // A model's return value is the whole reply; what it streamed may be less (facts appended after).
        if (!text.startsWith(streamed.toString())) {
            safe.finish();
            return SafeText.reply(text);
        }
        String tail = text.substring(streamed.length());
        String shown = safe.accept(tail) + safe.finish();
        if (!shown.isEmpty()) {
            chunks.accept(shown);
        }
        return SafeText.reply(streamed + tail);
    }

    private static void safely(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            log.warn("an escalation listener failed and was ignored: {}", e.toString());
        }
    }

    /** Configures an {@link EscalationEngine}; not thread-safe, the engine it builds is. */
    public static final class Builder {
        @Nullable
        LanguageModel languageModel;

        @Nullable
        ConversationStore conversationStore;

        @Nullable
        TicketStore ticketStore;

        Clock clock = Clock.systemUTC();
        TicketIdGenerator ticketIdGenerator = TicketIdGenerator.secureRandom();
        EscalationListener listener = EscalationListener.NONE;
        FlowDefinition flow = FlowDefinition.standard();
        int maxMessageLength = 20_000;
        Duration turnTimeout = Duration.ofSeconds(30);
        Duration fallbackCooldown = Duration.ofSeconds(30);
        Duration conversationTtl = Duration.ofHours(24);
        boolean fallback = true;
        OfflineLanguageModel offlineModel = new OfflineLanguageModel();
        RetryPolicy conflictRetry = DEFAULT_CONFLICT_RETRY;
        Sleeper sleeper = Sleeper.SYSTEM;

        private Builder() {}

        /** How long a whole turn may take; passed to the model as a deadline. 30 seconds by default. */
        public Builder turnTimeout(Duration value) {
            this.turnTimeout = Values.requirePositive(value, "turnTimeout");
            return this;
        }

        /**
         * Whether the built-in offline model reads a message when the configured model fails (true by
         * default: degraded mode); when false the turn fails with {@link UnableToInterpretMessageException}
         * and nothing of it is stored.
         */
        public Builder offlineFallback(boolean value) {
            this.fallback = value;
            return this;
        }

        /**
         * The built-in model that answers when the configured model fails (and is the model when none is
         * configured); {@code new OfflineLanguageModel()}, the rules alone, by default.
         */
        public Builder offlineModel(OfflineLanguageModel value) {
            this.offlineModel = Objects.requireNonNull(value, "offlineModel");
            return this;
        }

        /** The model that reads messages and words replies; the offline model by default. */
        public Builder languageModel(LanguageModel value) {
            this.languageModel = Objects.requireNonNull(value, "languageModel");
            return this;
        }

        /** Where conversation state is kept; required. */
        public Builder conversationStore(ConversationStore value) {
            this.conversationStore = Objects.requireNonNull(value, "conversationStore");
            return this;
        }

        /** Where tickets are looked up; required (usually the same database as the conversation store). */
        public Builder ticketStore(TicketStore value) {
            this.ticketStore = Objects.requireNonNull(value, "ticketStore");
            return this;
        }

        /** The source of time for tickets and conversations; {@code Clock.systemUTC()} by default. */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** The source of ticket ids; secure random by default. */
        public Builder ticketIdGenerator(TicketIdGenerator value) {
            this.ticketIdGenerator = Objects.requireNonNull(value, "ticketIdGenerator");
            return this;
        }

        /** Observes turns, transitions and tickets; {@link EscalationListener#NONE} by default. */
        public Builder listener(EscalationListener value) {
            this.listener = Objects.requireNonNull(value, "listener");
            return this;
        }

        /** The flow to run; verified when the engine is built. {@link FlowDefinition#standard()} by default. */
        public Builder flow(FlowDefinition value) {
            this.flow = Objects.requireNonNull(value, "flow");
            return this;
        }

        /**
         * After the configured model fails a turn, how long the offline model answers without trying it
         * (degraded mode); 30 seconds by default.
         */
        public Builder fallbackCooldown(Duration value) {
            Objects.requireNonNull(value, "fallbackCooldown");
            if (value.isNegative()) {
                throw new IllegalArgumentException("fallbackCooldown must not be negative, but was " + value);
            }
            this.fallbackCooldown = value;
            return this;
        }

        /**
         * How long a conversation in progress may go without a message before it expires; 24 hours by
         * default. The next message to an expired conversation closes it (nothing of it is submitted)
         * and starts a fresh one, and the reply says so. Measured from the stored time of the last turn
         * with the engine's clock. Tickets never expire.
         */
        public Builder conversationTtl(Duration value) {
            this.conversationTtl = Values.requirePositive(value, "conversationTtl");
            return this;
        }

        /**
         * How a turn is tried again when another instance stored the same conversation first (an
         * optimistic version conflict); {@link #DEFAULT_CONFLICT_RETRY} by default. No retry starts past
         * the turn's deadline ({@link #turnTimeout}), read on the engine's clock.
         */
        public Builder conflictRetry(RetryPolicy value) {
            this.conflictRetry = Objects.requireNonNull(value, "conflictRetry");
            return this;
        }

        /** How the engine waits between conflict retries; {@link Sleeper#SYSTEM} by default (tests pass their own). */
        public Builder sleeper(Sleeper value) {
            this.sleeper = Objects.requireNonNull(value, "sleeper");
            return this;
        }

        /** Longer messages are refused with a clear reply and change nothing; 20,000 characters by default. */
        public Builder maxMessageLength(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("maxMessageLength must be at least 1, but was " + value);
            }
            this.maxMessageLength = value;
            return this;
        }

        /**
         * Builds the engine.
         *
         * @throws NullPointerException if a required store is missing
         * @throws InvalidFlowException if the flow fails verification
         */
        public EscalationEngine build() {
            return new EscalationEngine(this);
        }
    }
}
