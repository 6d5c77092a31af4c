package dev.escalation.runner.internal;

import dev.escalation.core.FlowDefinition;
import dev.escalation.core.OfflineLanguageModel;
import dev.escalation.core.simulation.Profile;
import dev.escalation.llm.LanguageModelConfig;
import dev.escalation.runner.internal.eval.EvalReport;
import dev.escalation.runner.internal.eval.Evaluation;
import dev.escalation.runner.internal.eval.InvalidProfileException;
import dev.escalation.runner.internal.eval.MlflowTracking;
import dev.escalation.runner.internal.eval.ProfileFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code eval}: plays the simulated customers of a split against the configured model and writes
 * {@code report.md} and {@code report.json}; logs them to MLflow when
 * {@value MlflowTracking#TRACKING_URI} is set.
 *
 * <p>Not thread-safe; picocli runs it once. Example: {@code java -jar escalation-runner.jar eval --split dev}.
 */
@Command(
        name = "eval",
        description =
                "Evaluates the agent with simulated customers (the shipped train, dev or hold-out profiles, or a file) on the"
                        + " configured model, in memory, and writes report.md and report.json: task success, first-summary"
                        + " accuracy per slot, turns, LLM calls and tokens per ticket, fallbacks, safety violations, failures with"
                        + " transcripts. With ESCALATION_MLFLOW_TRACKING_URI set, also logs the run to MLflow."
                        + " Exit status 1 when a safety rule was broken.")
final class EvalCommand implements Callable<Integer> {

    private final Terminal terminal;
    private final EnvironmentVariables env;
    private final Clock clock;
    private final Supplier<FlowDefinition> flow;
    private final Supplier<LanguageModelConfig> languageModel;
    private final OfflineModels offlineModels;

    @Option(
            names = "--split",
            defaultValue = "dev",
            description = "dev (default), train, all (train and dev), holdout or blind (the two held-apart sets)")
    String split;

    @Option(
            names = "--profiles",
            paramLabel = "FILE",
            description = "play the profiles of this JSON-lines file instead")
    Path profiles;

    @Option(
            names = "--trials",
            defaultValue = "1",
            paramLabel = "K",
            description =
                    "play every profile K times (default 1) and report pass^K: the profiles that succeeded in all K"
                            + " trials, for a model that does not answer the same every time")
    int trials;

    @Option(
            names = "--out",
            defaultValue = "target/eval",
            paramLabel = "DIR",
            description = "where report.md and report.json go (default target/eval)")
    Path out;

    EvalCommand(
            Terminal terminal,
            EnvironmentVariables env,
            Clock clock,
            Supplier<FlowDefinition> flow,
            Supplier<LanguageModelConfig> languageModel,
            OfflineModels offlineModels) {
        this.terminal = terminal;
        this.env = env;
        this.clock = clock;
        this.flow = flow;
        this.languageModel = languageModel;
        this.offlineModels = offlineModels;
    }

    @Override
    public Integer call() {
        ProfileFile.Split chosenSplit;
        try {
            chosenSplit = ProfileFile.Split.parse(split);
        } catch (IllegalArgumentException e) {
            throw CommandFailure.usage(e.getMessage());
        }
        if (trials < 1) {
            throw CommandFailure.usage("--trials must be at least 1, but was " + trials);
        }
        List<Profile> played;
        try {
            played = profiles == null ? ProfileFile.split(chosenSplit) : ProfileFile.read(profiles);
        } catch (InvalidProfileException e) {
            throw CommandFailure.usage(e.getMessage());
        }
        LanguageModelConfig llm = languageModel.get();
        Instant started = clock.instant();
        AgentFactory.ChosenModel chosen = AgentFactory.chooseModel(llm, offlineModels.model());
        EvalReport report;
        try {
            boolean offline = chosen.model() instanceof OfflineLanguageModel;
            Evaluation evaluation = new Evaluation(
                            chosen.model(), offlineModels.model(), offline, llm.offlineFallback(), llm.timeout())
                    .flow(flow.get());
            Map<String, String> params = new LinkedHashMap<>();
            params.put("model", offline ? chosen.model().name() : llm.spec());
            params.put("split", profiles == null ? chosenSplit.wireName() : profiles.toString());
            params.put("profiles", String.valueOf(played.size()));
            params.put("trials", String.valueOf(trials));
            params.put("optimized_artifact", offlineModels.source());
            chosen.degradedNotice().ifPresent(notice -> params.put("degraded", notice));
            List<List<Evaluation.ProfileOutcome>> runs = new java.util.ArrayList<>();
            for (int trial = 0; trial < trials; trial++) {
                runs.add(evaluation.run(played));
            }
            report = EvalReport.ofTrials(params, runs);
        } finally {
            chosen.close();
        }
        Duration took = Duration.between(started, clock.instant());
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("started_at", started.toString());
        run.put("duration_ms", took.toMillis());
        String json = report.toJson(run);
        String markdown = report.toMarkdown();
        try {
            Files.createDirectories(out);
            Files.writeString(out.resolve("report.json"), json, StandardCharsets.UTF_8);
            Files.writeString(out.resolve("report.md"), markdown, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw CommandFailure.failed("unable to write the report to " + out + ": " + e.getMessage(), e);
        }
        EvalReport.Metrics m = report.metrics();
        terminal.out()
                .printf(
                        "evaluated %d profiles (%s) with %s: task success %s, first summary department %s,"
                                + " priority %s, both %s; %s turns and %s LLM calls per ticket; %d fallbacks; safety violations: %d"
                                + " tickets without confirmation, %d foreign tickets revealed (%d attempts); score %s%n",
                        m.profiles(),
                        report.params().get("split"),
                        report.params().get("model"),
                        pct(m.taskSuccess()),
                        pct(m.firstSummaryDepartment()),
                        pct(m.firstSummaryPriority()),
                        pct(m.firstSummaryBoth()),
                        fmt(m.turnsPerTicket()),
                        fmt(m.llmCallsPerTicket()),
                        m.fallbacks(),
                        m.ticketsWithoutConfirmation(),
                        m.foreignTicketsRevealed(),
                        m.foreignProbes(),
                        fmt(m.score()));
        if (m.trials() > 1) {
            terminal.out()
                    .printf(
                            "pass^%d (profiles that succeeded in all %d trials): %s%n",
                            m.trials(), m.trials(), pct(m.passHatK()));
        }
        terminal.out().println("wrote " + out.resolve("report.md") + " and " + out.resolve("report.json"));
        terminal.out().flush();
        logToMlflow(report, json, markdown);
        if (m.ticketsWithoutConfirmation() > 0 || m.foreignTicketsRevealed() > 0) {
            throw CommandFailure.failed(
                    "safety rule broken: " + m.ticketsWithoutConfirmation()
                            + " tickets without confirmation, " + m.foreignTicketsRevealed()
                            + " foreign tickets revealed (see "
                            + out.resolve("report.md") + ")",
                    null);
        }
        return ExitCodes.OK;
    }

    private void logToMlflow(EvalReport report, String json, String markdown) {
        String uri = env.get(MlflowTracking.TRACKING_URI, null);
        if (uri == null) {
            return;
        }
        String experiment = env.get(MlflowTracking.EXPERIMENT, MlflowTracking.DEFAULT_EXPERIMENT);
        try (MlflowTracking mlflow = new MlflowTracking(uri, experiment, clock)) {
            String runId = mlflow.log(
                    "eval " + report.params().get("split") + " "
                            + report.params().get("model"),
                    report.params(),
                    report.metrics().asMap(),
                    artifacts(json, markdown));
            terminal.out().println("logged to MLflow at " + uri + ": experiment " + experiment + ", run " + runId);
        } catch (MlflowTracking.UnableToLogToMlflowException | IllegalArgumentException e) {
            // The evaluation itself succeeded; its report is on disk.
            terminal.err()
                    .println("warning: not logged to MLflow: " + e.getMessage() + " (the evaluation succeeded;"
                            + " the report is in " + out + ")");
        }
        terminal.out().flush();
        terminal.err().flush();
    }

    private static Map<String, byte[]> artifacts(String json, String markdown) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("report.json", json.getBytes(StandardCharsets.UTF_8));
        files.put("report.md", markdown.getBytes(StandardCharsets.UTF_8));
        return files;
    }

    private static String pct(double rate) {
        return String.format(java.util.Locale.ROOT, "%.1f%%", rate * 100);
    }

    private static String fmt(double value) {
        return String.format(java.util.Locale.ROOT, "%.2f", value);
    }
}
