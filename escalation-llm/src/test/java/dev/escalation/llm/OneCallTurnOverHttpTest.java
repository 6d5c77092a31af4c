package dev.escalation.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.CustomerMessage;
import dev.escalation.core.EscalationEngine;
import dev.escalation.core.InMemoryStore;
import dev.escalation.core.State;
import dev.escalation.core.TurnResult;
import dev.escalation.core.simulation.Profile;
import dev.escalation.core.simulation.Profiles;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A turn is one streamed call over real HTTP (the scripted OpenAI-compatible server): the reading,
 * the move and the reply come in one JSON answer, the reply streams to the customer as it arrives,
 * and words written for a move the flow does not take are never shown.
 */
class OneCallTurnOverHttpTest {

    private static final String HESITATION = "Hmm, let me think about it.";

    private final Profile allInOne = Profiles.dev().stream()
            .filter(p -> p.tagged("all_in_one"))
            .findFirst()
            .orElseThrow();
    private final Profile stepByStep = Profiles.dev().stream()
            .filter(p -> !p.tagged("all_in_one") && !p.tagged("ambiguous_department"))
            .findFirst()
            .orElseThrow();
    private final InMemoryStore store = new InMemoryStore();
    private ScriptedModelServer script;
    private MockWebServer server;
    private OpenAiCompatibleModel model;

    @AfterEach
    void stop() {
        if (model != null) {
            model.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private EscalationEngine engine(ScriptedModelServer scripted) throws IOException {
        script = scripted;
        server = script.start();
        model = new OpenAiCompatibleModel(
                Replay.lmStudio(server).timeout(Duration.ofSeconds(30)).build());
        return EscalationEngine.builder()
                .languageModel(model)
                .conversationStore(store)
                .ticketStore(store)
                .build();
    }

    @Test
    void aTurnWithoutAToolIsOneStreamedCallWhoseReplyReachesTheCustomerInPieces() throws IOException {
        EscalationEngine engine = engine(new ScriptedModelServer(Profiles.dev()));
        List<String> chunks = new CopyOnWriteArrayList<>();

        TurnResult result =
                engine.handle(new CustomerMessage("c1", stepByStep.customerId(), stepByStep.opening()), chunks::add);

        assertThat(result.state()).isEqualTo(State.DETAILS);
        assertThat(result.usage().calls()).isEqualTo(1);
        assertThat(script.turns()).isEqualTo(1);
        assertThat(script.extractions() + script.replies()).isZero();
        assertThat(chunks)
                .as("streamed as the answer arrives, a few characters at a time")
                .hasSizeGreaterThan(3);
        assertThat(String.join("", chunks)).isEqualTo(result.reply()).contains("what happens, since when");
    }

    @Test
    void aTicketAnnouncedBeforeTheCustomersYesIsNeverShownAndTheSummaryIsWordedByTheFlow() throws IOException {
        EscalationEngine engine =
                engine(new ScriptedModelServer(Profiles.dev()).adjustingReadings((request, text, fields) -> {
                    if (text.equals(HESITATION)) {
                        fields.put(
                                "intent",
                                "CONFIRM"); // a model that takes hesitation for a yes, and words a created ticket
                    }
                }));
        engine.handle(new CustomerMessage("c2", allInOne.customerId(), allInOne.opening()));
        List<String> chunks = new CopyOnWriteArrayList<>();

        TurnResult result = engine.handle(new CustomerMessage("c2", allInOne.customerId(), HESITATION), chunks::add);

        assertThat(result.state()).isEqualTo(State.CONFIRMATION);
        assertThat(store.listForCustomer(allInOne.customerId())).isEmpty();
        assertThat(result.usage().calls())
                .as("the built-in wording costs no call")
                .isEqualTo(1);
        assertThat(String.join("", chunks))
                .isEqualTo(result.reply())
                .doesNotContainIgnoringCase("created")
                .contains(allInOne.department().displayName(), "Shall I create the ticket?");
    }

    @Test
    void aDepartmentTheFlowDoesNotHaveIsNeverShownAndTheFlowAsksForOne() throws IOException {
        EscalationEngine engine =
                engine(new ScriptedModelServer(Profiles.dev()).adjustingReadings((request, text, fields) -> {
                    if (text.equals(allInOne.opening())) {
                        fields.put("department", "Legal");
                    }
                }));
        List<String> chunks = new CopyOnWriteArrayList<>();

        TurnResult result =
                engine.handle(new CustomerMessage("c3", allInOne.customerId(), allInOne.opening()), chunks::add);

        assertThat(result.state()).isEqualTo(State.DETAILS);
        assertThat(result.slots().department()).isNull();
        assertThat(String.join("", chunks))
                .isEqualTo(result.reply())
                .doesNotContain("Legal")
                .contains("Technical Support, Billing or Sales");
        assertThat(result.usage().calls()).isEqualTo(1);
    }

    @Test
    void aSentenceAnnouncingATicketInAReplyForAnotherMoveIsWithheldAndTheFlowsWordingFollows() throws IOException {
        EscalationEngine engine =
                engine(new ScriptedModelServer(Profiles.dev()).adjustingReadings((request, text, fields) -> {
                    if (text.equals(stepByStep.opening())) {
                        fields.put(
                                "reply",
                                "Thanks for telling me. Your ticket has been created and the team will call you."
                                        + " What exactly happens?");
                    }
                }));
        List<String> chunks = new CopyOnWriteArrayList<>();

        TurnResult result =
                engine.handle(new CustomerMessage("c7", stepByStep.customerId(), stepByStep.opening()), chunks::add);

        assertThat(result.state()).isEqualTo(State.DETAILS);
        assertThat(String.join("", chunks))
                .isEqualTo(result.reply())
                .startsWith("Thanks for telling me. ")
                .doesNotContain("created", "call you")
                .contains("what exactly happens, and since when?");
        assertThat(result.usage().calls()).isEqualTo(1);
    }

    @Test
    void theNewTicketsIdIsAddedToTheModelsWordsWhichCouldNotKnowIt() throws IOException {
        String yes = "Yes, please create the ticket for me now.";
        EscalationEngine engine =
                engine(new ScriptedModelServer(Profiles.dev()).adjustingReadings((request, text, fields) -> {
                    if (text.equals(yes)) {
                        fields.put("intent", "CONFIRM");
                    }
                }));
        engine.handle(new CustomerMessage("c4", allInOne.customerId(), allInOne.opening()));

        TurnResult result = engine.handle(new CustomerMessage("c4", allInOne.customerId(), yes));

        assertThat(result.state()).isEqualTo(State.TICKET_CREATED);
        assertThat(result.reply())
                .as("'for me now' is beyond the plain yes, so the model read it and worded the reply")
                .startsWith("Your ticket has been created for "
                        + allInOne.department().displayName())
                .endsWith(
                        "Your ticket ID is " + result.currentTicket().ticketId().value() + ".");
        assertThat(result.usage().calls()).isEqualTo(1);
    }

    @Test
    void aBareYesToTheSummaryIsAPlainAnswerThatCreatesTheTicketWithoutAModelCall() throws IOException {
        EscalationEngine engine = engine(new ScriptedModelServer(Profiles.dev()));
        engine.handle(new CustomerMessage("c8", allInOne.customerId(), allInOne.opening()));
        int requests = server.getRequestCount();
        List<String> chunks = new CopyOnWriteArrayList<>();

        TurnResult result = engine.handle(
                new CustomerMessage("c8", allInOne.customerId(), "Yes, please create the ticket."), chunks::add);

        assertThat(result.state()).isEqualTo(State.TICKET_CREATED);
        assertThat(result.usage().calls()).isZero();
        assertThat(server.getRequestCount()).isEqualTo(requests);
        assertThat(String.join("", chunks))
                .isEqualTo(result.reply())
                .contains(
                        result.currentTicket().ticketId().value(),
                        allInOne.department().displayName(),
                        allInOne.priority().wireName());
    }

    @Test
    void aBareStatusQuestionNeedsNoCallAndItsFactsComeFromTheStoredTicket() throws IOException {
        EscalationEngine engine = engine(new ScriptedModelServer(Profiles.dev()));
        engine.handle(new CustomerMessage("c6", allInOne.customerId(), allInOne.opening()));
        String id = engine.handle(new CustomerMessage("c6", allInOne.customerId(), "Yes, please create the ticket."))
                .currentTicket()
                .ticketId()
                .value();
        int requests = server.getRequestCount();

        TurnResult result = engine.handle(
                new CustomerMessage("c6", allInOne.customerId(), "What's the status of ticket " + id + "?"));

        assertThat(result.usage().calls()).isZero();
        assertThat(server.getRequestCount()).isEqualTo(requests);
        assertThat(result.reply()).contains(id, allInOne.department().displayName(), "open");
    }

    @Test
    void aStatusQuestionWithMoreToSayIsOneCallAndItsFactsStillComeFromTheStoredTicket() throws IOException {
        EscalationEngine engine = engine(new ScriptedModelServer(Profiles.dev()));
        engine.handle(new CustomerMessage("c9", allInOne.customerId(), allInOne.opening()));
        String id = engine.handle(new CustomerMessage("c9", allInOne.customerId(), "Yes, please create the ticket."))
                .currentTicket()
                .ticketId()
                .value();

        TurnResult result = engine.handle(new CustomerMessage(
                "c9",
                allInOne.customerId(),
                "I'm still waiting. What's the status of ticket " + id + "? It's urgent."));

        assertThat(result.usage().calls()).isEqualTo(1);
        assertThat(result.reply()).contains(id, allInOne.department().displayName(), "open");
        assertThat(script.replies()).as("no second call words it").isZero();
    }

    @Test
    void theSystemMessageAndSchemaOfAStateAreTheSameInEveryConversationSoServersCacheThem() throws IOException {
        EscalationEngine engine = engine(new ScriptedModelServer(Profiles.dev()));

        TurnResult first = engine.handle(new CustomerMessage("c5", stepByStep.customerId(), stepByStep.opening()));
        TurnResult other = engine.handle(new CustomerMessage("c10", allInOne.customerId(), allInOne.opening()));

        assertThat(first.usage().cachedInputTokens())
                .as("nothing was cached before the first call")
                .isZero();
        assertThat(other.usage().cachedInputTokens())
                .as("the stable prefix is cached")
                .isPositive()
                .isLessThan(other.usage().inputTokens());
    }
}
