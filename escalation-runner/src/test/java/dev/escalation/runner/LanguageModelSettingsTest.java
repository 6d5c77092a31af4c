package dev.escalation.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.escalation.core.simulation.Profiles;
import dev.escalation.llm.ScriptedModelServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner with real language model settings: the default configuration with nothing listening, an
 * OpenAI-compatible server in the loop (scripted), and settings the server rejects.
 */
class LanguageModelSettingsTest {

    private static final String KEY = "sk-runner-test-5d4c3b2a1f0e9d8c7b6a";

    @TempDir
    Path dir;

    /** A base URL on this machine where nothing listens: the port was free a moment ago. */
    private static String closedPortBaseUrl() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        return "http://127.0.0.1:" + port + "/v1";
    }

    private static long lines(String text, String containing) {
        return text.lines().filter(line -> line.contains(containing)).count();
    }

    @Test
    void withTheDefaultModelAndNothingListeningAChatStillReachesATicketAndSaysOnceThatItIsDegraded() throws Exception {
        String base = closedPortBaseUrl();
        RunnerProcess.Result result = RunnerProcess.on(dir)
                .without("ESCALATION_LANGUAGE_MODEL")
                .env("ESCALATION_LANGUAGE_MODEL_API_BASE", base)
                .stdin(String.join("\n", Seed.turns()) + "\n")
                .runWithLogs("chat", "--customer", "u1", "--conversation", "c1");

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(result.out()).containsPattern("ticket TK-[A-Z2-9]{8}: Billing, high priority, open");
        assertThat(lines(result.out(), "degraded mode")).as(result.out()).isEqualTo(1);
        assertThat(lines(result.err(), "WARN")).as(result.err()).isEqualTo(1);
        assertThat(result.err()).contains(base, "lm_studio/gemma-3-12b-it", "degraded mode", "built-in offline model");
    }

    @Test
    void replayTalksToAnOpenAiCompatibleServerAndCountsItsCallsAndTokensOnEachLine() throws Exception {
        ScriptedModelServer script = new ScriptedModelServer(Profiles.dev(), "x");
        try (MockWebServer server = script.start()) {
            RunnerProcess.Result result = RunnerProcess.on(dir)
                    .env("ESCALATION_LANGUAGE_MODEL", "openai_compatible/x")
                    .env("ESCALATION_LANGUAGE_MODEL_API_BASE", server.url("/v1").toString())
                    .stdinJson(Seed.conversation("c1", "u1"))
                    .runWithLogs("replay", "-");

            assertThat(result.status()).as(result.err()).isZero();
            assertThat(result.err()).as("no warning, no degraded mode").doesNotContain("WARN");
            List<JsonNode> lines = result.jsonLines();
            assertThat(lines).hasSize(3);
            JsonNode last = result.lastJson();
            assertThat(last.get("state").asText()).isEqualTo("TICKET_CREATED");
            assertThat(last.get("ticket").get("department").asText()).isEqualTo("Billing");
            assertThat(last.get("ticket").get("priority").asText()).isEqualTo("high");
            assertThat(last.get("reply").asText())
                    .contains(last.get("ticket").get("ticket_id").asText());
            assertThat(last.fieldNames())
                    .toIterable()
                    .containsExactly(
                            "conversation_id",
                            "turn",
                            "reply",
                            "state",
                            "slots",
                            "ticket",
                            "llm",
                            "transition",
                            "reading");
            assertThat(lines.get(2).get("llm").get("calls").asInt())
                    .as("the customer's bare yes is a plain answer: no call")
                    .isZero();
            assertThat(lines.subList(0, 2)).allSatisfy(line -> {
                JsonNode llm = line.get("llm");
                assertThat(llm.fieldNames())
                        .toIterable()
                        .containsExactly("calls", "input_tokens", "output_tokens", "cached_input_tokens");
                assertThat(llm.get("calls").asInt())
                        .as("one streamed call reads and replies")
                        .isEqualTo(1);
                assertThat(llm.get("cached_input_tokens").asLong())
                        .isLessThan(llm.get("input_tokens").asLong());
                assertThat(llm.get("input_tokens").asLong())
                        .isGreaterThan(llm.get("output_tokens").asLong())
                        .isPositive();
                assertThat(line.has("degraded")).isFalse();
            });
            assertThat(script.turns()).isEqualTo(2);
            assertThat(script.extractions() + script.replies()).isZero();
            // The scripted server caches whole system messages: the details are read with the same one as
            // the opening (the states that collect share it); the confirmation's own is new in this run.
            assertThat(lines.get(1).get("llm").get("cached_input_tokens").asLong())
                    .as("the stable prefix, cached")
                    .isPositive();
            assertThat(script.unrecognised()).isEmpty();
        }
    }

    @Test
    void theOfflineModelMakesNoCallsAndReplayLinesSaySo() {
        RunnerProcess.Result result = RunnerProcess.on(dir)
                .stdinJson(Seed.message("c1", "u1", Seed.OPENING))
                .run("replay", "-");

        JsonNode llm = result.lastJson().get("llm");
        assertThat(llm.get("calls").asInt()).isZero();
        assertThat(llm.get("input_tokens").asLong()).isZero();
        assertThat(llm.get("output_tokens").asLong()).isZero();
    }

    @Test
    void aModelTheServerDoesNotHaveStopsTheRunWithExitTwoNamingTheVariableAndTheModelsItHas() throws Exception {
        try (MockWebServer server = new ScriptedModelServer(Profiles.dev(), "gemma-3-12b-it", "qwen3-8b").start()) {
            RunnerProcess.Result result = RunnerProcess.on(dir)
                    .env("ESCALATION_LANGUAGE_MODEL", "lm_studio/gemma-3-27b-it")
                    .env("ESCALATION_LANGUAGE_MODEL_API_BASE", server.url("/v1").toString())
                    .stdinJson(Seed.message("c1", "u1", Seed.OPENING))
                    .run("replay", "-");

            assertThat(result.status()).isEqualTo(2);
            assertThat(result.err())
                    .contains("ESCALATION_LANGUAGE_MODEL", "gemma-3-27b-it", "gemma-3-12b-it", "qwen3-8b");
            assertThat(result.out()).isEmpty();
            assertThat(dir.resolve("tickets.db"))
                    .as("the model is checked before the database is opened")
                    .doesNotExist();
        }
    }

    @Test
    void aKeyTheServerRejectsStopsTheRunWithExitTwoNamingTheKeysVariableButNotTheKey() throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            server.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    return new MockResponse.Builder()
                            .code(401)
                            .setHeader("Content-Type", "application/json")
                            .body("{\"error\":{\"message\":\"Incorrect API key provided: " + KEY + ".\",\"type\":"
                                    + "\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}")
                            .build();
                }
            });
            server.start();
            RunnerProcess.Result result = RunnerProcess.on(dir)
                    .env("ESCALATION_LANGUAGE_MODEL", "openai_compatible/x")
                    .env("ESCALATION_LANGUAGE_MODEL_API_BASE", server.url("/v1").toString())
                    .env("ESCALATION_LANGUAGE_MODEL_API_KEY", KEY)
                    .stdin("hello\n")
                    .runWithLogs("chat", "--customer", "u1");

            assertThat(result.status()).isEqualTo(2);
            assertThat(result.err())
                    .contains("ESCALATION_LANGUAGE_MODEL_API_KEY")
                    .doesNotContain(KEY);
            assertThat(result.out()).doesNotContain(KEY);
        }
    }

    /** A server that has model x but answers every chat completion with a 400, which is not retried. */
    private static MockWebServer failingServer() throws IOException {
        MockWebServer server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                if (request.getUrl().encodedPath().endsWith("/models")) {
                    return new MockResponse.Builder()
                            .code(200)
                            .setHeader("Content-Type", "application/json")
                            .body(
                                    "{\"object\":\"list\",\"data\":[{\"id\":\"x\",\"object\":\"model\",\"owned_by\":\"me\"}]}")
                            .build();
                }
                return new MockResponse.Builder()
                        .code(400)
                        .setHeader("Content-Type", "application/json")
                        .body(
                                "{\"error\":{\"message\":\"The model crashed while loading.\",\"type\":\"invalid_request_error\","
                                        + "\"param\":null,\"code\":null}}")
                        .build();
            }
        });
        server.start();
        return server;
    }

    @Test
    void aServerThatFailsATurnIsStoodInForByTheOfflineModelAndTheLineSaysDegraded() throws Exception {
        try (MockWebServer server = failingServer()) {
            RunnerProcess.Result result = RunnerProcess.on(dir)
                    .env("ESCALATION_LANGUAGE_MODEL", "openai_compatible/x")
                    .env("ESCALATION_LANGUAGE_MODEL_API_BASE", server.url("/v1").toString())
                    .stdinJson(Seed.conversation("c1", "u1"))
                    .runWithLogs("replay", "-");

            assertThat(result.status()).as(result.err()).isZero();
            List<JsonNode> lines = result.jsonLines();
            assertThat(lines.get(0).get("degraded").asBoolean()).isTrue();
            assertThat(lines.get(0).fieldNames())
                    .toIterable()
                    .containsExactly(
                            "conversation_id",
                            "turn",
                            "reply",
                            "state",
                            "slots",
                            "ticket",
                            "llm",
                            "degraded",
                            "transition",
                            "reading");
            assertThat(lines.get(0).get("llm").get("calls").asInt())
                    .as("the failed call counts")
                    .isEqualTo(1);
            assertThat(result.lastJson().get("state").asText()).isEqualTo("TICKET_CREATED");
            assertThat(lines(result.err(), "degraded mode")).as(result.err()).isEqualTo(1);
        }
    }

    @Test
    void aChatSaysInOneLineWhenTheServerFailsAndTheOfflineModelAnswersInstead() throws Exception {
        try (MockWebServer server = failingServer()) {
            RunnerProcess.Result result = RunnerProcess.on(dir)
                    .env("ESCALATION_LANGUAGE_MODEL", "openai_compatible/x")
                    .env("ESCALATION_LANGUAGE_MODEL_API_BASE", server.url("/v1").toString())
                    .stdin(String.join("\n", Seed.turns()) + "\n")
                    .runWithLogs("chat", "--customer", "u1", "--conversation", "c1");

            assertThat(result.status()).as(result.err()).isZero();
            assertThat(result.out()).containsPattern("ticket TK-[A-Z2-9]{8}: Billing, high priority, open");
            assertThat(lines(result.out(), "degraded mode")).as(result.out()).isEqualTo(1);
        }
    }

    @Test
    void withFallbackNoneAnUnreachableServerFailsEachMessageWithAnErrorLineAndStoresNothing() throws Exception {
        String base = closedPortBaseUrl();
        RunnerProcess runner = RunnerProcess.on(dir)
                .env("ESCALATION_LANGUAGE_MODEL", "openai_compatible/x")
                .env("ESCALATION_LANGUAGE_MODEL_API_BASE", base)
                .env("ESCALATION_LLM_FALLBACK", "none")
                .env("ESCALATION_TIMEOUT_SECONDS", "2");
        RunnerProcess.Result result =
                runner.stdinJson(Seed.message("c1", "u1", Seed.OPENING)).runWithLogs("replay", "-");

        assertThat(result.status()).isEqualTo(2);
        JsonNode line = result.lastJson();
        assertThat(line.fieldNames()).toIterable().containsExactly("line", "conversation_id", "error");
        assertThat(lines(result.err(), base)).as(result.err()).isGreaterThanOrEqualTo(1);
        assertThat(result.err()).contains("ESCALATION_LLM_FALLBACK=none").doesNotContain("degraded mode");

        RunnerProcess.Result offline = RunnerProcess.on(dir)
                .stdinJson(Seed.message("c1", "u1", Seed.OPENING))
                .run("replay", "-");
        assertThat(offline.lastJson().get("turn").asInt())
                .as("the failed message stored nothing")
                .isEqualTo(1);
    }
}
