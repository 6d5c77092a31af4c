package dev.escalation.runner.internal.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.escalation.core.Department;
import dev.escalation.core.Intent;
import dev.escalation.core.Interpretation;
import dev.escalation.core.OfflineTraining;
import dev.escalation.core.Priority;
import dev.escalation.core.State;
import dev.escalation.core.TextClassifier;
import dev.escalation.llm.Demonstration;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The file {@code make compile-escalation-optimizer} writes ({@value #PATH_SETTING}, default
 * {@code ./optimized_escalation.json}) and the runner loads at start: a JSON document with a format
 * name and version, what it was trained on and how it scored, the offline model's trained
 * classifiers, and (from format version 2) the few-shot demonstrations chosen for a language model.
 * Version 1 files, which have no demonstrations, still load.
 *
 * <p>Immutable and thread-safe. Example: {@code OptimizedArtifact.read(path).training()}.
 *
 * @param training the trained classifiers and their confidences
 * @param trainedOn what the classifiers were trained on, e.g. {@code "train split, 93 profiles"}
 * @param selection how the settings were chosen and which were chosen, in order
 * @param devScore the dev-split score of the rules alone ({@code rules}) and with this artifact
 *     ({@code optimized}), when measured; with a language model also its score without and with the
 *     demonstrations ({@code llm_baseline}, {@code llm_optimized})
 * @param demonstrations the few-shot demonstrations the runner gives a language model; empty when
 *     none were selected (the offline model, or none helped)
 */
public record OptimizedArtifact(
        OfflineTraining training,
        String trainedOn,
        Map<String, String> selection,
        Map<String, Double> devScore,
        List<Demonstration> demonstrations) {

    /** Where the artifact is read and written. */
    public static final String PATH_SETTING = "ESCALATION_OPTIMIZED_PATH";
    /** The path used when {@value #PATH_SETTING} is unset. */
    public static final Path DEFAULT_PATH = Path.of("./optimized_escalation.json");
    /** The class-path resource of the artifact shipped in the runner jar. */
    public static final String SHIPPED_RESOURCE = "/dev/escalation/runner/optimized_escalation.json";
    /** The document's {@code format} field. */
    public static final String FORMAT = "escalation-optimized";
    /** The document's {@code format_version} when written; a reader also takes version 1 (no demonstrations). */
    public static final int FORMAT_VERSION = 2;

    private static final ObjectMapper JSON = new ObjectMapper();

    public OptimizedArtifact {
        Objects.requireNonNull(training, "training");
        Objects.requireNonNull(trainedOn, "trainedOn");
        selection = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(selection));
        devScore = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(devScore));
        demonstrations = List.copyOf(demonstrations);
    }

    /** An artifact without demonstrations (the offline model's part alone). */
    public OptimizedArtifact(
            OfflineTraining training, String trainedOn, Map<String, String> selection, Map<String, Double> devScore) {
        this(training, trainedOn, selection, devScore, List.of());
    }

    /**
     * Reads an artifact.
     *
     * @throws InvalidArtifactException naming the file and what is wrong (not JSON, another format or
     *     version, a missing or bad field)
     */
    public static OptimizedArtifact read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidArtifactException("unable to read " + file + ": " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    /**
     * The artifact shipped in the runner jar ({@value #SHIPPED_RESOURCE}): what the optimizer trains on
     * the shipped train split for the default flow, so that a fresh user gets the trained classifiers
     * without running anything; empty in a build that lacks it.
     *
     * @throws InvalidArtifactException if the shipped file is not usable (a build error)
     */
    public static java.util.Optional<OptimizedArtifact> shipped() {
        try (java.io.InputStream in = OptimizedArtifact.class.getResourceAsStream(SHIPPED_RESOURCE)) {
            if (in == null) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(
                    parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "the runner's " + SHIPPED_RESOURCE));
        } catch (IOException e) {
            throw new InvalidArtifactException(
                    "unable to read the runner's " + SHIPPED_RESOURCE + ": " + e.getMessage(), e);
        }
    }

    private static OptimizedArtifact parse(String text, String file) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InvalidArtifactException(file + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
        try {
            if (root == null || !FORMAT.equals(root.path("format").asText(null))) {
                throw new IllegalArgumentException("its format must be '" + FORMAT + "', but was "
                        + (root == null ? "empty" : root.path("format")));
            }
            int version = root.path("format_version").asInt(-1);
            if (version != 1 && version != FORMAT_VERSION) {
                throw new IllegalArgumentException("its format_version must be 1 or " + FORMAT_VERSION + ", but was "
                        + root.path("format_version") + " (recompile with make compile-escalation-optimizer)");
            }
            JsonNode offline = required(root, "offline");
            JsonNode department = required(offline, "department");
            JsonNode priority = required(offline, "priority");
            OfflineTraining training = new OfflineTraining(
                    classifier(department, "offline.department"),
                    required(department, "confidence").asDouble(),
                    classifier(priority, "offline.priority"),
                    required(priority, "confidence").asDouble());
            Map<String, String> selection = new LinkedHashMap<>();
            root.path("selection")
                    .fields()
                    .forEachRemaining(
                            e -> selection.put(e.getKey(), e.getValue().asText()));
            Map<String, Double> score = new LinkedHashMap<>();
            root.path("dev_score")
                    .fields()
                    .forEachRemaining(e -> score.put(e.getKey(), e.getValue().asDouble()));
            List<Demonstration> demonstrations = new ArrayList<>();
            JsonNode shown = root.path("demonstrations");
            if (!shown.isMissingNode() && !shown.isNull() && !shown.isArray()) {
                throw new IllegalArgumentException("demonstrations must be an array, but was " + shown);
            }
            for (int i = 0; i < shown.size(); i++) {
                demonstrations.add(demonstration(shown.get(i), "demonstrations[" + i + "]"));
            }
            return new OptimizedArtifact(
                    training, root.path("trained_on").asText(""), selection, score, demonstrations);
        } catch (IllegalArgumentException e) {
            throw new InvalidArtifactException(file + " is not a usable optimized artifact: " + e.getMessage(), e);
        }
    }

    private static Demonstration demonstration(JsonNode node, String where) {
        try {
            State state = State.of(required(node, "state").asText());
            String text = required(node, "customer_text").asText();
            Intent intent = Intent.valueOf(required(node, "intent").asText());
            String department = node.path("department").asText(null);
            String priority = node.path("priority").asText(null);
            Department d = department == null
                    ? null
                    : Department.parse(department)
                            .orElseThrow(() -> new IllegalArgumentException("unknown department '" + department + "'"));
            Priority p = priority == null
                    ? null
                    : Priority.parse(priority)
                            .orElseThrow(() -> new IllegalArgumentException("unknown priority '" + priority + "'"));
            return new Demonstration(
                    state,
                    text,
                    new Interpretation(
                            intent,
                            d,
                            false,
                            p,
                            false,
                            null,
                            node.path("states_reason").asBoolean(false),
                            node.path("states_details").asBoolean(false),
                            null,
                            null,
                            null,
                            Map.of()));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("the field '" + field + "' is missing");
        }
        return value;
    }

    private static TextClassifier classifier(JsonNode node, String where) {
        List<String> labels = new ArrayList<>();
        required(node, "labels").forEach(l -> labels.add(l.asText()));
        List<Double> priors = numbers(required(node, "log_priors"), where + ".log_priors");
        Map<String, List<Double>> likelihoods = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields =
                required(node, "log_likelihoods").fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            likelihoods.put(e.getKey(), numbers(e.getValue(), where + ".log_likelihoods." + e.getKey()));
        }
        try {
            return TextClassifier.of(labels, priors, likelihoods);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    private static List<Double> numbers(JsonNode array, String where) {
        if (!array.isArray()) {
            throw new IllegalArgumentException(where + " must be an array of numbers, but was " + array);
        }
        List<Double> values = new ArrayList<>();
        for (JsonNode n : array) {
            if (!n.isNumber()) {
                throw new IllegalArgumentException(where + " must hold numbers, but held " + n);
            }
            values.add(n.asDouble());
        }
        return values;
    }

    /** The artifact as its JSON document; the same artifact always gives the same bytes. */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("format_version", FORMAT_VERSION);
        root.put("trained_on", trainedOn);
        ObjectNode s = root.putObject("selection");
        selection.forEach(s::put);
        ObjectNode d = root.putObject("dev_score");
        devScore.forEach(d::put);
        ObjectNode offline = root.putObject("offline");
        write(offline.putObject("department"), training.department(), training.departmentConfidence());
        write(offline.putObject("priority"), training.priority(), training.priorityConfidence());
        ArrayNode shown = root.putArray("demonstrations");
        for (Demonstration demonstration : demonstrations) {
            Interpretation expected = demonstration.expected();
            ObjectNode entry = shown.addObject();
            entry.put("state", demonstration.state().name());
            entry.put("customer_text", demonstration.customerText());
            entry.put("intent", expected.intent().name());
            entry.put(
                    "department",
                    expected.department() == null ? null : expected.department().displayName());
            entry.put(
                    "priority",
                    expected.priority() == null ? null : expected.priority().wireName());
            entry.put("states_reason", expected.statesReason());
            entry.put("states_details", expected.statesDetails());
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an artifact tree always serialises", e);
        }
    }

    private static void write(ObjectNode node, TextClassifier classifier, double confidence) {
        node.put("confidence", confidence);
        ArrayNode labels = node.putArray("labels");
        classifier.labels().forEach(labels::add);
        ArrayNode priors = node.putArray("log_priors");
        classifier.logPriors().forEach(priors::add);
        ObjectNode likelihoods = node.putObject("log_likelihoods");
        classifier.logLikelihoods().forEach((feature, row) -> {
            ArrayNode values = likelihoods.putArray(feature);
            row.forEach(values::add);
        });
    }

    /** Writes the artifact to {@code file} atomically (a reader never sees half a file). */
    public void write(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.writeString(temp, toJson(), StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * An artifact file that cannot be used; the message names the file and what is wrong.
     *
     * <p>Immutable. Example: {@code catch (InvalidArtifactException e) { fail(e.getMessage()); }}
     */
    public static final class InvalidArtifactException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InvalidArtifactException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
