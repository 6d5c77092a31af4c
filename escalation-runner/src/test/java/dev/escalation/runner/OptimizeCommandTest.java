package dev.escalation.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.Department;
import dev.escalation.core.Priority;
import dev.escalation.core.simulation.Profile;
import dev.escalation.llm.ScriptedModelServer;
import dev.escalation.runner.internal.eval.FewShotSearch;
import dev.escalation.runner.internal.eval.FewShotSearchTest;
import dev.escalation.runner.internal.eval.OptimizedArtifact;
import dev.escalation.runner.internal.eval.Optimizer;
import dev.escalation.runner.internal.eval.ProfileFile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OptimizeCommandTest {

    // Dev profiles whose first summary the rules get wrong ("medium" where the rubric says otherwise).
    private static final Set<String> HARD = Set.of("e-27", "g-15", "g-03", "dev-16");

    @TempDir
    Path dir;

    private Path artifact;
    private Path train;
    private Path dev;

    private record Run(int status, String out, String err) {}

    @BeforeEach
    void profiles() throws IOException {
        artifact = dir.resolve("optimized_escalation.json");
        train = dir.resolve("train.jsonl");
        dev = dir.resolve("dev.jsonl");
        Files.write(train, lines("/profiles/eval-train.jsonl").subList(0, 4));
        Files.write(
                dev,
                lines("/profiles/eval-dev.jsonl").stream()
                        .filter(l -> HARD.stream().anyMatch(id -> l.contains("\"id\": \"" + id + "\"")))
                        .toList());
    }

    private static List<String> lines(String resource) throws IOException {
        try (InputStream in = OptimizeCommandTest.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    private Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(
                args,
                new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of(
                        "ESCALATION_OPTIMIZED_PATH",
                        artifact.toString(),
                        "ESCALATION_TICKET_DATABASE_PATH",
                        dir.resolve("tickets.db").toString(),
                        "ESCALATION_LANGUAGE_MODEL",
                        "offline"));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void anArtifactThatScoresLowerOnDevThanTheCurrentOneIsRefusedAndTheCurrentOneKeptUnlessForced() throws IOException {
        // The current artifact learned the dev profiles themselves, so nothing trained on 4 others beats it.
        List<Profile> hard = ProfileFile.read(dev);
        new OptimizedArtifact(Optimizer.training(hard, 0.1, 1.0, 0.8), "the dev profiles", Map.of(), Map.of())
                .write(artifact);
        byte[] current = Files.readAllBytes(artifact);

        Run refused = run("optimize", "--train", train.toString(), "--dev", dev.toString(), "--folds", "2");

        assertThat(refused.status()).isEqualTo(1);
        assertThat(refused.out())
                .contains(
                        "dev score (4 profiles), built-in rules alone: 0.5000",
                        "dev score, current artifact " + artifact + ": 1.0000",
                        "dev score, optimized: ");
        assertThat(refused.err())
                .contains("refusing to write " + artifact, "lower than 1.0000 of the current artifact", "--force");
        assertThat(Files.readAllBytes(artifact))
                .as("the better artifact survives")
                .isEqualTo(current);

        Run forced = run("optimize", "--train", train.toString(), "--dev", dev.toString(), "--folds", "2", "--force");

        assertThat(forced.status()).as(forced.err()).isZero();
        assertThat(forced.out()).contains("wrote " + artifact);
        assertThat(OptimizedArtifact.read(artifact).trainedOn()).isEqualTo("train split, 4 profiles");
    }

    @Test
    void withoutAnArtifactTheTrainedOneIsWrittenWhenItDoesNotScoreBelowTheRules() {
        Run run = run("optimize", "--train", dev.toString(), "--dev", dev.toString(), "--folds", "2");

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out())
                .contains(
                        "built-in rules alone: 0.5000",
                        "dev score, optimized: 1.0000",
                        "dev pass^3: 1.0000 for the built-in rules, 1.0000 optimized",
                        "wrote " + artifact + " (dev score 0.5000 -> 1.0000)");
        OptimizedArtifact written = OptimizedArtifact.read(artifact);
        assertThat(written.devScore()).containsEntry("rules", 0.5).containsEntry("optimized", 1.0);
        assertThat(written.selection()).containsKeys("smoothing", "department_confidence", "priority_confidence");
    }

    @Test
    void theRunnerLoadsTheArtifactAtStartNamesItOnStandardErrorAndItsClassifierDecides() throws IOException {
        String vague =
                "{\"conversation_id\":\"c1\",\"customer_id\":\"u1\",\"text\":\"The letter I received about my account"
                        + " mentions changes that confuse me\"}";
        Path input = dir.resolve("in.jsonl");
        Files.writeString(input, vague + "\n");
        Run rules = replay(input, "c1");
        // A priority classifier that knows only "low" and is always sure of it.
        List<Profile> lows = new ArrayList<>(ProfileFile.split(ProfileFile.Split.TRAIN).stream()
                .filter(p -> p.priority() == Priority.LOW)
                .toList());
        new OptimizedArtifact(Optimizer.training(lows, 1.0, 1.0, 0.5), "low only", Map.of(), Map.of()).write(artifact);
        Files.writeString(input, vague.replace("c1", "c2") + "\n");
        Run trained = replay(input, "c2");

        assertThat(rules.status()).isZero();
        assertThat(rules.err())
                .as("without a file, the classifiers shipped in the jar")
                .contains("offline model: built-in rules with the trained classifiers shipped in the runner ("
                        + artifact + " does not exist) (train split, 93 profiles");
        assertThat(rules.out()).contains("\"priority\":\"medium\"");
        assertThat(trained.status()).as(trained.err()).isZero();
        assertThat(trained.err())
                .contains("offline model: built-in rules with the trained classifiers of " + artifact, "low only");
        assertThat(trained.out()).contains("\"priority\":\"low\"");
    }

    @Test
    void aDamagedArtifactStopsTheRunnerWithExitTwoNamingTheFileAndTheSetting() throws IOException {
        Files.writeString(artifact, "{\"format\":\"escalation-optimized\",\"format_version\":1}");
        Path input = dir.resolve("in.jsonl");
        Files.writeString(input, "{\"conversation_id\":\"c1\",\"customer_id\":\"u1\",\"text\":\"hello\"}\n");

        Run run = run("replay", input.toString());

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains(artifact.toString(), "'offline' is missing", "ESCALATION_OPTIMIZED_PATH");
        assertThat(run.out()).isEmpty();
    }

    // All profiles, so that the scripted model knows every message of train, dev and the files above.
    private static List<Profile> allProfiles() {
        List<Profile> all = new ArrayList<>(ProfileFile.split(ProfileFile.Split.TRAIN));
        all.addAll(ProfileFile.split(ProfileFile.Split.DEV));
        return all;
    }

    private Run runWithModel(MockWebServer server, String... args) {
        RunnerProcess.Result result = RunnerProcess.on(dir)
                .env("ESCALATION_OPTIMIZED_PATH", artifact.toString())
                .env("ESCALATION_LANGUAGE_MODEL", "openai_compatible/scripted")
                .env("ESCALATION_LANGUAGE_MODEL_API_BASE", server.url("/v1").toString())
                .runWithLogs(args);
        return new Run(result.status(), result.out(), result.err());
    }

    private static List<String> lines(String resource, Set<String> ids) throws IOException {
        return lines(resource).stream()
                .filter(l -> ids.stream().anyMatch(id -> l.contains("\"id\": \"" + id + "\"")))
                .toList();
    }

    @Test
    void withALanguageModelOptimizeWritesTheBestDemonstrationsAndTheRunnerGivesThemToTheModel() throws IOException {
        Files.write(train, lines("/profiles/eval-train.jsonl").subList(0, 6));
        Files.write(dev, lines("/profiles/eval-dev.jsonl", Set.of("dev-01", "dev-05", "dev-12", "dev-21")));
        AtomicInteger demonstrated = new AtomicInteger();
        ScriptedModelServer script = FewShotSearchTest.needsExamples(allProfiles(), demonstrated);
        try (MockWebServer server = script.start()) {
            Run optimized = runWithModel(
                    server,
                    "optimize",
                    "--train",
                    train.toString(),
                    "--dev",
                    dev.toString(),
                    "--folds",
                    "2",
                    "--seed",
                    "7",
                    "--trials",
                    "8",
                    "--max-demonstrations",
                    "2",
                    "--call-budget",
                    "100000");

            assertThat(optimized.status()).as(optimized.err()).isZero();
            assertThat(optimized.out())
                    .contains(
                            "few-shot search with openai_compatible/scripted: 12 candidates from 6"
                                    + " train profiles, sets of 0..2, seed 7",
                            "  set of 0 []: dev score ",
                            "dev score with openai_compatible/scripted: ",
                            "wrote " + artifact,
                            "with openai_compatible/scripted and "
                                    + OptimizedArtifact.read(artifact)
                                            .demonstrations()
                                            .size() + " demonstrations 0.5000 -> ");
            OptimizedArtifact written = OptimizedArtifact.read(artifact);
            // The scripted model names Billing right only when shown a Billing example; 3 of the 4 dev profiles are
            // Billing.
            assertThat(written.demonstrations())
                    .isNotEmpty()
                    .hasSizeLessThanOrEqualTo(2)
                    .anyMatch(d -> d.expected().department() == Department.BILLING);
            assertThat(written.devScore().get("llm_optimized"))
                    .isGreaterThan(written.devScore().get("llm_baseline"));
            assertThat(written.selection()).containsEntry("few_shot_seed", "7").containsKey("few_shot_calls");

            Path input = dir.resolve("in.jsonl");
            Files.writeString(
                    input,
                    "{\"conversation_id\":\"c1\",\"customer_id\":\"u1\",\"text\":"
                            + RunnerProcess.json(FewShotSearchTest.DEV.get(0).opening()) + "}\n");
            int before = demonstrated.get();
            Run replay = runWithModel(server, "replay", input.toString());

            assertThat(replay.status()).as(replay.err()).isZero();
            assertThat(replay.err())
                    .contains("language model openai_compatible/scripted: "
                            + written.demonstrations().size() + " few-shot demonstrations from " + artifact);
            assertThat(demonstrated.get())
                    .as("readings whose request showed the demonstrations")
                    .isGreaterThan(before);
        }
    }

    @Test
    void withALanguageModelAnArtifactWhoseClassifiersScoreLowerIsStillRefusedAndTheCurrentOneKept() throws IOException {
        List<Profile> hard = ProfileFile.read(dev);
        new OptimizedArtifact(
                        Optimizer.training(hard, 0.1, 1.0, 0.8),
                        "the dev profiles",
                        Map.of(),
                        Map.of(),
                        FewShotSearch.candidates(hard.subList(0, 1)))
                .write(artifact);
        byte[] current = Files.readAllBytes(artifact);
        ScriptedModelServer script = FewShotSearchTest.needsExamples(allProfiles(), new AtomicInteger());
        try (MockWebServer server = script.start()) {
            Run refused = runWithModel(
                    server,
                    "optimize",
                    "--train",
                    train.toString(),
                    "--dev",
                    dev.toString(),
                    "--folds",
                    "2",
                    "--trials",
                    "2",
                    "--call-budget",
                    "100000");

            assertThat(refused.status()).isEqualTo(1);
            assertThat(refused.out())
                    .contains("dev score, current artifact " + artifact + ": 1.0000", "  set of 2 [REASON");
            assertThat(refused.err()).contains("refusing to write " + artifact, "of the current artifact");
            assertThat(Files.readAllBytes(artifact))
                    .as("the better artifact survives")
                    .isEqualTo(current);
        }
    }

    @Test
    void aCallBudgetThatCoversNoDevRunWritesNothingAndSaysWhy() throws IOException {
        ScriptedModelServer script = FewShotSearchTest.needsExamples(allProfiles(), new AtomicInteger());
        try (MockWebServer server = script.start()) {
            Run run = runWithModel(
                    server,
                    "optimize",
                    "--train",
                    train.toString(),
                    "--dev",
                    dev.toString(),
                    "--folds",
                    "2",
                    "--call-budget",
                    "40");

            assertThat(run.status()).isEqualTo(1);
            assertThat(run.err()).contains("--call-budget 40 does not cover one run of the 4 dev profiles");
            assertThat(artifact).doesNotExist();
            assertThat(server.getRequestCount())
                    .as("GET /models plus at most the budget")
                    .isLessThanOrEqualTo(41);
        }
    }

    @Test
    void withTheDefaultModelUnreachableOptimizeTrainsTheOfflineClassifiersSaysOnceWhyFewShotWasSkippedAndExitsZero()
            throws IOException {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        RunnerProcess.Result result = RunnerProcess.on(dir)
                .env("ESCALATION_OPTIMIZED_PATH", artifact.toString())
                .without("ESCALATION_LANGUAGE_MODEL")
                .env("ESCALATION_LANGUAGE_MODEL_API_BASE", "http://127.0.0.1:" + closedPort + "/v1")
                .runWithLogs("optimize", "--train", train.toString(), "--dev", dev.toString(), "--folds", "2");

        assertThat(result.status()).as(result.err()).isZero();
        String all = result.out() + result.err();
        assertThat(all.lines().filter(l -> l.contains("few-shot")))
                .singleElement()
                .asString()
                .contains(
                        "few-shot selection skipped: the language model endpoint http://127.0.0.1:" + closedPort
                                + "/v1 (lm_studio/gemma-3-12b-it) cannot be reached",
                        "offline classifiers are trained alone");
        assertThat(result.out()).contains("wrote " + artifact);
        OptimizedArtifact written = OptimizedArtifact.read(artifact);
        assertThat(written.demonstrations()).isEmpty();
        assertThat(written.selection())
                .containsKey("priority_confidence")
                .hasEntrySatisfying("few_shot_method", m -> assertThat(m).startsWith("skipped: "));
    }

    // In this JVM, with what logback writes to System.err meanwhile added to standard error.
    private Run replay(Path input, String conversation) {
        RunnerProcess.Result result = RunnerProcess.on(dir)
                .env("ESCALATION_OPTIMIZED_PATH", artifact.toString())
                .runWithLogs("replay", input.toString());
        return new Run(result.status(), result.out(), result.err());
    }
}
