package dev.escalation.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.escalation.core.CustomerMessage;
import dev.escalation.core.Department;
import dev.escalation.core.EscalationEngine;
import dev.escalation.core.InMemoryStore;
import dev.escalation.core.Priority;
import dev.escalation.core.State;
import dev.escalation.core.TurnResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The engine with this adapter and a scripted OpenAI-compatible server in the loop that answers every
 * streamed request with plain text: the one-call question of each turn gets no JSON, so nothing of it
 * is shown and the turn is read by an extraction call and worded by a streamed reply, as before
 * one-call turns; a ticket in two turns.
 */
class EngineOverHttpTest {

    private final MockWebServer server = new MockWebServer();
    private OpenAiCompatibleModel model;

    /** Answers extraction calls by the customer's words and replies with a fixed streamed sentence. */
    private static final class ScriptedServer extends Dispatcher {
        @Override
        public MockResponse dispatch(RecordedRequest request) {
            JsonNode body = Replay.bodyOf(request);
            if (body.path("stream").asBoolean(false)) {
                return Replay.sse("lmstudio-stream-no-usage.sse");
            }
            JsonNode messages = body.path("messages");
            String user = messages.get(messages.size() - 1).path("content").asText();
            String name = user.contains("<customer_message>\nyes")
                    ? "openai-json-schema-confirm.json"
                    : "openai-json-schema-reason.json";
            return Replay.json(200, name);
        }
    }

    @BeforeEach
    void start() throws IOException {
        server.setDispatcher(new ScriptedServer());
        server.start();
        model = new OpenAiCompatibleModel(Replay.openAi(server).build());
    }

    @AfterEach
    void stop() {
        model.close();
        server.close();
    }

    @Test
    void aServerThatAnswersTheOneCallQuestionWithPlainTextStillGetsATicketByExtractionAndReply() {
        InMemoryStore store = new InMemoryStore();
        EscalationEngine engine = EscalationEngine.builder()
                .languageModel(model)
                .conversationStore(store)
                .ticketStore(store)
                .build();
        List<String> streamed = new ArrayList<>();

        TurnResult first = engine.handle(
                new CustomerMessage(
                        "c-1", "u-1", "I was charged twice for my premium this month and nobody answers my emails"),
                streamed::add);
        TurnResult second = engine.handle(new CustomerMessage("c-1", "u-1", "yes"), streamed::add);

        assertThat(first.state()).isEqualTo(State.CONFIRMATION);
        assertThat(first.slots().department()).isEqualTo(Department.BILLING);
        assertThat(first.slots().priority()).isEqualTo(Priority.HIGH);
        assertThat(first.degraded()).isFalse();
        assertThat(first.usage().calls())
                .as("the unusable one-call answer, an extraction, a reply")
                .isEqualTo(3);
        assertThat(second.state()).isEqualTo(State.TICKET_CREATED);
        assertThat(second.degraded()).isFalse();
        assertThat(second.usage().calls())
                .as("a bare yes to the summary is a plain answer: read and worded without the model")
                .isZero();
        String id = second.ticket().orElseThrow().ticketId().value();
        assertThat(second.reply()).contains(id);
        assertThat(String.join("", streamed)).isEqualTo(first.reply() + second.reply());
        assertThat(server.getRequestCount()).isEqualTo(3);
    }
}
