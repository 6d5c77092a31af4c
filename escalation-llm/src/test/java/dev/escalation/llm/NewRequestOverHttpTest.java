package dev.escalation.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.escalation.core.CustomerMessage;
import dev.escalation.core.Department;
import dev.escalation.core.EscalationEngine;
import dev.escalation.core.InMemoryStore;
import dev.escalation.core.Priority;
import dev.escalation.core.State;
import dev.escalation.core.Ticket;
import dev.escalation.core.TicketUpdate;
import dev.escalation.core.TurnResult;
import dev.escalation.core.simulation.Profile;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A new problem starts a new request with this adapter: the scripted OpenAI-compatible server over
 * real HTTP reads the schema's {@code problem} field (same, new, unclear) and the flow decides. No
 * offline fallback, so every reading is the server's.
 */
class NewRequestOverHttpTest {

    private static final String YES = "Yes, please create the ticket.";
    private static final String LOGIN = "I can't log in to the app and I'm fed up with it.";
    private static final String UPGRADE = "I also want to upgrade to the premium plan, can someone call me?";
    private static final String ERROR = "The app shows error 503 when I open the settings page.";
    private static final String CHARGED = "Also, I have another problem: I was charged twice for May.";
    private static final String SOMETHING_NEW = "Something new";
    private static final String SAME_ONE = "It's the same one";
    private static final Map<String, String> PROBLEM =
            Map.of(UPGRADE, "new", ERROR, "unclear", CHARGED, "new", SOMETHING_NEW, "new", SAME_ONE, "same");

    private final List<String> schemasWithoutProblem = new CopyOnWriteArrayList<>();
    private ScriptedModelServer script;
    private MockWebServer server;
    private OpenAiCompatibleModel model;
    private InMemoryStore store;
    private EscalationEngine engine;

    private static Profile profile(
            String id, String opening, String details, Department department, Priority priority, String... tags) {
        return new Profile(
                id,
                "u1",
                opening,
                details,
                department.displayName(),
                department,
                priority,
                true,
                null,
                null,
                List.of(tags));
    }

    @BeforeEach
    void start() throws IOException {
        script = new ScriptedModelServer(List.of(
                        profile(
                                "login",
                                LOGIN,
                                "Since Monday it says my password is wrong even after a reset.",
                                Department.TECHNICAL_SUPPORT,
                                Priority.HIGH),
                        profile(
                                "upgrade",
                                UPGRADE,
                                "We are a team of five and would like the business plan.",
                                Department.SALES,
                                Priority.LOW),
                        profile(
                                "error",
                                ERROR,
                                "It started after the last update.",
                                Department.TECHNICAL_SUPPORT,
                                Priority.MEDIUM,
                                "all_in_one"),
                        profile(
                                "charged",
                                CHARGED,
                                "The second payment of 30 euros was taken on the 3rd.",
                                Department.BILLING,
                                Priority.MEDIUM,
                                "all_in_one")))
                .adjustingReadings(this::problem);
        server = script.start();
        model = new OpenAiCompatibleModel(Replay.lmStudio(server).build());
        store = new InMemoryStore();
        engine = EscalationEngine.builder()
                .languageModel(model)
                .offlineFallback(false)
                .conversationStore(store)
                .ticketStore(store)
                .build();
    }

    // The model's answer for the problem field; every schema the adapter sends must ask for it.
    private void problem(JsonNode request, String customerText, Map<String, Object> fields) {
        if (!request.path("response_format")
                .path("json_schema")
                .path("schema")
                .path("properties")
                .has("problem")) {
            schemasWithoutProblem.add(customerText);
        }
        fields.put("problem", PROBLEM.get(customerText));
    }

    @AfterEach
    void stop() {
        model.close();
        server.close();
    }

    private TurnResult say(String text) {
        TurnResult turn = engine.handle(new CustomerMessage("c1", "u1", text));
        assertThat(turn.degraded()).as("answered by the server: %s", text).isFalse();
        return turn;
    }

    private Ticket loginTicket() {
        say(LOGIN);
        assertThat(say("Since Monday it says my password is wrong even after a reset.")
                        .state())
                .isEqualTo(State.CONFIRMATION);
        return say(YES).ticket().orElseThrow();
    }

    private List<TicketUpdate> notes(Ticket ticket) {
        return store.history(ticket.ticketId()).stream()
                .filter(u -> u.kind() == TicketUpdate.Kind.NOTE_ADDED)
                .toList();
    }

    @Test
    void aDifferentProblemAfterATicketStartsASalesRequestWithItsOwnTicket() {
        Ticket first = loginTicket();

        TurnResult upgrade = say(UPGRADE);
        assertThat(upgrade.state()).isEqualTo(State.DETAILS);
        assertThat(upgrade.slots().department()).isEqualTo(Department.SALES);
        assertThat(upgrade.slots().description()).isEqualTo(UPGRADE);
        assertThat(say("We are a team of five and would like the business plan.")
                        .state())
                .isEqualTo(State.CONFIRMATION);
        Ticket second = say(YES).ticket().orElseThrow();

        assertThat(second.ticketId()).isNotEqualTo(first.ticketId());
        assertThat(second.department()).isEqualTo(Department.SALES);
        assertThat(store.history(first.ticketId())).hasSize(1);
        assertThat(schemasWithoutProblem).isEmpty();
        assertThat(script.unrecognised()).isEmpty();
    }

    @Test
    void anUnclearMessageGetsOneQuestionAndSomethingNewStartsARequestForIt() {
        Ticket ticket = loginTicket();

        TurnResult asked = say(ERROR);
        assertThat(asked.state()).isEqualTo(State.TICKET_CREATED);
        assertThat(asked.reply()).isEqualTo("Is this about ticket " + ticket.ticketId() + " or something new?");
        TurnResult answered = say(SOMETHING_NEW);

        assertThat(answered.state()).isEqualTo(State.CONFIRMATION);
        assertThat(answered.slots().department()).isEqualTo(Department.TECHNICAL_SUPPORT);
        assertThat(answered.slots().description()).isEqualTo(ERROR);
        assertThat(notes(ticket)).isEmpty();
        assertThat(script.unrecognised()).containsExactly("message: " + SOMETHING_NEW);
    }

    @Test
    void anUnclearMessageBecomesANoteWhenTheCustomerSaysItIsTheSameOne() {
        Ticket ticket = loginTicket();
        say(ERROR);

        TurnResult answered = say(SAME_ONE);

        assertThat(answered.state()).isEqualTo(State.TICKET_CREATED);
        assertThat(answered.reply()).contains("added your note to ticket " + ticket.ticketId());
        assertThat(notes(ticket)).extracting(TicketUpdate::note).containsExactly(ERROR);
        assertThat(store.list()).hasSize(1);
        assertThat(script.unrecognised()).containsExactly("message: " + SAME_ONE);
    }

    @Test
    void aSecondProblemMidRequestIsParkedAndOfferedAsItsOwnRequestAfterTheTicket() {
        say(LOGIN);
        TurnResult parked = say(CHARGED);
        assertThat(parked.state()).isEqualTo(State.DETAILS);
        assertThat(parked.slots().department()).isEqualTo(Department.TECHNICAL_SUPPORT);
        assertThat(parked.slots().description()).isEqualTo(LOGIN);
        assertThat(store.load("c1").orElseThrow().parkedRequest()).isEqualTo(CHARGED);

        say("Since Monday it says my password is wrong even after a reset.");
        TurnResult created = say(YES);
        assertThat(created.ticket().orElseThrow().description()).doesNotContain("charged");
        // In one call the model words the ticket; the offer of the parked problem is the flow's own.
        assertThat(created.reply())
                .contains("You also mentioned")
                .contains("\"" + CHARGED + "\"")
                .contains("Shall I start a new request");
        TurnResult started = say(YES);

        assertThat(started.state()).isEqualTo(State.CONFIRMATION);
        assertThat(started.slots().department()).isEqualTo(Department.BILLING);
        assertThat(started.slots().description()).isEqualTo(CHARGED);
        assertThat(store.load("c1").orElseThrow().parkedRequest()).isNull();
        assertThat(script.unrecognised()).isEmpty();
    }
}
