package dev.escalation.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.escalation.core.simulation.Profiles;
import dev.escalation.llm.ScriptedModelServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private record Run(int status, String out, String err) {}

    private Run eval(Map<String, String> extraEnv, String... args) {
        Map<String, String> env = new HashMap<>(extraEnv);
        env.put("ESCALATION_LANGUAGE_MODEL", "offline");
        env.put("ESCALATION_OPTIMIZED_PATH", dir.resolve("no-artifact.json").toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all =
                new ArrayList<>(List.of("eval", "--out", dir.resolve("eval").toString()));
        all.addAll(List.of(args));
        int status = Main.run(
                all.toArray(String[]::new),
                new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                env);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path profiles(int count) throws IOException {
        List<String> lines;
        try (var in = EvalCommandTest.class.getResourceAsStream("/profiles/eval-dev.jsonl")) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .limit(count)
                    .toList();
        }
        Path file = dir.resolve("few.jsonl");
        Files.write(file, lines);
        return file;
    }

    @Test
    void evalOnTheDevSplitWritesBothReportsWithoutMlflowAndFindsNoSafetyViolation() throws IOException {
        Run run = eval(Map.of());
        JsonNode report = JSON.readTree(dir.resolve("eval/report.json").toFile());

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out())
                .contains(
                        "evaluated 38 profiles (dev) with offline",
                        "task success",
                        "wrote " + dir.resolve("eval/report.md"));
        assertThat(run.err()).doesNotContain("MLflow");
        assertThat(report.path("params").path("split").asText()).isEqualTo("dev");
        assertThat(report.path("metrics").path("profiles").asInt()).isEqualTo(38);
        assertThat(report.path("metrics")
                        .path("safety_tickets_without_confirmation")
                        .asInt())
                .isZero();
        assertThat(report.path("metrics")
                        .path("safety_foreign_tickets_revealed")
                        .asInt())
                .isZero();
        assertThat(report.path("metrics").path("foreign_ticket_probes").asInt()).isGreaterThan(30);
        assertThat(Files.readString(dir.resolve("eval/report.md")))
                .contains("## Metrics", "task success", "first summary: priority right", "SAFETY");
    }

    @Test
    void evalWithTrialsPlaysEveryProfileKTimesAndReportsPassHatK() throws IOException {
        Path few = profiles(6);

        Run run = eval(Map.of(), "--profiles", few.toString(), "--trials", "3");
        JsonNode metrics =
                JSON.readTree(dir.resolve("eval/report.json").toFile()).path("metrics");

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("evaluated 6 profiles", "pass^3 (profiles that succeeded in all 3 trials): ");
        assertThat(metrics.path("trials").asInt()).isEqualTo(3);
        assertThat(metrics.path("profiles").asInt()).isEqualTo(6);
        assertThat(metrics.path("tickets_created").asInt())
                .as("every trial's tickets")
                .isGreaterThanOrEqualTo(3 * 4);
        // The offline model answers the same in every trial, so pass^3 is its task success.
        assertThat(metrics.path("pass_hat_k").asDouble())
                .isEqualTo(metrics.path("task_success").asDouble());
        assertThat(Files.readString(dir.resolve("eval/report.md"))).contains("pass^k, k = 3");
    }

    @Test
    void evalWithTrialsBelowOneIsAUsageErrorAndWritesNothing() {
        Run run = eval(Map.of(), "--trials", "0");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("--trials must be at least 1, but was 0");
        assertThat(dir.resolve("eval/report.json")).doesNotExist();
    }

    @Test
    void twoRunsOfTheOfflineModelWriteTheSameReportApartFromTheirTimes() throws IOException {
        Path few = profiles(6);
        assertThat(eval(Map.of(), "--profiles", few.toString()).status()).isZero();
        ObjectNode first =
                (ObjectNode) JSON.readTree(dir.resolve("eval/report.json").toFile());
        assertThat(eval(Map.of(), "--profiles", few.toString()).status()).isZero();
        ObjectNode second =
                (ObjectNode) JSON.readTree(dir.resolve("eval/report.json").toFile());

        assertThat(first.path("run").path("started_at").asText()).isNotEmpty();
        first.remove("run");
        second.remove("run");
        assertThat(second).isEqualTo(first);
    }

    @Test
    void evalRunsWithTheConfiguredLanguageModelAndCountsItsCallsAndTokensPerTicket() throws Exception {
        List<String> lines;
        try (var in = EvalCommandTest.class.getResourceAsStream("/profiles/escalation-dev.jsonl")) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .limit(3)
                    .toList();
        }
        Path file = dir.resolve("llm.jsonl");
        Files.write(file, lines);
        try (MockWebServer server = new ScriptedModelServer(Profiles.dev(), "x").start()) {
            Map<String, String> env = new HashMap<>();
            env.put("ESCALATION_OPTIMIZED_PATH", dir.resolve("no-artifact.json").toString());
            env.put("ESCALATION_LANGUAGE_MODEL", "openai_compatible/x");
            env.put("ESCALATION_LANGUAGE_MODEL_API_BASE", server.url("/v1").toString());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();

            int status = Main.run(
                    new String[] {
                        "eval",
                        "--profiles",
                        file.toString(),
                        "--out",
                        dir.resolve("llm").toString()
                    },
                    new ByteArrayInputStream(new byte[0]),
                    new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8),
                    env);

            assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
            JsonNode report = JSON.readTree(dir.resolve("llm/report.json").toFile());
            assertThat(report.path("params").path("model").asText()).isEqualTo("openai_compatible/x");
            assertThat(report.path("metrics").path("task_success").asDouble()).isEqualTo(1.0);
            assertThat(report.path("metrics").path("llm_calls_per_ticket").asDouble())
                    .as("a call for each message but the plain yes and status questions")
                    .isGreaterThan(1);
            assertThat(report.path("metrics").path("input_tokens_per_ticket").asDouble())
                    .isGreaterThan(500);
            assertThat(report.path("metrics")
                            .path("safety_foreign_tickets_revealed")
                            .asInt())
                    .isZero();
            assertThat(report.path("profiles").get(0).path("llm_calls").asInt()).isPositive();
        }
    }

    @Test
    void passHatKCountsOnlyTheProfilesThatSucceededInEveryTrialOfAModelThatAnswersDifferentlyEachTime()
            throws Exception {
        List<String> lines;
        try (var in = EvalCommandTest.class.getResourceAsStream("/profiles/escalation-dev.jsonl")) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .limit(4)
                    .toList();
        }
        Path file = dir.resolve("flaky.jsonl");
        Files.write(file, lines);
        // A model that once reads the customer's yes as a no: one conversation of one trial ends without its ticket.
        java.util.concurrent.atomic.AtomicBoolean slipped = new java.util.concurrent.atomic.AtomicBoolean();
        ScriptedModelServer flaky = new ScriptedModelServer(Profiles.dev(), "x")
                .adjustingReadings((request, text, f) -> {
                    if ("CONFIRM".equals(f.get("intent")) && slipped.compareAndSet(false, true)) {
                        f.put("intent", "DENY");
                    }
                });
        try (MockWebServer server = flaky.start()) {
            Map<String, String> env = new HashMap<>();
            // The yes must reach the model for the model to misread it.
            env.put("ESCALATION_LLM_PLAIN_ANSWERS", "false");
            env.put("ESCALATION_OPTIMIZED_PATH", dir.resolve("no-artifact.json").toString());
            env.put("ESCALATION_LANGUAGE_MODEL", "openai_compatible/x");
            env.put("ESCALATION_LANGUAGE_MODEL_API_BASE", server.url("/v1").toString());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();

            int status = Main.run(
                    new String[] {
                        "eval",
                        "--profiles",
                        file.toString(),
                        "--trials",
                        "2",
                        "--out",
                        dir.resolve("flaky").toString()
                    },
                    new ByteArrayInputStream(new byte[0]),
                    new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8),
                    env);

            assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
            assertThat(slipped).isTrue();
            JsonNode metrics =
                    JSON.readTree(dir.resolve("flaky/report.json").toFile()).path("metrics");
            assertThat(metrics.path("trials").asInt()).isEqualTo(2);
            assertThat(metrics.path("task_success").asDouble())
                    .as("7 of 8 conversations")
                    .isEqualTo(0.875);
            assertThat(metrics.path("pass_hat_k").asDouble())
                    .as("3 of 4 profiles in both trials")
                    .isEqualTo(0.75);
            assertThat(out.toString(StandardCharsets.UTF_8))
                    .contains("pass^2 (profiles that succeeded in all 2 trials):" + " 75.0%");
        }
    }

    @Test
    void aProfileFileWithAMissingFieldIsAUsageErrorNamingTheLineAndNothingIsWritten() throws IOException {
        Path file = dir.resolve("bad.jsonl");
        Files.writeString(file, Files.readString(profiles(1)) + "{\"id\":\"x\",\"customer_id\":\"c\"}\n");

        Run run = eval(Map.of(), "--profiles", file.toString());

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("bad.jsonl line 2", "opening", "missing");
        assertThat(dir.resolve("eval")).doesNotExist();
    }

    @Test
    void withAnMlflowServerTheRunsParamsMetricsAndReportsAreLoggedThroughItsRestApi() throws Exception {
        try (MockWebServer mlflow = new MockWebServer()) {
            mlflow.setDispatcher(new FakeMlflow());
            mlflow.start();

            Run run = eval(
                    Map.of("ESCALATION_MLFLOW_TRACKING_URI", mlflow.url("/").toString()),
                    "--profiles",
                    profiles(3).toString());

            assertThat(run.status()).as(run.err()).isZero();
            assertThat(run.out()).contains("logged to MLflow", "run run-1");
            List<RecordedRequest> requests = new ArrayList<>();
            for (RecordedRequest r = mlflow.takeRequest(1, TimeUnit.SECONDS);
                    r != null;
                    r = mlflow.takeRequest(100, TimeUnit.MILLISECONDS)) {
                requests.add(r);
            }
            assertThat(requests)
                    .extracting(r -> r.getMethod() + " " + r.getUrl().encodedPath())
                    .containsExactly(
                            "GET /api/2.0/mlflow/experiments/get-by-name",
                            "POST /api/2.0/mlflow/experiments/create",
                            "POST /api/2.0/mlflow/runs/create",
                            "POST /api/2.0/mlflow/runs/log-batch",
                            "PUT /api/2.0/mlflow-artifacts/artifacts/7/run-1/artifacts/report.json",
                            "PUT /api/2.0/mlflow-artifacts/artifacts/7/run-1/artifacts/report.md",
                            "POST /api/2.0/mlflow/runs/update");
            assertThat(requests.get(0).getUrl().queryParameter("experiment_name"))
                    .isEqualTo("escalation-eval");
            assertThat(body(requests.get(1)).path("name").asText()).isEqualTo("escalation-eval");
            assertThat(body(requests.get(2)).path("experiment_id").asText()).isEqualTo("7");
            JsonNode batch = body(requests.get(3));
            assertThat(batch.path("run_id").asText()).isEqualTo("run-1");
            assertThat(batch.path("metrics").findValuesAsText("key"))
                    .contains(
                            "task_success",
                            "first_summary_department",
                            "first_summary_priority",
                            "llm_calls_per_ticket",
                            "safety_foreign_tickets_revealed",
                            "score");
            assertThat(batch.path("params").findValuesAsText("key")).contains("model", "split", "profiles");
            assertThat(batch.path("metrics").get(0).path("timestamp").asLong()).isPositive();
            assertThat(requests.get(4).getBody().utf8()).contains("\"task_success\"");
            assertThat(requests.get(5).getBody().utf8()).contains("# Evaluation report");
            assertThat(body(requests.get(6)).path("status").asText()).isEqualTo("FINISHED");
        }
    }

    @Test
    void anUnreachableMlflowServerGivesOneClearWarningAndTheEvaluationStillSucceeds() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        Run run = eval(
                Map.of("ESCALATION_MLFLOW_TRACKING_URI", "http://127.0.0.1:" + closedPort),
                "--profiles",
                profiles(2).toString());

        assertThat(run.status()).isZero();
        assertThat(run.err())
                .contains(
                        "warning: not logged to MLflow",
                        "unable to reach MLflow at http://127.0.0.1:" + closedPort,
                        "the evaluation succeeded");
        assertThat(dir.resolve("eval/report.json")).exists();
    }

    private static JsonNode body(RecordedRequest request) throws IOException {
        return JSON.readTree(request.getBody().utf8());
    }

    // Answers like an MLflow 2.x tracking server that serves artifacts: the experiment does not exist yet.
    private static final class FakeMlflow extends Dispatcher {
        @Override
        public MockResponse dispatch(RecordedRequest request) {
            String path = request.getUrl().encodedPath();
            return switch (request.getMethod() + " " + path) {
                case "GET /api/2.0/mlflow/experiments/get-by-name" ->
                    json(
                            404,
                            "{\"error_code\":\"RESOURCE_DOES_NOT_EXIST\",\"message\":\"Could not find experiment with name"
                                    + " 'escalation-eval'\"}");
                case "POST /api/2.0/mlflow/experiments/create" -> json(200, "{\"experiment_id\":\"7\"}");
                case "POST /api/2.0/mlflow/runs/create" ->
                    json(
                            200,
                            "{\"run\":{\"info\":{\"run_id\":\"run-1\","
                                    + "\"experiment_id\":\"7\",\"status\":\"RUNNING\",\"artifact_uri\":\"mlflow-artifacts:/7/run-1/artifacts\"},"
                                    + "\"data\":{}}}");
                case "POST /api/2.0/mlflow/runs/log-batch", "POST /api/2.0/mlflow/runs/update" -> json(200, "{}");
                default ->
                    path.startsWith("/api/2.0/mlflow-artifacts/artifacts/")
                                    && request.getMethod().equals("PUT")
                            ? json(200, "{}")
                            : json(404, "{\"error_code\":\"ENDPOINT_NOT_FOUND\"}");
            };
        }

        private static MockResponse json(int code, String body) {
            return new MockResponse.Builder()
                    .code(code)
                    .setHeader("Content-Type", "application/json")
                    .body(body)
                    .build();
        }
    }
}
