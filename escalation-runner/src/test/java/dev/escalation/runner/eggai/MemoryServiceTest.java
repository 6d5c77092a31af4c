package dev.escalation.runner.eggai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.escalation.core.EscalationEngine;
import dev.escalation.core.InMemoryStore;
import dev.escalation.core.OfflineLanguageModel;
import dev.escalation.core.Ticket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The service on the in-process transport, with the real engine and the offline model. */
class MemoryServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String FIRST = "I've been trying to resolve this for weeks and I'm frustrated!";
    private static final String SECOND =
            "My premium was taken twice this month and nobody has refunded the duplicate payment.";

    private final InMemoryStore store = new InMemoryStore();
    private final MemoryTransport transport = new MemoryTransport("agents", 16);
    private final EscalationService service = EscalationService.builder()
            .engine(EscalationEngine.builder()
                    .languageModel(new OfflineLanguageModel())
                    .conversationStore(store)
                    .ticketStore(store)
                    .build())
            .transport(transport)
            .replyForm(ReplyForm.BOTH)
            .workers(2)
            .maxInFlight(4)
            .build();

    @AfterEach
    void stop() {
        assertThat(service.stop(Duration.ofSeconds(10))).isTrue();
    }

    private List<JsonNode> replies(String channel, int count) {
        return transport.await(channel, count, WAIT).stream()
                .map(Requests::read)
                .toList();
    }

    private String replyTo(String envelopeId, int humanCount) {
        return replies("human", humanCount).stream()
                .filter(reply -> reply.path("data").path("message_id").asText().equals(envelopeId))
                .map(reply -> reply.path("data").path("message").asText())
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aConversationThroughTheAgentsChannelEndsWithATicketAndStreamedReplies() {
        service.start();
        transport.send(
                "agents", "conn-1", Requests.request("escalation_request", "e1", "conn-1", "u1", List.of(FIRST)));
        transport.send(
                "agents",
                "conn-1",
                Requests.request(
                        "escalation_request", "e2", "conn-1", "u1", List.of(FIRST, "Could you tell me more?", SECOND)));
        transport.send(
                "agents",
                "conn-1",
                Requests.request(
                        "escalation_request",
                        "e3",
                        "conn-1",
                        "u1",
                        List.of(FIRST, "…", SECOND, "Shall I create the ticket?", "yes")));

        List<JsonNode> human = replies("human", 3);
        Ticket ticket = store.listForCustomer("u1").get(0);

        assertThat(human).extracting(reply -> reply.path("type").asText()).containsOnly("agent_message");
        assertThat(human)
                .extracting(reply -> reply.path("data").path("message_id").asText())
                .containsExactly("e1", "e2", "e3");
        assertThat(human.get(2).path("data").path("message").asText())
                .contains(ticket.ticketId().value());
        assertThat(human.get(2).path("data").path("agent").asText()).isEqualTo("Escalation");
        assertThat(human.get(2).path("source").asText()).isEqualTo("Escalation");
        assertThat(human.get(2).path("traceparent").asText()).startsWith("00-4bf92f3577b34da6a3ce929d0e0e4736-");
        assertThat(store.listForCustomer("u1")).hasSize(1);

        List<JsonNode> stream = replies("human_stream", 9).stream()
                .filter(m -> m.path("data").path("message_id").asText().equals("e3"))
                .toList();
        assertThat(stream.get(0).path("type").asText()).isEqualTo("agent_message_stream_start");
        assertThat(stream.get(stream.size() - 1).path("type").asText()).isEqualTo("agent_message_stream_end");
        List<JsonNode> chunks = stream.subList(1, stream.size() - 1);
        assertThat(chunks)
                .extracting(c -> c.path("data").path("chunk_index").asInt())
                .isEqualTo(java.util.stream.IntStream.rangeClosed(1, chunks.size())
                        .boxed()
                        .toList());
        assertThat(chunks.stream()
                        .map(c -> c.path("data").path("message_chunk").asText())
                        .collect(Collectors.joining()))
                .isEqualTo(stream.get(stream.size() - 1)
                        .path("data")
                        .path("message")
                        .asText())
                .isEqualTo(human.get(2).path("data").path("message").asText());
        transport.awaitAcknowledged(3, WAIT);
    }

    @Test
    void bothRequestTypesAndTheFlattenedHistoryAreAnswered() {
        service.start();
        transport.send("agents", "conn-1", Requests.flattened("ticketing_request", "e1", "conn-1", List.of(FIRST)));
        transport.send(
                "agents",
                "conn-1",
                Requests.flattened(
                        "escalation_request", "e2", "conn-1", List.of(FIRST, "Could you tell me more?", SECOND)));
        transport.send(
                "agents",
                "conn-1",
                Requests.flattened(
                        "ticketing_request",
                        "e3",
                        "conn-1",
                        List.of(FIRST, "…", SECOND, "Shall I create the ticket?", "yes")));

        List<JsonNode> human = replies("human", 3);

        assertThat(store.listForCustomer("conn-1"))
                .singleElement()
                .satisfies(ticket -> assertThat(
                                human.get(2).path("data").path("message").asText())
                        .contains(ticket.ticketId().value()));
    }

    @Test
    void twoInterleavedConnectionsEachGetTheirOwnTicket() {
        service.start();
        for (String connection : List.of("conn-a", "conn-b")) {
            transport.send(
                    "agents",
                    connection,
                    Requests.request("escalation_request", connection + "-1", connection, null, List.of(FIRST)));
        }
        for (String connection : List.of("conn-a", "conn-b")) {
            transport.send(
                    "agents",
                    connection,
                    Requests.request(
                            "escalation_request", connection + "-2", connection, null, List.of(FIRST, "…", SECOND)));
        }
        for (String connection : List.of("conn-a", "conn-b")) {
            transport.send(
                    "agents",
                    connection,
                    Requests.request(
                            "escalation_request",
                            connection + "-3",
                            connection,
                            null,
                            List.of(FIRST, "…", SECOND, "…", "yes")));
        }

        List<JsonNode> human = replies("human", 6);

        for (String connection : List.of("conn-a", "conn-b")) {
            assertThat(human.stream()
                            .filter(r -> r.path("data")
                                    .path("connection_id")
                                    .asText()
                                    .equals(connection))
                            .map(r -> r.path("data").path("message_id").asText())
                            .toList())
                    .as("replies of one connection in arrival order")
                    .containsExactly(connection + "-1", connection + "-2", connection + "-3");
            assertThat(store.listForCustomer(connection)).hasSize(1);
        }
    }

    @Test
    void aRedeliveredMessageCreatesNoSecondTicketAndItsStoredReplyIsPublishedAgain() {
        service.start();
        byte[] confirm =
                Requests.request("escalation_request", "e3", "conn-1", "u1", List.of(FIRST, "…", SECOND, "…", "yes"));
        transport.send(
                "agents", "conn-1", Requests.request("escalation_request", "e1", "conn-1", "u1", List.of(FIRST)));
        transport.send(
                "agents",
                "conn-1",
                Requests.request("escalation_request", "e2", "conn-1", "u1", List.of(FIRST, "…", SECOND)));
        transport.send("agents", "conn-1", confirm);
        transport.send("agents", "conn-1", confirm);

        List<JsonNode> human = replies("human", 4);

        assertThat(store.listForCustomer("u1")).hasSize(1);
        assertThat(human.get(3).path("data").path("message_id").asText()).isEqualTo("e3");
        assertThat(human.get(3).path("data").path("message").asText())
                .isEqualTo(human.get(2).path("data").path("message").asText());
        assertThat(store.load("conn-1").orElseThrow().turns()).isEqualTo(3);
    }

    @Test
    void badInputIsDeadLetteredWithItsBytesAndTheGoodMessageBehindItIsAnswered() {
        service.start();
        List<byte[]> bad = new ArrayList<>();
        bad.add(Requests.utf8("this is not json"));
        bad.add(Requests.utf8("[\"not\", \"an object\"]"));
        bad.add(Requests.bytes(Requests.envelope("escalation_request", "b1")));
        com.fasterxml.jackson.databind.node.ObjectNode noConnection = Requests.JSON.createObjectNode();
        noConnection.putArray("chat_messages").addObject().put("role", "user").put("content", "hello");
        bad.add(Requests.bytes(Requests.envelope("escalation_request", "b2").set("data", noConnection)));
        bad.add(Requests.bytes(Requests.envelope("escalation_request", "b3")
                .set("data", Requests.JSON.createObjectNode().put("connection_id", "c"))));
        bad.add(Requests.request("escalation_request", "b4", "conn-x", null, List.of()));
        com.fasterxml.jackson.databind.node.ObjectNode numericConnection =
                Requests.JSON.createObjectNode().put("connection_id", 42);
        numericConnection
                .putArray("chat_messages")
                .addObject()
                .put("role", "user")
                .put("content", "hello");
        bad.add(Requests.bytes(Requests.envelope("escalation_request", "b5").set("data", numericConnection)));
        bad.add(Requests.utf8(
                "{\"id\":\"b6\",\"type\":\"escalation_request\",\"pad\":\"" + "x".repeat(70_000) + "\"}"));
        bad.add(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xFF, (byte) 0xFE, '"', '}'});
        for (byte[] message : bad) {
            transport.send("agents", null, message);
        }
        transport.send(
                "agents",
                "conn-1",
                Requests.bytes(Requests.envelope("billing_request", "other").put("data", "not ours")));
        transport.send(
                "agents", "conn-1", Requests.request("escalation_request", "good", "conn-1", null, List.of(FIRST)));

        List<MemoryTransport.Message> dead = transport.await("escalation_dlq", bad.size(), WAIT);
        String reply = replyTo("good", 1);

        assertThat(dead).extracting(MemoryTransport.Message::value).containsExactlyElementsOf(bad);
        assertThat(dead).allSatisfy(m -> assertThat(m.headers()).containsKey("escalation_error_reason"));
        assertThat(service.counters().deadLettered())
                .containsEntry("not_json", 1L)
                .containsEntry("not_object", 1L)
                .containsEntry("missing_field", 3L)
                .containsEntry("no_user_message", 1L)
                .containsEntry("wrong_type", 1L)
                .containsEntry("too_large", 1L)
                .containsEntry("invalid_utf8", 1L);
        assertThat(service.counters().skippedCount()).isEqualTo(1);
        assertThat(reply).isNotBlank();
        transport.awaitAcknowledged(bad.size() + 2, WAIT);
    }

    @Test
    void aFullQueueHoldsTheSenderBackInsteadOfGrowing() throws Exception {
        MemoryTransport small = new MemoryTransport("agents", 1);
        small.send("agents", "k", Requests.utf8("x"));
        Thread sender = new Thread(() -> small.send("agents", "k", Requests.utf8("y")));
        sender.start();
        sender.join(300);

        assertThat(sender.isAlive()).as("the second send waits for room").isTrue();
        small.poll(Duration.ofMillis(100));
        sender.join(5_000);
        assertThat(sender.isAlive()).isFalse();
        service.start();
    }

    private static EscalationService.Builder defaults(MemoryTransport transport) {
        InMemoryStore store = new InMemoryStore();
        return EscalationService.builder()
                .engine(EscalationEngine.builder()
                        .languageModel(new OfflineLanguageModel())
                        .conversationStore(store)
                        .ticketStore(store)
                        .build())
                .transport(transport);
    }

    @Test
    void byDefaultEachReplyIsStreamedOnceWithoutAKeyAndNothingGoesToTheHumanChannel() {
        MemoryTransport own = new MemoryTransport("agents", 16);
        EscalationService streaming = defaults(own).build();
        streaming.start();
        try {
            own.send("agents", null, Requests.request("escalation_request", "d1", "conn-d", null, List.of(FIRST)));
            own.send(
                    "agents",
                    null,
                    Requests.request("escalation_request", "d2", "conn-d", null, List.of(FIRST, "…", SECOND)));
            own.awaitAcknowledged(2, WAIT);
        } finally {
            assertThat(streaming.stop(Duration.ofSeconds(10))).isTrue();
        }

        List<MemoryTransport.Message> stream = own.messages("human_stream");
        assertThat(stream).extracting(MemoryTransport.Message::key).containsOnlyNulls();
        assertThat(stream.stream()
                        .map(Requests::read)
                        .filter(m -> m.path("type").asText().equals("agent_message_stream_end"))
                        .map(m -> m.path("data").path("message_id").asText()))
                .containsExactly("d1", "d2");
        assertThat(own.messages("human")).isEmpty();
    }

    @Test
    void theMessageFormSendsOneAgentMessageAndNoStream() {
        MemoryTransport own = new MemoryTransport("agents", 16);
        EscalationService messaging = defaults(own).replyForm(ReplyForm.MESSAGE).build();
        messaging.start();
        try {
            own.send("agents", null, Requests.request("ticketing_request", "m1", "conn-m", null, List.of(FIRST)));
            own.awaitAcknowledged(1, WAIT);
        } finally {
            assertThat(messaging.stop(Duration.ofSeconds(10))).isTrue();
        }

        assertThat(own.messages("human"))
                .hasSize(1)
                .extracting(m -> Requests.read(m).path("type").asText())
                .containsExactly("agent_message");
        assertThat(own.messages("human_stream")).isEmpty();
    }
}
