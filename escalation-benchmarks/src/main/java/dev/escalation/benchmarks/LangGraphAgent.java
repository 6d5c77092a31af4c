package dev.escalation.benchmarks;

import static org.bsc.langgraph4j.StateGraph.END;
import static org.bsc.langgraph4j.StateGraph.START;
import static org.bsc.langgraph4j.action.AsyncEdgeAction.edge_async;
import static org.bsc.langgraph4j.action.AsyncNodeAction.node_async;

import dev.escalation.core.Intent;
import dev.escalation.core.Interpretation;
import dev.escalation.core.InterpretationRequest;
import dev.escalation.core.LanguageModel;
import dev.escalation.core.Priority;
import dev.escalation.core.Question;
import dev.escalation.core.ReplyAct;
import dev.escalation.core.ReplyRequest;
import dev.escalation.core.Slots;
import dev.escalation.core.State;
import dev.escalation.core.Ticket;
import dev.escalation.core.TicketChange;
import dev.escalation.core.TicketId;
import dev.escalation.core.TicketIdGenerator;
import dev.escalation.core.TicketStatus;
import dev.escalation.store.internal.SlotsJson;
import dev.escalation.store.internal.StoreDatabase;
import dev.escalation.store.internal.TicketSql;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bsc.langgraph4j.CompileConfig;
import org.bsc.langgraph4j.CompiledGraph;
import org.bsc.langgraph4j.GraphStateException;
import org.bsc.langgraph4j.RunnableConfig;
import org.bsc.langgraph4j.StateGraph;
import org.bsc.langgraph4j.checkpoint.BaseCheckpointSaver;
import org.bsc.langgraph4j.checkpoint.MemorySaver;
import org.bsc.langgraph4j.state.AgentState;

/**
 * The peer "the same flow on a graph library": the four-state escalation flow written as a
 * LangGraph4j {@link StateGraph} (a node per state, a routing edge on the stored state, a node that
 * words the reply), its conversation state kept by a LangGraph4j checkpoint saver keyed by thread id =
 * conversation id: its in-memory {@link MemorySaver} by default, or a durable one such as its
 * {@link org.bsc.langgraph4j.checkpoint.FileSystemSaver}. It reads messages and words replies
 * through the same {@link LanguageModel} as our engine (so the same prompts), and writes tickets with
 * the store's own SQL ({@link TicketSql}) on the same SQLite schema.
 *
 * <p>Thread-safe for different conversations; one conversation's messages must not overlap. Example:
 * {@code new LangGraphAgent(model, database).send("c1", "u1", "hi")}.
 */
public final class LangGraphAgent implements ChatAgent {

    // The graph's state is plain strings, so the checkpoint saver can copy it without custom serialisers.
    private static final String STATE = "state";
    private static final String SLOTS = "slots";
    private static final String QUESTION = "question";
    private static final String CUSTOMER = "customer";
    private static final String CONVERSATION = "conversation";
    private static final String MESSAGE = "message";
    private static final String REPLY = "reply";
    private static final String TICKET = "ticket";
    private static final String CREATED = "created";

    private final LanguageModel model;
    private final StoreDatabase database;
    private final Clock clock = Clock.systemUTC();
    private final TicketIdGenerator ids = TicketIdGenerator.secureRandom();
    private final String name;
    private final CompiledGraph<AgentState> graph;
    // The acts a node decided, handed to the reply node within one invocation (not part of the state).
    private final ThreadLocal<List<ReplyAct>> acts = ThreadLocal.withInitial(ArrayList::new);

    /** The graph with LangGraph4j's in-memory saver. */
    public LangGraphAgent(LanguageModel model, StoreDatabase database) {
        this(model, database, new MemorySaver(), "LangGraph4j graph");
    }

    /** The graph with {@code saver} keeping its checkpoints, reported as {@code name}. */
    public LangGraphAgent(LanguageModel model, StoreDatabase database, BaseCheckpointSaver saver, String name) {
        this.model = model;
        this.database = database;
        this.name = name;
        try {
            this.graph = new StateGraph<>(AgentState::new)
                    .addNode("reason", node_async(this::collect))
                    .addNode("details", node_async(this::collect))
                    .addNode("confirmation", node_async(this::confirm))
                    .addNode("ticket_created", node_async(this::afterCycle))
                    .addNode("reply", node_async(this::reply))
                    .addConditionalEdges(
                            START,
                            edge_async(s -> s.<String>value(STATE).orElse(State.REASON.name())),
                            Map.of(
                                    State.REASON.name(),
                                    "reason",
                                    State.DETAILS.name(),
                                    "details",
                                    State.CONFIRMATION.name(),
                                    "confirmation",
                                    State.TICKET_CREATED.name(),
                                    "ticket_created",
                                    State.CANCELLED.name(),
                                    "ticket_created"))
                    .addEdge("reason", "reply")
                    .addEdge("details", "reply")
                    .addEdge("confirmation", "reply")
                    .addEdge("ticket_created", "reply")
                    .addEdge("reply", END)
                    .compile(CompileConfig.builder().checkpointSaver(saver).build());
        } catch (GraphStateException e) {
            throw new IllegalStateException("the LangGraph4j flow does not compile: " + e.getMessage(), e);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Turn send(String conversationId, String customerId, String text) {
        RunnableConfig config =
                RunnableConfig.builder().threadId(conversationId).build();
        Map<String, Object> input = new HashMap<>();
        graph.lastStateOf(config)
                .ifPresent(snapshot -> input.putAll(snapshot.state().data()));
        input.put(CONVERSATION, conversationId);
        input.put(CUSTOMER, customerId);
        input.put(MESSAGE, text);
        input.put(CREATED, "");
        acts.get().clear();
        AgentState after = graph.invoke(input, config)
                .orElseThrow(() -> new IllegalStateException("the graph gave no state for " + conversationId));
        Slots slots = SlotsJson.read(after.<String>value(SLOTS).orElseThrow());
        State state = State.of(after.<String>value(STATE).orElseThrow());
        String created = after.<String>value(CREATED).orElse("");
        String ticket = after.<String>value(TICKET).orElse("");
        return new Turn(
                after.<String>value(REPLY).orElse(""),
                state,
                slots.department(),
                slots.priority(),
                !created.isEmpty() ? created : ticket.isEmpty() ? null : ticket);
    }

    // REASON and DETAILS: gather reason, details and department; go to CONFIRMATION when all are known.
    private Map<String, Object> collect(AgentState s) {
        Slots before = slots(s);
        Interpretation reading = interpret(s, before);
        Map<String, Object> out = new HashMap<>();
        if (reading.intent() == Intent.DENY) {
            acts.get().add(new ReplyAct.Cancelled());
            return moveTo(out, State.CANCELLED, before, Question.NONE);
        }
        Slots slots = informative(reading) ? before.with(reading) : before;
        return ask(out, slots);
    }

    private Map<String, Object> ask(Map<String, Object> out, Slots slots) {
        if (!(slots.reasonGiven() || slots.detailsGiven())) {
            acts.get().add(new ReplyAct.AskReason());
            return moveTo(out, State.REASON, slots, Question.REASON);
        }
        if (!slots.detailsGiven()) {
            acts.get().add(new ReplyAct.AskDetails());
            return moveTo(out, State.DETAILS, slots, Question.DETAILS);
        }
        if (slots.department() == null) {
            acts.get().add(new ReplyAct.AskDepartment());
            return moveTo(out, State.DETAILS, slots, Question.DEPARTMENT);
        }
        Slots summarised = slots.priority() == null ? slots.withPriority(Priority.MEDIUM, false) : slots;
        acts.get().add(new ReplyAct.Summarize(summarised));
        return moveTo(out, State.CONFIRMATION, summarised, Question.CONFIRMATION);
    }

    // CONFIRMATION: an explicit yes creates the ticket; no cancels; anything else corrects and summarises again.
    private Map<String, Object> confirm(AgentState s) {
        Slots before = slots(s);
        Interpretation reading = interpret(s, before);
        Map<String, Object> out = new HashMap<>();
        switch (reading.intent()) {
            case CONFIRM -> {
                var now = clock.instant();
                Ticket ticket = new Ticket(
                        ids.next(),
                        s.<String>value(CUSTOMER).orElseThrow(),
                        s.<String>value(CONVERSATION).orElseThrow(),
                        before.description() == null ? "(no description)" : before.description(),
                        before.department(),
                        before.priorityOrDefault(),
                        TicketStatus.OPEN,
                        now,
                        now);
                database.write(handle -> TicketSql.insert(handle, ticket, "agent", "created by the LangGraph4j flow"));
                acts.get().add(new ReplyAct.TicketCreated(ticket));
                out.put(TICKET, ticket.ticketId().value());
                out.put(CREATED, ticket.ticketId().value());
                return moveTo(out, State.TICKET_CREATED, before, Question.NONE);
            }
            case DENY -> {
                acts.get().add(new ReplyAct.Cancelled());
                return moveTo(out, State.CANCELLED, before, Question.NONE);
            }
            default -> {
                return ask(out, informative(reading) ? before.with(reading) : before);
            }
        }
    }

    // After a cycle: status look-ups and notes on the ticket; anything informative starts a new cycle.
    private Map<String, Object> afterCycle(AgentState s) {
        Slots before = slots(s);
        Interpretation reading = interpret(s, before);
        Map<String, Object> out = new HashMap<>();
        String customer = s.<String>value(CUSTOMER).orElseThrow();
        State state = State.of(s.<String>value(STATE).orElseThrow());
        Optional<Ticket> ticket = Optional.ofNullable(reading.ticketReference())
                .flatMap(TicketId::parse)
                .or(() -> s.<String>value(TICKET).filter(t -> !t.isEmpty()).flatMap(TicketId::parse))
                .flatMap(id -> database.read(handle -> TicketSql.findForCustomer(handle, id, customer)));
        switch (reading.intent()) {
            case STATUS_QUERY -> {
                acts.get()
                        .add(ticket.<ReplyAct>map(t -> new ReplyAct.ReportStatus(t, null))
                                .orElseGet(() -> new ReplyAct.TicketNotFound(reading.ticketReference())));
                acts.get().add(new ReplyAct.OfferFurtherHelp(ticket.orElse(null)));
                return moveTo(out, state, before, Question.NONE);
            }
            case ADD_UPDATE -> {
                if (ticket.isEmpty() || reading.note() == null || reading.note().isBlank()) {
                    acts.get()
                            .add(
                                    ticket.isEmpty()
                                            ? new ReplyAct.TicketNotFound(reading.ticketReference())
                                            : new ReplyAct.AskUpdateText());
                } else {
                    Ticket changed = database.write(handle -> TicketSql.apply(
                            handle,
                            new TicketChange(
                                    ticket.get().ticketId(),
                                    "customer:" + customer,
                                    null,
                                    reading.note().strip(),
                                    clock.instant())));
                    acts.get()
                            .add(new ReplyAct.UpdateAdded(
                                    changed, reading.note().strip()));
                }
                acts.get().add(new ReplyAct.OfferFurtherHelp(ticket.orElse(null)));
                return moveTo(out, state, before, Question.NONE);
            }
            default -> {
                if (!informative(reading)) {
                    acts.get().add(new ReplyAct.OfferFurtherHelp(ticket.orElse(null)));
                    return moveTo(out, state, before, Question.NONE);
                }
                return ask(out, Slots.EMPTY.with(reading));
            }
        }
    }

    private Map<String, Object> reply(AgentState s) {
        Slots slots = slots(s);
        String reply = model.reply(
                new ReplyRequest(
                        List.copyOf(acts.get()),
                        State.of(s.<String>value(STATE).orElseThrow()),
                        slots,
                        s.<String>value(MESSAGE).orElse("")),
                chunk -> {});
        return Map.of(REPLY, reply);
    }

    private Interpretation interpret(AgentState s, Slots slots) {
        return model.interpret(new InterpretationRequest(
                State.of(s.<String>value(STATE).orElse(State.REASON.name())),
                slots,
                Question.valueOf(s.<String>value(QUESTION).orElse(Question.REASON.name())),
                s.<String>value(MESSAGE).orElse("")));
    }

    private static Map<String, Object> moveTo(Map<String, Object> out, State state, Slots slots, Question question) {
        out.put(STATE, state.name());
        out.put(SLOTS, SlotsJson.write(slots));
        out.put(QUESTION, question.name());
        return out;
    }

    private static Slots slots(AgentState s) {
        return s.<String>value(SLOTS).map(SlotsJson::read).orElse(Slots.EMPTY);
    }

    private static boolean informative(Interpretation reading) {
        return reading.intent() == Intent.PROVIDE_INFO || reading.intent() == Intent.CORRECT;
    }

    @Override
    public void close() {
        if (model instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        database.close();
    }
}
