package dev.escalation.runner.internal.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Logs an evaluation to an MLflow tracking server through its REST API: finds or creates the
 * experiment, creates a run, logs params and metrics in one batch, uploads the report files through
 * the server's artifact proxy ({@code mlflow server} serves artifacts by default since 2.0), and
 * marks the run finished.
 *
 * <p>Not thread-safe; one evaluation at a time. Close it to release the HTTP client. Example:
 * {@code try (MlflowTracking mlflow = new MlflowTracking("http://localhost:5000", "escalation-eval", clock)) {
 * mlflow.log("eval dev", params, metrics, Map.of("report.md", bytes)); }}
 */
public final class MlflowTracking implements AutoCloseable {

    /** The tracking server's URL; unset means no MLflow. */
    public static final String TRACKING_URI = "ESCALATION_MLFLOW_TRACKING_URI";
    /** The experiment's name (default {@value #DEFAULT_EXPERIMENT}). */
    public static final String EXPERIMENT = "ESCALATION_MLFLOW_EXPERIMENT";
    /** The experiment used when {@value #EXPERIMENT} is unset. */
    public static final String DEFAULT_EXPERIMENT = "escalation-eval";

    private static final MediaType JSON_TYPE = MediaType.get("application/json; charset=utf-8");
    private static final MediaType BYTES = MediaType.get("application/octet-stream");
    // MLflow rejects longer param values.
    private static final int MAX_PARAM = 500;

    private final HttpUrl base;
    private final String experiment;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private final OkHttpClient http = new OkHttpClient.Builder()
            .connectTimeout(Duration.ofSeconds(5))
            .callTimeout(Duration.ofSeconds(30))
            .build();

    /**
     * @throws IllegalArgumentException naming {@value #TRACKING_URI} when {@code trackingUri} is not an http(s) URL
     */
    public MlflowTracking(String trackingUri, String experiment, Clock clock) {
        HttpUrl parsed =
                HttpUrl.parse(Objects.requireNonNull(trackingUri, "trackingUri").strip());
        if (parsed == null) {
            throw new IllegalArgumentException(
                    TRACKING_URI + " must be an http or https URL, but was '" + trackingUri + "'");
        }
        this.base = parsed;
        this.experiment = Objects.requireNonNull(experiment, "experiment");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Logs one run and returns its id.
     *
     * @throws UnableToLogToMlflowException naming the server and the request that failed
     */
    public String log(
            String runName, Map<String, String> params, Map<String, Double> metrics, Map<String, byte[]> artifacts) {
        String experimentId = experimentId();
        long start = clock.millis();
        ObjectNode create = json.createObjectNode();
        create.put("experiment_id", experimentId);
        create.put("run_name", runName);
        create.put("start_time", start);
        ObjectNode tag = create.putArray("tags").addObject();
        tag.put("key", "mlflow.source.name");
        tag.put("value", "escalation-runner eval");
        JsonNode run = post("runs/create", create).path("run").path("info");
        String runId = run.path("run_id").asText(null);
        if (runId == null) {
            throw new UnableToLogToMlflowException(
                    "MLflow at " + base + " answered runs/create without a run_id", null);
        }

        ObjectNode batch = json.createObjectNode();
        batch.put("run_id", runId);
        ArrayNode metricNodes = batch.putArray("metrics");
        metrics.forEach((key, value) -> {
            ObjectNode m = metricNodes.addObject();
            m.put("key", key);
            m.put("value", value);
            m.put("timestamp", start);
            m.put("step", 0);
        });
        ArrayNode paramNodes = batch.putArray("params");
        params.forEach((key, value) -> {
            ObjectNode p = paramNodes.addObject();
            p.put("key", key);
            p.put("value", value.length() > MAX_PARAM ? value.substring(0, MAX_PARAM) : value);
        });
        post("runs/log-batch", batch);

        String artifactRoot = artifactPath(run.path("artifact_uri").asText(""), experimentId, runId);
        for (Map.Entry<String, byte[]> artifact : artifacts.entrySet()) {
            HttpUrl url = base.newBuilder()
                    .addPathSegments("api/2.0/mlflow-artifacts/artifacts")
                    .addPathSegments(artifactRoot)
                    .addPathSegment(artifact.getKey())
                    .build();
            send(
                    new Request.Builder()
                            .url(url)
                            .put(RequestBody.create(artifact.getValue(), BYTES))
                            .build(),
                    "upload of " + artifact.getKey());
        }

        ObjectNode finish = json.createObjectNode();
        finish.put("run_id", runId);
        finish.put("status", "FINISHED");
        finish.put("end_time", clock.millis());
        post("runs/update", finish);
        return runId;
    }

    // The experiment by name, created when the server does not know it.
    private String experimentId() {
        HttpUrl url = base.newBuilder()
                .addPathSegments("api/2.0/mlflow/experiments/get-by-name")
                .addQueryParameter("experiment_name", experiment)
                .build();
        try (Response response = call(new Request.Builder().url(url).get().build(), "experiments/get-by-name")) {
            String body = response.body().string();
            if (response.isSuccessful()) {
                return json.readTree(body)
                        .path("experiment")
                        .path("experiment_id")
                        .asText();
            }
            if (response.code() != 404 && !body.contains("RESOURCE_DOES_NOT_EXIST")) {
                throw failure("experiments/get-by-name", response.code(), body);
            }
        } catch (IOException e) {
            throw new UnableToLogToMlflowException("unable to reach MLflow at " + base + ": " + e.getMessage(), e);
        }
        ObjectNode create = json.createObjectNode();
        create.put("name", experiment);
        return post("experiments/create", create).path("experiment_id").asText();
    }

    // "mlflow-artifacts:/1/abc/artifacts" (the proxy's form) -> "1/abc/artifacts".
    private static String artifactPath(String artifactUri, String experimentId, String runId) {
        if (artifactUri.startsWith("mlflow-artifacts:")) {
            try {
                String path = new URI(artifactUri).getPath();
                return path.replaceAll("^/+", "");
            } catch (URISyntaxException e) {
                // fall through to MLflow's default layout
            }
        } else if (!artifactUri.isEmpty()) {
            throw new UnableToLogToMlflowException(
                    "MLflow at the tracking URI does not proxy artifacts (the run's" + " artifact_uri is " + artifactUri
                            + "); start it with --serve-artifacts to receive the report",
                    null);
        }
        return experimentId + "/" + runId + "/artifacts";
    }

    private JsonNode post(String method, ObjectNode body) {
        HttpUrl url =
                base.newBuilder().addPathSegments("api/2.0/mlflow/" + method).build();
        String text = send(
                new Request.Builder()
                        .url(url)
                        .post(RequestBody.create(body.toString(), JSON_TYPE))
                        .build(),
                method);
        try {
            return text.isBlank() ? json.createObjectNode() : json.readTree(text);
        } catch (IOException e) {
            throw new UnableToLogToMlflowException(
                    "MLflow at " + base + " answered " + method + " with something that is" + " not JSON: "
                            + abbreviate(text),
                    e);
        }
    }

    private String send(Request request, String what) {
        try (Response response = call(request, what)) {
            String body = response.body().string();
            if (!response.isSuccessful()) {
                throw failure(what, response.code(), body);
            }
            return body;
        } catch (IOException e) {
            throw new UnableToLogToMlflowException(
                    "unable to reach MLflow at " + base + " (" + what + "): " + e.getMessage(), e);
        }
    }

    private Response call(Request request, String what) throws IOException {
        return http.newCall(request).execute();
    }

    private UnableToLogToMlflowException failure(String what, int code, String body) {
        return new UnableToLogToMlflowException(
                "MLflow at " + base + " refused " + what + " with HTTP " + code + ": " + abbreviate(body), null);
    }

    private static String abbreviate(String text) {
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.length() > 200 ? flat.substring(0, 200) + "..." : flat;
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    /**
     * Logging to MLflow failed; the message names the server and what was refused.
     *
     * <p>Immutable. Example: {@code catch (UnableToLogToMlflowException e) { warn(e.getMessage()); }}
     */
    public static final class UnableToLogToMlflowException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnableToLogToMlflowException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
