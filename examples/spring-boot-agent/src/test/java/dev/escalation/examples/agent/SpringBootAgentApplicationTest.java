package dev.escalation.examples.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.escalation.core.Department;
import dev.escalation.core.Priority;
import dev.escalation.core.simulation.Profile;
import dev.escalation.llm.ScriptedModelServer;
import dev.escalation.store.PostgresServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application over real HTTP: its REST endpoint, the starter on a real embedded PostgreSQL
 * database, and Spring AI's OpenAI client talking to the scripted OpenAI-compatible server.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SpringBootAgentApplicationTest {

    static final Profile PROFILE = new Profile(
            "example-1",
            "customer-1",
            "I want to escalate, I was charged twice for my premium and nobody answers my emails.",
            "Two identical payments of 84.20 left my account on 3 March; the bank statement shows both.",
            "Billing",
            Department.BILLING,
            Priority.HIGH,
            true,
            null,
            null,
            List.of());

    static final ScriptedModelServer SCRIPT = new ScriptedModelServer(List.of(PROFILE), "gpt-4o-mini");
    static final MockWebServer MODEL = start();
    static final String DATABASE = PostgresServer.newDatabase();

    private static MockWebServer start() {
        try {
            return SCRIPT.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> DATABASE);
        registry.add("spring.ai.openai.base-url", () -> MODEL.url("/").toString());
        registry.add("spring.ai.openai.api-key", () -> "test-key");
        registry.add("spring.ai.retry.max-attempts", () -> "1");
    }

    @AfterAll
    static void stop() {
        MODEL.close();
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    private HttpResponse<String> post(String path, Object body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode ok(HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    @Test
    void aHandedOverConversationBecomesATicketInTheApplicationsPostgresDatabase() throws Exception {
        JsonNode first = ok(post(
                "/escalations",
                Map.of(
                        "conversationId",
                        "chat-1",
                        "customerId",
                        "customer-1",
                        "transcript",
                        List.of(
                                Map.of("speaker", "AGENT", "text", "How can I help?"),
                                Map.of("speaker", "CUSTOMER", "text", PROFILE.opening())))));
        JsonNode second =
                ok(post("/escalations/chat-1/messages", Map.of("customerId", "customer-1", "text", PROFILE.details())));
        JsonNode third = ok(post(
                "/escalations/chat-1/messages",
                Map.of("customerId", "customer-1", "text", "Yes, please create the ticket.")));

        assertThat(List.of(
                        first.path("state").asText(),
                        second.path("state").asText(),
                        third.path("state").asText()))
                .containsExactly("DETAILS", "CONFIRMATION", "TICKET_CREATED");
        String ticketId = third.path("ticketId").asText();
        assertThat(third.path("reply").asText()).contains(ticketId);
        assertThat(third.path("finished").asBoolean()).isTrue();
        assertThat(SCRIPT.extractions()).isEqualTo(3);
        assertThat(SCRIPT.replies()).isEqualTo(3);
        try (Connection connection = DriverManager.getConnection(DATABASE);
                ResultSet rows = connection
                        .createStatement()
                        .executeQuery(
                                "SELECT department, priority FROM tickets WHERE ticket_id = '" + ticketId + "'")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString("department")).isEqualTo(Department.BILLING.displayName());
        }
    }

    @Test
    void healthShowsTheEscalationComponentUpWithTheSpringAiModel() throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        JsonNode escalation = json.readTree(response.body()).path("components").path("escalation");
        assertThat(escalation.path("status").asText()).isEqualTo("UP");
        assertThat(escalation.path("details").path("model").asText()).isEqualTo("spring-ai/gpt-4o-mini");
    }

    @Test
    void aTranscriptWithoutTheCustomerIsABadRequestNamingWhy() throws Exception {
        HttpResponse<String> response = post(
                "/escalations",
                Map.of(
                        "conversationId",
                        "chat-2",
                        "customerId",
                        "customer-2",
                        "transcript",
                        List.of(Map.of("speaker", "AGENT", "text", "Hello"))));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("customer message");
    }
}
