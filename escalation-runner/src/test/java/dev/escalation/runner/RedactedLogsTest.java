package dev.escalation.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner's real log output (LogConfiguration on standard error, at DEBUG) for a conversation whose
 * customer id is an e-mail address, whose conversation id holds a phone number, and whose messages
 * hold card and phone numbers with and without spaces and dashes, served by a model server that
 * quotes the customer's message in its error responses (as content filters do): every one is
 * masked, while the lines that would have carried them are still logged.
 */
class RedactedLogsTest {

    @TempDir
    Path dir;

    private static final String EMAIL = "ana.maria+vip@mail.example.co.uk";
    private static final List<String> SECRETS = List.of(
            EMAIL,
            "4111 1111 1111 1111",
            "4111111111111111",
            "5500-0000-0000-0004",
            "5500000000000004",
            "+44 20 7946 0958",
            "442079460958",
            "0412-345-678",
            "0412345678",
            "555 123 4567");

    /** Answers every chat completion with a 400 that quotes the request's last message. */
    private static final class QuotingServer extends Dispatcher {
        private final ObjectMapper json = new ObjectMapper();

        @Override
        public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            String quoted = "";
            try {
                JsonNode messages = json.readTree(request.getBody().utf8()).path("messages");
                quoted = messages.get(messages.size() - 1).path("content").asText();
            } catch (Exception e) {
                // quote nothing
            }
            var error = json.createObjectNode();
            error.putObject("error").put("message", "Invalid prompt: " + quoted).put("type", "invalid_request_error");
            return new MockResponse.Builder()
                    .code(400)
                    .setHeader("Content-Type", "application/json")
                    .body(error.toString())
                    .build();
        }
    }

    @Test
    void emailsPhoneNumbersAndCardNumbersNeverReachTheLogs() throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            server.setDispatcher(new QuotingServer());
            server.start();
            String conversation = "chat/555 123 4567";
            String lines = RunnerProcess.json(Map.of(
                            "conversation_id",
                            conversation,
                            "customer_id",
                            EMAIL,
                            "text",
                            "I was charged twice on card 4111 1111 1111 1111 and again on 5500-0000-0000-0004 (also 4111111111111111)."
                                    + " Call me on +44 20 7946 0958 or 0412-345-678 or 0412345678, or mail " + EMAIL))
                    + "\n"
                    + RunnerProcess.json(Map.of(
                            "conversation_id",
                            conversation,
                            "customer_id",
                            EMAIL,
                            "text",
                            "yes, my number is 442079460958 and card 5500000000000004"))
                    + "\n";

            RunnerProcess.Result result = RunnerProcess.on(dir)
                    .env("ESCALATION_LANGUAGE_MODEL", "openai_compatible/x")
                    .env("ESCALATION_LANGUAGE_MODEL_API_BASE", server.url("/v1").toString())
                    .env("ESCALATION_LOG_LEVEL", "DEBUG")
                    .stdin(lines)
                    .runWithLogs("replay", "-");

            assertThat(result.status()).as(result.err()).isZero();
            assertThat(result.lastJson().get("state").asText())
                    .as("the conversation went through")
                    .isEqualTo("TICKET_CREATED");
            String logs = result.err();
            assertThat(logs)
                    .as("the lines that carried them are logged, masked")
                    .contains("DEBUG", "WARN", "created for customer [email]", "conversation chat/[phone]", "[card]");
            for (String secret : SECRETS) {
                assertThat(logs).as("the logs never hold %s", secret).doesNotContain(secret);
            }
        }
    }
}
