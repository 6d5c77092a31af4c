package dev.escalation.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.Conversation;
import dev.escalation.core.CustomerMessage;
import dev.escalation.core.EscalationEngine;
import dev.escalation.core.Intent;
import dev.escalation.core.OfflineLanguageModel;
import dev.escalation.core.PendingTurn;
import dev.escalation.core.Question;
import dev.escalation.core.State;
import dev.escalation.core.Ticket;
import dev.escalation.core.TurnResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Explores every sequence of up to eight customer events against the real engine, the offline model
 * and a real SQLite file, and checks the flow's invariants after every step.
 *
 * <p>Sequences are explored depth first from stored conversations: to try an event at a node, the
 * node's conversation is copied under a new id through the store's own API and the event is sent to
 * the copy. Two prefixes that leave the same conversation (state, slots, question, cycle, whether a
 * ticket exists, the parked request) behave the same afterwards, because the engine and the offline model are
 * deterministic functions of exactly that, so a node already explored with as many steps left is
 * not explored again; every sequence is still covered.
 */
class FlowPropertyTest {

    private static final int MAX_LENGTH = 8;

    /** One utterance per event, as a customer would write it; the offline model must read each as its event. */
    private static final Map<String, Intent> UTTERANCES = new LinkedHashMap<>();

    static {
        UTTERANCES.put("I've been waiting for weeks and I'm really frustrated with you.", Intent.PROVIDE_INFO);
        UTTERANCES.put(
                "I was charged twice for my March invoice and I want the duplicate payment refunded.",
                Intent.PROVIDE_INFO);
        UTTERANCES.put("yes", Intent.CONFIRM);
        UTTERANCES.put("no", Intent.DENY);
        UTTERANCES.put("No, that's wrong - this is a sales issue.", Intent.CORRECT);
        UTTERANCES.put("never mind, cancel it", Intent.CANCEL);
        UTTERANCES.put("What's the status of my ticket?", Intent.STATUS_QUERY);
        UTTERANCES.put("Please add to my ticket: it happened again today.", Intent.ADD_UPDATE);
    }

    @TempDir
    Path dir;

    private EscalationDatabase database;
    private EscalationEngine engine;
    private int copies;
    private long steps;
    private final Map<String, Integer> explored = new HashMap<>();
    private final Set<String> statesSeen = new TreeSet<>();

    private record PathFacts(List<String> events, int ticketsThisCycle, int cycle) {}

    @Test
    void everySequenceOfUpToEightEventsKeepsTheFlowsInvariants() {
        try (EscalationDatabase db = EscalationDatabase.openSqlite(dir.resolve("property.db"))) {
            database = db;
            engine = EscalationEngine.builder()
                    .languageModel(new OfflineLanguageModel())
                    .conversationStore(db.conversationStore())
                    .ticketStore(db.ticketStore())
                    .build();

            explore(null, new PathFacts(List.of(), 0, 1), 0);

            assertThat(statesSeen)
                    .containsExactlyInAnyOrder("REASON", "DETAILS", "CONFIRMATION", "TICKET_CREATED", "CANCELLED");
            assertThat(steps).as("steps taken").isGreaterThan(1_000);
        }
    }

    private void explore(String nodeId, PathFacts path, int depth) {
        if (depth == MAX_LENGTH) {
            return;
        }
        for (Map.Entry<String, Intent> utterance : UTTERANCES.entrySet()) {
            String id = copy(nodeId);
            Conversation before = database.conversationStore().load(id).orElse(null);
            State stateBefore = before == null ? State.REASON : before.state();
            int ticketsBefore = ticketsOf(id);
            List<String> events = new ArrayList<>(path.events());
            events.add(utterance.getValue().name());

            TurnResult result = engine.handle(new CustomerMessage(id, "prop-customer", utterance.getKey()));
            steps++;

            String where = "after " + events;
            Conversation stored = database.conversationStore().load(id).orElseThrow();
            assertThat(result.reply()).as("every turn gets a reply, " + where).isNotBlank();
            // Outside the summary a yes, a no or a correction has nothing to answer, so the model may read it as
            // plain information; the table treats both readings alike there.
            boolean answersASummary =
                    EnumSet.of(Intent.CONFIRM, Intent.DENY, Intent.CORRECT).contains(utterance.getValue());
            // After a ticket a message may be about it (a note) or a new problem (information); and an answer to
            // "Is this about TK-... or something new?" or to the offer of a parked problem decides for the parked
            // message: a note, or a new request.
            boolean afterTicket =
                    stateBefore.equals(State.TICKET_CREATED) && utterance.getValue() != Intent.STATUS_QUERY;
            boolean answersParked = before != null
                    && EnumSet.of(Question.SAME_OR_NEW, Question.START_PARKED).contains(before.pendingQuestion());
            assertThat(result.transition().event())
                    .as("the offline model reads '%s' in %s", utterance.getKey(), stateBefore)
                    .isIn(
                            afterTicket && answersParked
                                    ? List.of(
                                            utterance.getValue(),
                                            Intent.PROVIDE_INFO,
                                            Intent.ADD_UPDATE,
                                            Intent.CONFIRM,
                                            Intent.DENY)
                                    : afterTicket
                                            ? List.of(utterance.getValue(), Intent.PROVIDE_INFO, Intent.ADD_UPDATE)
                                            : answersASummary && !stateBefore.equals(State.CONFIRMATION)
                                                    ? List.of(utterance.getValue(), Intent.PROVIDE_INFO)
                                                    : List.of(utterance.getValue()));
            assertThat(stored.state())
                    .as("stored state equals the machine's, " + where)
                    .isEqualTo(result.state());
            assertThat(result.state()).isEqualTo(result.transition().target());
            int created = ticketsOf(id) - ticketsBefore;
            boolean confirmedInConfirmation =
                    stateBefore.equals(State.CONFIRMATION) && utterance.getValue() == Intent.CONFIRM;
            assertThat(created)
                    .as("a ticket exists iff a confirm happened in CONFIRMATION, " + where)
                    .isEqualTo(confirmedInConfirmation ? 1 : 0);
            int cycle = stored.cycle();
            int ticketsThisCycle = (cycle == path.cycle() ? path.ticketsThisCycle() : 0) + created;
            assertThat(ticketsThisCycle)
                    .as("at most one ticket per cycle, " + where)
                    .isLessThanOrEqualTo(1);
            if (result.state().equals(State.TICKET_CREATED)) {
                assertThat(result.ticket())
                        .as("the created cycle shows its ticket, " + where)
                        .isPresent();
            }
            statesSeen.add(result.state().name());

            String key = stored.state() + "|" + stored.slots() + "|" + stored.pendingQuestion() + "|"
                    + (stored.currentTicketId() != null) + "|" + (stored.lastTicketId() != null) + "|"
                    + ticketsThisCycle + "|"
                    + stored.parkedRequest();
            int stepsLeft = MAX_LENGTH - depth - 1;
            Integer known = explored.get(key);
            if (known == null || known < stepsLeft) {
                explored.put(key, stepsLeft);
                explore(id, new PathFacts(events, ticketsThisCycle, cycle), depth + 1);
            }
        }
    }

    // A fresh conversation, or a copy of a stored one under a new id, stored through the store's API.
    private String copy(String nodeId) {
        String id = "prop-" + (++copies);
        if (nodeId != null) {
            Conversation node = database.conversationStore().load(nodeId).orElseThrow();
            database.conversationStore()
                    .commit(new PendingTurn(
                            new Conversation(
                                    id,
                                    node.customerId(),
                                    node.state(),
                                    node.slots(),
                                    node.pendingQuestion(),
                                    node.cycle(),
                                    node.currentTicketId(),
                                    node.lastTicketId(),
                                    node.turns(),
                                    0,
                                    node.createdAt(),
                                    node.updatedAt(),
                                    node.parkedRequest()),
                            null,
                            null));
        }
        return id;
    }

    private int ticketsOf(String conversationId) {
        return (int) database.ticketStore().listForCustomer("prop-customer").stream()
                .map(Ticket::conversationId)
                .filter(conversationId::equals)
                .count();
    }
}
