package dev.escalation.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.escalation.core.simulation.Profiles;
import dev.escalation.llm.ScriptedModelServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner's Prometheus endpoint, scraped over HTTP while a conversation is held through the
 * runner: each model call and each ticket counted exactly once, under the labels the dashboards query.
 */
class MetricsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String line(Map<String, Object> value) throws IOException {
        return JSON.writeValueAsString(value);
    }

    @Test
    void aReplayedConversationCountsEachModelCallOnceAndItsTicketOnceUnderDepartmentAndPriority() throws Exception {
        ScriptedModelServer script = new ScriptedModelServer(Profiles.dev(), "x");
        int port = freePort();
        try (MockWebServer server = script.start()) {
            Map<String, String> env = RunnerProcess.on(dir)
                    .env("ESCALATION_LANGUAGE_MODEL", "openai_compatible/x")
                    .env("ESCALATION_LANGUAGE_MODEL_API_BASE", server.url("/v1").toString())
                    .env(MetricsConfig.PORT, Integer.toString(port))
                    .env(MetricsConfig.MODEL_PRICES, "openai_compatible/x=2:8:1, openai/gpt-4o-mini=0.15:0.60")
                    .environment();
            try (PipedRun replay = PipedRun.start(env, "replay", "-")) {
                List<JsonNode> lines = new ArrayList<>();
                for (String text : Seed.turns()) {
                    replay.send(line(Seed.message("c1", "u1", text)));
                    lines.add(JSON.readTree(replay.nextLine()));
                }
                replay.send("not json");
                assertThat(replay.nextLine()).contains("\"error\"");
                long calls = lines.stream()
                        .mapToLong(l -> l.get("llm").get("calls").asLong())
                        .sum();
                long input = lines.stream()
                        .mapToLong(l -> l.get("llm").get("input_tokens").asLong())
                        .sum();
                long output = lines.stream()
                        .mapToLong(l -> l.get("llm").get("output_tokens").asLong())
                        .sum();
                long cached = lines.stream()
                        .mapToLong(l -> l.get("llm").get("cached_input_tokens").asLong())
                        .sum();

                Scrape scrape = Scrape.of(port);

                assertThat(calls)
                        .as("one streamed call per turn, none for the plain yes")
                        .isEqualTo(script.turns())
                        .isEqualTo(2);
                assertThat(cached).as("the stable prefix of the second call").isPositive();
                assertThat(scrape.sum(
                                "escalation_llm_cached_input_tokens_total", Map.of("model", "openai_compatible/x")))
                        .isEqualTo(cached);
                Map<String, String> genAi = Map.of(
                        "gen_ai_system",
                        "openai_compatible",
                        "gen_ai_request_model",
                        "x",
                        "gen_ai_operation_name",
                        "chat",
                        "gen_ai_agent_name",
                        "escalation");
                Map<String, String> inputTokens = new java.util.HashMap<>(genAi);
                inputTokens.put("gen_ai_token_type", "input");
                Map<String, String> outputTokens = new java.util.HashMap<>(genAi);
                outputTokens.put("gen_ai_token_type", "output");
                assertThat(scrape.sum("gen_ai_client_token_usage_total", inputTokens))
                        .isEqualTo(input);
                assertThat(scrape.sum("gen_ai_client_token_usage_total", outputTokens))
                        .isEqualTo(output);
                assertThat(scrape.text()).doesNotContain("_total_total");
                assertThat(scrape.sum("gen_ai_client_operation_duration_count", genAi))
                        .isEqualTo(calls);
                assertThat(scrape.sum("escalation_llm_calls_total")).isEqualTo(calls);
                assertThat(scrape.sum("gen_ai_server_time_to_first_token_count", genAi))
                        .isEqualTo(script.turns())
                        .isEqualTo(2);
                assertThat(scrape.sum("gen_ai_server_time_to_first_token_sum", genAi))
                        .isPositive()
                        .isLessThanOrEqualTo(scrape.sum("gen_ai_client_operation_duration_sum", genAi));
                assertThat(scrape.sum("escalation_llm_calls_total", Map.of("operation", "turn")))
                        .isEqualTo(2);

                assertThat(scrape.find("escalation_tickets_created_total", Map.of()))
                        .singleElement()
                        .satisfies(s -> {
                            assertThat(s.labels())
                                    .containsEntry("department", "Billing")
                                    .containsEntry("priority", "high");
                            assertThat(s.value()).isEqualTo(1);
                        });
                assertThat(scrape.sum("escalation_turns_total", Map.of("outcome", "ok")))
                        .isEqualTo(3);
                assertThat(scrape.sum("escalation_turns_total", Map.of("state", "TICKET_CREATED")))
                        .isEqualTo(1);
                assertThat(scrape.sum("escalation_turn_duration_seconds_count")).isEqualTo(3);
                assertThat(scrape.sum(
                                "escalation_state_transitions_total",
                                Map.of("from", "CONFIRMATION", "event", "CONFIRM", "to", "TICKET_CREATED")))
                        .isEqualTo(1);
                assertThat(scrape.sum("escalation_llm_calls_per_ticket_sum")).isEqualTo(calls);
                assertThat(scrape.sum("escalation_llm_tokens_per_ticket_sum", Map.of("gen_ai_token_type", "input")))
                        .isEqualTo(input);
                double dollars = ((input - cached) * 2 + cached * 1 + output * 8) / 1e6;
                assertThat(scrape.sum("escalation_llm_cost_usd_total", Map.of("gen_ai_request_model", "x")))
                        .isCloseTo(dollars, org.assertj.core.data.Offset.offset(1e-12));
                assertThat(scrape.sum("escalation_llm_cost_per_ticket_usd_count"))
                        .isEqualTo(1);
                assertThat(scrape.sum(
                                "escalation_channel_messages_total", Map.of("channel", "replay", "outcome", "handled")))
                        .isEqualTo(3);
                assertThat(scrape.sum(
                                "escalation_channel_messages_total",
                                Map.of("channel", "replay", "outcome", "rejected")))
                        .isEqualTo(1);
                assertThat(scrape.sum("escalation_active_conversations")).isZero();
                assertThat(scrape.sum(
                                "escalation_store_operation_duration_seconds_count",
                                Map.of("operation", "commit_turn", "outcome", "ok")))
                        .as("one transaction per turn")
                        .isEqualTo(3);
                assertThat(scrape.sum(
                                "escalation_store_operation_duration_seconds_count",
                                Map.of("operation", "load_conversation")))
                        .isEqualTo(3);
                assertThat(scrape.has("jvm_memory_used_bytes")).isTrue();
                assertThat(replay.finish()).isEqualTo(2);
            }
        }
    }

    @Test
    void aChatServesMetricsWhileItRunsAndWithoutPricesHasNoCostMetric() throws Exception {
        int port = freePort();
        Map<String, String> env = RunnerProcess.on(dir)
                .env(MetricsConfig.PORT, Integer.toString(port))
                .environment();
        try (PipedRun chat = PipedRun.start(env, "chat", "--customer", "u1", "--conversation", "c1")) {
            chat.send(Seed.OPENING);
            chat.linesUntil("[state ");

            Scrape midFlow = Scrape.of(port);
            assertThat(midFlow.sum("escalation_active_conversations")).isEqualTo(1);

            chat.send(Seed.DETAILS);
            chat.linesUntil("[state ");
            chat.send(Seed.YES);
            assertThat(chat.linesUntil("[state ")).last().asString().contains("TICKET_CREATED");
            Scrape scrape = Scrape.of(port);

            assertThat(scrape.sum(
                            "escalation_tickets_created_total", Map.of("department", "Billing", "priority", "high")))
                    .isEqualTo(1);
            assertThat(scrape.sum("escalation_tickets_created_total")).isEqualTo(1);
            assertThat(scrape.sum("escalation_channel_messages_total", Map.of("channel", "chat", "outcome", "handled")))
                    .isEqualTo(3);
            assertThat(scrape.sum("escalation_llm_calls_total"))
                    .as("the offline model makes no calls")
                    .isZero();
            assertThat(scrape.sum("escalation_active_conversations")).isZero();
            assertThat(scrape.text()).doesNotContain("cost");
            assertThat(chat.finish()).isZero();
        }
        assertThat(portIsFree(port)).as("the endpoint closes with the chat").isTrue();
    }

    @Test
    void aConversationLeftLongerThanItsTtlIsCountedAsExpiredInTheStateItWasLeftIn() throws Exception {
        int port = freePort();
        Map<String, String> env = RunnerProcess.on(dir)
                .env(MetricsConfig.PORT, Integer.toString(port))
                .env("ESCALATION_CONVERSATION_TTL", "1s")
                .environment();
        try (PipedRun replay = PipedRun.start(env, "replay", "-")) {
            replay.send(line(Seed.message("c1", "u1", Seed.OPENING)));
            assertThat(replay.nextLine()).contains("\"state\":\"DETAILS\"");
            Thread.sleep(1_500);
            replay.send(line(Seed.message("c1", "u1", Seed.DETAILS)));
            String after = replay.nextLine();

            Scrape scrape = Scrape.of(port);

            assertThat(after).contains("no ticket was created");
            assertThat(scrape.sum("escalation_conversations_expired_total", Map.of("state", "DETAILS")))
                    .isEqualTo(1);
            assertThat(scrape.sum("escalation_tickets_created_total")).isZero();
            assertThat(replay.finish()).isZero();
        }
    }

    @Test
    void aMetricsPortInUseStopsTheChatWithExitTwoNamingTheVariable() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            RunnerProcess.Result result = RunnerProcess.on(dir)
                    .env(MetricsConfig.PORT, Integer.toString(taken.getLocalPort()))
                    .stdin(Seed.OPENING + "\n")
                    .run("chat", "--conversation", "c1");

            assertThat(result.status()).isEqualTo(2);
            assertThat(result.err())
                    .contains("ESCALATION_PROMETHEUS_METRICS_PORT", Integer.toString(taken.getLocalPort()));
            assertThat(result.out()).isEmpty();
        }
    }

    @Test
    void aPriceTableThatCannotBeReadIsAConfigurationErrorNamingTheVariable() {
        RunnerProcess.Result result = RunnerProcess.on(dir)
                .env(MetricsConfig.MODEL_PRICES, "openai/gpt-4o-mini=cheap")
                .stdin("")
                .run("chat");

        assertThat(result.status()).isEqualTo(2);
        assertThat(result.err()).contains("ESCALATION_MODEL_PRICES", "openai/gpt-4o-mini=cheap");
    }

    private static boolean portIsFree(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
