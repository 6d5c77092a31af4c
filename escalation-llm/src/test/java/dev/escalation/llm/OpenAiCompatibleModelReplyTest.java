package dev.escalation.llm;

import static dev.escalation.llm.Replay.bodyOf;
import static dev.escalation.llm.Replay.json;
import static dev.escalation.llm.Replay.sse;
import static dev.escalation.llm.Replay.take;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.escalation.core.Department;
import dev.escalation.core.ModelCall;
import dev.escalation.core.Priority;
import dev.escalation.core.ReplyAct;
import dev.escalation.core.ReplyRequest;
import dev.escalation.core.Slots;
import dev.escalation.core.State;
import dev.escalation.core.Ticket;
import dev.escalation.core.TicketId;
import dev.escalation.core.TicketStatus;
import dev.escalation.core.TicketUpdate;
import dev.escalation.core.UnableToInterpretMessageException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Wording replies as streams from a local server replaying OpenAI and LM Studio event streams. */
class OpenAiCompatibleModelReplyTest {

    private static final Instant NOW = Instant.parse("2026-03-02T10:15:30Z");
    private static final Ticket TICKET = new Ticket(
            TicketId.of("TK-7QX2M9PA"),
            "customer-1",
            "conversation-1",
            "I was charged twice for my premium",
            Department.BILLING,
            Priority.HIGH,
            TicketStatus.OPEN,
            NOW,
            NOW);

    private final MockWebServer server = new MockWebServer();
    private final Replay.Calls calls = new Replay.Calls();
    private final List<String> chunks = new CopyOnWriteArrayList<>();
    private final List<OpenAiCompatibleModel> models = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server.start();
    }

    @AfterEach
    void stop() {
        models.forEach(OpenAiCompatibleModel::close);
        server.close();
    }

    private OpenAiCompatibleModel model(LanguageModelConfig.Builder config) {
        OpenAiCompatibleModel model = new OpenAiCompatibleModel(config.build());
        models.add(model);
        return model;
    }

    private ReplyRequest created() {
        return new ReplyRequest(
                List.of(new ReplyAct.TicketCreated(TICKET), new ReplyAct.OfferFurtherHelp(TICKET)),
                State.TICKET_CREATED,
                Slots.EMPTY,
                "yes please",
                Instant.now().plusSeconds(10),
                calls);
    }

    @Test
    void streamsTheReplyChunkByChunkAsItArrivesAndReportsTheUsage() throws Exception {
        server.enqueue(sse("openai-stream-ticket-created.sse"));
        OpenAiCompatibleModel model = model(Replay.openAi(server));

        String reply = model.reply(created(), chunks::add);

        assertThat(reply)
                .isEqualTo("Thanks for confirming. Your ticket TK-7QX2M9PA is open with Billing at high priority.");
        assertThat(chunks).hasSize(15).startsWith("Thanks", " for", " confirming");
        assertThat(String.join("", chunks)).isEqualTo(reply);
        JsonNode body = bodyOf(take(server));
        assertThat(body.path("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(body.path("stream").asBoolean()).isTrue();
        assertThat(body.path("stream_options").path("include_usage").asBoolean())
                .isTrue();
        assertThat(body.has("tools")).isFalse();
        assertThat(body.has("response_format")).isFalse();
        assertThat(body.path("max_completion_tokens").asInt()).isPositive();
        assertThat(calls.calls).hasSize(1);
        ModelCall call = calls.calls.get(0);
        assertThat(call.operation()).isEqualTo("reply");
        assertThat(call.inputTokens()).isEqualTo(238);
        assertThat(call.outputTokens()).isEqualTo(27);
        assertThat(call.tokensEstimated()).isFalse();
        assertThat(call.outcome()).isEqualTo("ok");
        assertThat(call.finishReasons())
                .as("from the stream's last choice delta")
                .containsExactly("stop");
    }

    @Test
    void givesTheModelTheActsWithTheirFactsAndTheState() throws Exception {
        server.enqueue(sse("openai-stream-ticket-created.sse"));
        OpenAiCompatibleModel model = model(Replay.openAi(server));
        TicketUpdate update = new TicketUpdate(
                TICKET.ticketId(),
                NOW.plusSeconds(3_600),
                "operator:ana",
                TicketUpdate.Kind.STATUS_CHANGED,
                TicketStatus.OPEN,
                TicketStatus.IN_PROGRESS,
                "refund requested");
        Ticket inProgress = TICKET.withStatus(TicketStatus.IN_PROGRESS, NOW.plusSeconds(3_600));

        model.reply(
                new ReplyRequest(
                        List.of(new ReplyAct.ReportStatus(inProgress, update), new ReplyAct.AskDetails()),
                        State.DETAILS,
                        Slots.EMPTY,
                        "where is TK-7QX2M9PA?",
                        Instant.now().plusSeconds(10),
                        calls),
                chunks::add);

        JsonNode messages = bodyOf(take(server)).path("messages");
        assertThat(messages.get(0).path("content").asText()).contains("Never invent ids");
        String user = messages.get(1).path("content").asText();
        assertThat(user)
                .contains("1. Report ticket TK-7QX2M9PA: status in progress, department Billing, priority high")
                .contains("refund requested")
                .contains("2. Ask them to describe the problem")
                .contains("Conversation state: DETAILS")
                .contains("<customer_message>\nwhere is TK-7QX2M9PA?\n</customer_message>");
    }

    @Test
    void appendsTheTicketIdWhenTheStreamedReplyLeavesItOut() {
        server.enqueue(sse("openai-stream-without-ticket-id.sse"));
        OpenAiCompatibleModel model = model(Replay.openAi(server));

        String reply = model.reply(created(), chunks::add);

        assertThat(reply)
                .isEqualTo("Thanks for confirming. Your ticket has been created. Your ticket ID is TK-7QX2M9PA.");
        assertThat(chunks).last().isEqualTo(" Your ticket ID is TK-7QX2M9PA.");
        assertThat(String.join("", chunks)).isEqualTo(reply);
    }

    @Test
    void failsOnAnErrorEventInsideA200StreamAfterStreamingWhatCameBefore() {
        server.enqueue(sse("openai-stream-error-event.sse"));
        OpenAiCompatibleModel model = model(Replay.openAi(server));

        assertThatThrownBy(() -> model.reply(created(), chunks::add))
                .isInstanceOf(UnableToInterpretMessageException.class)
                .hasMessageContaining("reported an error")
                .hasMessageContaining("The server had an error");
        assertThat(chunks).containsExactly("I'm", " sorry");
        assertThat(calls.outcomes()).containsExactly("stream_error");
        assertThat(calls.calls.get(0).tokensEstimated()).isTrue();
        assertThat(server.getRequestCount())
                .as("a started stream is never retried")
                .isEqualTo(1);
    }

    @Test
    void failsOnAStreamCutOffMidway() {
        server.enqueue(sse("openai-stream-cut-off.sse"));
        OpenAiCompatibleModel model = model(Replay.openAi(server));

        assertThatThrownBy(() -> model.reply(created(), chunks::add))
                .isInstanceOf(UnableToInterpretMessageException.class)
                .hasMessageContaining("without [DONE]");
        assertThat(chunks).containsExactly("Could", " you", " tell");
        assertThat(calls.outcomes()).containsExactly("stream_truncated");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    /** A stream body that sends its first {@code events} events, then {@code then} happens. */
    private static MockResponse partly(String name, int events, Runnable then) {
        String full = Replay.body(name);
        int end = 0;
        for (int i = 0; i < events; i++) {
            end = full.indexOf("\n\n", end) + 2;
        }
        String head = full.substring(0, end);
        return new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", "text/event-stream")
                .body(new mockwebserver3.MockResponseBody() {
                    @Override
                    public long getContentLength() {
                        return full.length(); // promises the whole stream
                    }

                    @Override
                    public void writeTo(okio.BufferedSink sink) throws IOException {
                        sink.writeUtf8(head);
                        sink.flush();
                        then.run();
                        throw new IOException("the test server stops sending here");
                    }
                })
                .build();
    }

    @Test
    void failsOnAConnectionCutMidStream() {
        server.enqueue(partly("openai-stream-ticket-created.sse", 6, () -> {}));
        OpenAiCompatibleModel model = model(Replay.openAi(server).readTimeout(Duration.ofMillis(500)));

        assertThatThrownBy(() -> model.reply(created(), chunks::add))
                .isInstanceOf(UnableToInterpretMessageException.class)
                .hasMessageContaining("broke after 6 events");
        assertThat(chunks).containsExactly("Thanks", " for", " confirming", ".", " Your");
        assertThat(calls.calls).hasSize(1);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void failsOnAnEmpty200Stream() {
        server.enqueue(new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", "text/event-stream")
                .build());
        OpenAiCompatibleModel model = model(Replay.openAi(server));

        assertThatThrownBy(() -> model.reply(created(), chunks::add))
                .isInstanceOf(UnableToInterpretMessageException.class)
                .hasMessageContaining("empty");
        assertThat(chunks).isEmpty();
        assertThat(calls.outcomes()).containsExactly("invalid_response");
    }

    @Test
    void failsOnAStalledStreamAfterTheReadTimeout() {
        server.enqueue(partly("lmstudio-stream-no-usage.sse", 3, () -> {
            try {
                Thread.sleep(2_000); // the stall: headers and three events, then silence
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        OpenAiCompatibleModel model = model(Replay.lmStudio(server).readTimeout(Duration.ofMillis(300)));

        long started = System.nanoTime();
        assertThatThrownBy(() -> model.reply(created(), chunks::add))
                .isInstanceOf(UnableToInterpretMessageException.class)
                .hasMessageContaining("no answer")
                .hasMessageContaining("in time");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1_500));
        assertThat(chunks).containsExactly("Thank", " you", ".");
        assertThat(calls.outcomes()).containsExactly("timeout");
    }

    @Test
    void countsReplyTokensWithATokenizerWhenTheStreamHasNoUsage() {
        server.enqueue(sse("lmstudio-stream-no-usage.sse"));
        OpenAiCompatibleModel model = model(Replay.lmStudio(server));

        String reply = model.reply(
                new ReplyRequest(
                        List.of(new ReplyAct.AskDetails()),
                        State.DETAILS,
                        Slots.EMPTY,
                        "I can't log in",
                        Instant.now().plusSeconds(10),
                        calls),
                chunks::add);

        assertThat(reply).isEqualTo("Thank you. Could you describe what happens when you try to log in?");
        ModelCall call = calls.calls.get(0);
        assertThat(call.tokensEstimated()).isTrue();
        assertThat(call.outputTokens()).isBetween(10L, 25L);
        assertThat(call.inputTokens()).isBetween(80L, 600L);
    }

    @Test
    void retriesA503BeforeTheStreamStarts() {
        server.enqueue(json(503, "openai-503-overloaded.json"));
        server.enqueue(sse("openai-stream-ticket-created.sse"));
        OpenAiCompatibleModel model = model(Replay.openAi(server));

        String reply = model.reply(created(), chunks::add);

        assertThat(reply).contains("TK-7QX2M9PA");
        assertThat(calls.outcomes()).containsExactly("http_503", "ok");
    }

    @Test
    void dropsStreamOptionsForAServerThatRejectsThemAndRemembersIt() throws Exception {
        server.enqueue(json(400, "server-400-stream-options.json"));
        server.enqueue(sse("lmstudio-stream-no-usage.sse"));
        server.enqueue(sse("lmstudio-stream-no-usage.sse"));
        OpenAiCompatibleModel model = model(Replay.lmStudio(server));
        ReplyRequest ask = new ReplyRequest(
                List.of(new ReplyAct.AskDetails()),
                State.DETAILS,
                Slots.EMPTY,
                "hi",
                Instant.now().plusSeconds(10),
                calls);

        model.reply(ask, chunks::add);
        model.reply(ask, chunks::add);

        assertThat(bodyOf(take(server)).has("stream_options")).isTrue();
        assertThat(bodyOf(take(server)).has("stream_options")).isFalse();
        assertThat(bodyOf(take(server)).has("stream_options")).isFalse();
        assertThat(calls.outcomes()).containsExactly("http_400", "ok", "ok");
    }
}
