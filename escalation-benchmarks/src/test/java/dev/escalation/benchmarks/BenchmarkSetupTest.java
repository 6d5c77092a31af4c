package dev.escalation.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.Conversation;
import dev.escalation.core.EscalationListener;
import dev.escalation.core.State;
import dev.escalation.core.TurnResult;
import dev.escalation.core.simulation.Profile;
import dev.escalation.core.simulation.Profiles;
import dev.escalation.llm.internal.Completion;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

/**
 * Fast checks that every benchmark's setup works and measures what it says, so {@code make bench}
 * cannot fail (or measure nothing) after a change elsewhere; the measuring itself is {@code make bench}.
 */
class BenchmarkSetupTest {

    @Test
    void turnBenchmarksRunARealTurnAndTheBareUpsertWritesTheSameRow() {
        TurnBenchmark benchmark = new TurnBenchmark();
        benchmark.setUp();
        try {
            TurnResult offline = benchmark.engineTurnOfflineModel();
            TurnResult free = benchmark.engineTurnFreeModel();
            TurnResult overHttp = benchmark.engineTurnScriptedModelOverHttp();
            Conversation bare = benchmark.bareUpsertOfTheTurn();
            var checked = benchmark.stateMachineCheckAlone();

            assertThat(offline.state()).isEqualTo(State.DETAILS);
            assertThat(offline.reply()).isNotBlank();
            assertThat(free.state())
                    .as("the free model reads the message as the offline model does")
                    .isEqualTo(offline.state());
            assertThat(free.slots()).isEqualTo(offline.slots());
            assertThat(overHttp.state()).isEqualTo(State.DETAILS);
            assertThat(overHttp.usage().calls())
                    .as("one call: the reading and the streamed reply in one answer")
                    .isEqualTo(1);
            assertThat(bare.version()).isEqualTo(1);
            assertThat(bare.state()).isEqualTo(offline.state());
            assertThat(bare.slots()).isEqualTo(offline.slots());
            assertThat(checked.accepted()).isTrue();
            assertThat(checked.state()).isEqualTo(offline.state());
            TurnResult underWay = benchmark.engineTurnFreeModelUnderWay();
            TurnResult nextUnderWay = benchmark.engineTurnFreeModelUnderWay();
            assertThat(underWay.state())
                    .as("a message with no details asks for them again")
                    .isEqualTo(State.DETAILS);
            assertThat(nextUnderWay.turn()).isEqualTo(underWay.turn() + 1);
            Conversation bareUnderWay = benchmark.bareCommitUnderWay();
            assertThat(benchmark.bareCommitUnderWay().version()).isEqualTo(bareUnderWay.version() + 1);
            assertThat(bareUnderWay.state()).isEqualTo(underWay.state());
            assertThat(benchmark.stateMachineCheckStartedMachine().state())
                    .as("a greeting keeps REASON")
                    .isEqualTo(State.REASON);
        } finally {
            benchmark.tearDown();
        }
    }

    @Test
    void parserBenchmarksParseAWholeReplyAndAWholeEnvelope() throws Throwable {
        ParserBenchmark benchmark = new ParserBenchmark();
        benchmark.setUp();

        Completion completion = (Completion) benchmark.sseStreamedReply();

        assertThat(completion.content()).startsWith("Here is what I have").endsWith("tell me what to change.");
        assertThat(benchmark.eggAiRequestEnvelope()).isPresent();
    }

    @Test
    void everyDesignPlaysADevProfileToTheTicketWithTheScriptedModel() {
        Profile profile = Profiles.dev().get(0);
        PeerModelScript script = new PeerModelScript(Profiles.dev());
        CountingDispatcher counter = new CountingDispatcher(script);
        try (MockWebServer server = Agents.server(counter)) {
            List<ChatAgent> agents = new ArrayList<>();
            agents.add(Agents.engine(
                    "engine", Agents.tempDir(), Agents.model(server, Agents.Endpoint.OPENAI), EscalationListener.NONE));
            agents.add(Agents.engine(
                    "engine, every message to the model",
                    Agents.tempDir(),
                    Agents.model(server, Agents.Endpoint.OPENAI, false),
                    EscalationListener.NONE));
            agents.add(new LangGraphAgent(
                    Agents.model(server, Agents.Endpoint.OPENAI), Agents.storeDatabase(Agents.tempDir(), "langgraph")));
            agents.add(new ReActAgent(server.url("/v1").toString(), Agents.storeDatabase(Agents.tempDir(), "react")));
            for (ChatAgent agent : agents) {
                try (agent) {
                    counter.reset();
                    CustomerPolicy policy = new CustomerPolicy(profile);
                    int turns = 0;
                    for (String message = policy.first(); message != null; turns++) {
                        message = policy.next(agent.send("c1", profile.customerId(), message));
                    }

                    assertThat(policy.ticketId()).as(agent.name()).matches("TK-[A-Z0-9]{8}");
                    assertThat(turns).as(agent.name()).isBetween(3, 6);
                    if (agent.name().equals("engine")) {
                        // The yes to the summary and the status question after the ticket are plain answers:
                        // read without a model call.
                        assertThat(counter.calls()).as(agent.name()).isEqualTo(turns - 2);
                    } else if (agent.name().startsWith("engine")) {
                        assertThat(counter.calls()).as(agent.name()).isEqualTo(turns);
                    } else {
                        assertThat(counter.calls()).as(agent.name()).isGreaterThanOrEqualTo(turns);
                    }
                    assertThat(counter.promptTokens())
                            .as(agent.name())
                            .isGreaterThan(counter.completionTokens())
                            .isPositive();
                }
            }
            assertThat(script.unrecognised()).isEmpty();
        }
    }

    @Test
    void everyThroughputDesignPlaysAConversationToItsEndOneTurnPerOperation() throws Exception {
        for (String design :
                List.of("engine-memory", "langgraph4j-memory", "engine-sqlite", "langgraph4j-file", "react")) {
            PeerThroughputBenchmark benchmark = new PeerThroughputBenchmark();
            benchmark.design = design;
            benchmark.setUp();
            try {
                int turns = 1;
                while (benchmark.turn() && turns < 10) {
                    turns++;
                }

                assertThat(turns).as(design).isBetween(3, 6);
            } finally {
                benchmark.tearDown();
            }
        }
    }

    @Test
    void theAnswerCacheAnswersARequestItHasSeenWithoutAskingTheScriptAgain() {
        Profile profile = Profiles.dev().get(0);
        AnswerCache answers = new AnswerCache(new PeerModelScript(Profiles.dev()), 100);
        try (MockWebServer server = Agents.server(answers);
                ChatAgent agent = Agents.engine(
                        "engine",
                        Agents.tempDir(),
                        Agents.model(server, Agents.Endpoint.OPENAI),
                        EscalationListener.NONE)) {
            List<String> tickets = new ArrayList<>();
            for (String conversation : List.of("c1", "c2")) {
                CustomerPolicy policy = new CustomerPolicy(profile);
                for (String message = policy.first(); message != null; ) {
                    message = policy.next(agent.send(conversation, profile.customerId(), message));
                }
                tickets.add(policy.ticketId());
            }

            assertThat(tickets).allMatch(id -> id != null && id.matches("TK-[A-Z0-9]{8}"));
            assertThat(answers.hits())
                    .as("the second conversation's requests were seen in the first")
                    .isPositive();
            assertThat(answers.misses()).isPositive();
        }
    }

    @Test
    void anAnswerCacheWithoutRoomIsRefusedNamingTheCapacity() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new AnswerCache(new PeerModelScript(Profiles.dev()), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0");
    }
}
