package dev.escalation.runner.internal;

import dev.escalation.core.OfflineLanguageModel;
import dev.escalation.core.simulation.Profile;
import dev.escalation.llm.Demonstration;
import dev.escalation.llm.InvalidLanguageModelConfigException;
import dev.escalation.llm.LanguageModelConfig;
import dev.escalation.llm.OpenAiCompatibleModel;
import dev.escalation.runner.RunnerConfig;
import dev.escalation.runner.internal.eval.FewShotSearch;
import dev.escalation.runner.internal.eval.InvalidProfileException;
import dev.escalation.runner.internal.eval.OptimizedArtifact;
import dev.escalation.runner.internal.eval.Optimizer;
import dev.escalation.runner.internal.eval.ProfileFile;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code optimize} ({@code make compile-escalation-optimizer}): trains the offline model's classifiers
 * on the train split and, when a language model is configured, selects few-shot demonstrations for it
 * by a seeded random search scored on the dev split within a call budget; prints the dev-split score
 * before and after, and writes the optimized artifact unless it scores lower than the current one.
 *
 * <p>Not thread-safe; picocli runs it once. Example: {@code java -jar escalation-runner.jar optimize --force}.
 */
@Command(
        name = "optimize",
        description = "Trains the offline model's department and priority classifiers on the train profiles (settings"
                + " chosen by cross-validation on train), prints the dev-split score before and after, and writes the"
                + " artifact to ESCALATION_OPTIMIZED_PATH (default ./optimized_escalation.json), which the runner loads"
                + " at start. With a language model (ESCALATION_LANGUAGE_MODEL not offline) it also selects few-shot"
                + " demonstrations from the train profiles by their dev score (random search, --seed, --call-budget)."
                + " Refuses (exit 1) to replace an artifact with one that scores lower on dev, unless --force.")
final class OptimizeCommand implements Callable<Integer> {

    private final PrintStream stdout;
    private final Clock clock;
    private final Supplier<RunnerConfig> config;
    private final OfflineModels offlineModels;

    @Option(names = "--force", description = "write the artifact even if it scores lower than the current one")
    boolean force;

    @Option(names = "--folds", defaultValue = "3", description = "cross-validation folds on train (default 3)")
    int folds;

    @Option(
            names = "--train",
            paramLabel = "FILE",
            description = "train on this profile file instead of the train split")
    Path trainFile;

    @Option(names = "--dev", paramLabel = "FILE", description = "score on this profile file instead of the dev split")
    Path devFile;

    @Option(names = "--seed", defaultValue = "20260105", description = "the few-shot search's seed (default 20260105)")
    long seed;

    @Option(
            names = "--call-budget",
            defaultValue = "3000",
            paramLabel = "N",
            description = "the most model calls (HTTP exchanges) of the whole few-shot search (default 3000)")
    int callBudget;

    @Option(
            names = "--max-demonstrations",
            defaultValue = "3",
            paramLabel = "K",
            description = "the most demonstrations in a set tried, 1 to 8 (default 3; sets of 0 are the baseline)")
    int maxDemonstrations;

    @Option(
            names = "--trials",
            defaultValue = "12",
            paramLabel = "N",
            description = "the most demonstration sets scored, the baseline included (default 12)")
    int trials;

    @Option(
            names = "--pass-k",
            defaultValue = "3",
            paramLabel = "K",
            description = "the artifact is kept only if pass^K on dev (profiles that succeed in all K trials) does not"
                    + " drop below the current one's (default 3)")
    int passK;

    OptimizeCommand(PrintStream stdout, Clock clock, Supplier<RunnerConfig> config, OfflineModels offlineModels) {
        this.stdout = stdout;
        this.clock = clock;
        this.config = config;
        this.offlineModels = offlineModels;
    }

    @Override
    public Integer call() {
        Instant started = clock.instant();
        Path path = offlineModels.optimizedPath();
        List<Profile> train;
        List<Profile> dev;
        Optimizer optimizer;
        try {
            train = trainFile == null ? ProfileFile.split(ProfileFile.Split.TRAIN) : ProfileFile.read(trainFile);
            dev = devFile == null ? ProfileFile.split(ProfileFile.Split.DEV) : ProfileFile.read(devFile);
            optimizer = new Optimizer(folds);
            checkOptions(train.size());
        } catch (InvalidProfileException | IllegalArgumentException e) {
            throw CommandFailure.usage(e.getMessage());
        }

        double rules = Optimizer.score(new OfflineLanguageModel(), dev);
        say("dev score (%d profiles), built-in rules alone: %s", dev.size(), fmt(rules));
        Double current = null;
        OfflineLanguageModel currentModel = new OfflineLanguageModel();
        List<Demonstration> currentDemonstrations = List.of();
        if (Files.exists(path)) {
            try {
                OptimizedArtifact existing = OptimizedArtifact.read(path);
                currentDemonstrations = existing.demonstrations();
                currentModel = new OfflineLanguageModel(existing.training());
                current = Optimizer.score(currentModel, dev);
                say("dev score, current artifact %s: %s", path, fmt(current));
            } catch (OptimizedArtifact.InvalidArtifactException e) {
                if (!force) {
                    throw CommandFailure.usage(e.getMessage() + "; --force (FORCE=1) replaces it");
                }
                say("the current artifact cannot be read (%s); replacing it as forced", e.getMessage());
            }
        }

        say("training on %d train profiles (%d-fold cross-validation to choose the settings) ...", train.size(), folds);
        OptimizedArtifact trained = optimizer.train(train);
        double after = Optimizer.score(new OfflineLanguageModel(trained.training()), dev);
        say("dev score, optimized: %s (%s)", fmt(after), trained.selection());
        Map<String, Double> devScore = new LinkedHashMap<>();
        devScore.put("rules", rules);
        devScore.put("optimized", after);
        Map<String, String> selection = new LinkedHashMap<>(trained.selection());
        List<Demonstration> demonstrations = List.of();
        LanguageModelConfig llm = config.get().languageModel();
        FewShotSearch.Result fewShot = null;
        if (llm.provider() != LanguageModelConfig.Provider.OFFLINE) {
            String unreachable = unreachable(llm);
            if (unreachable == null) {
                fewShot = fewShot(llm, new OfflineLanguageModel(trained.training()), train, dev, currentDemonstrations);
                demonstrations = fewShot.best();
                recordFewShot(fewShot, llm, devScore, selection);
            } else {
                demonstrations = skipFewShot(unreachable, currentDemonstrations, selection);
            }
        }
        OptimizedArtifact artifact =
                new OptimizedArtifact(trained.training(), trained.trainedOn(), selection, devScore, demonstrations);

        double baseline = current != null ? current : rules;
        String baselineName = current != null ? "the current artifact " + path : "the built-in rules";
        if (after < baseline && !force) {
            throw CommandFailure.failed(
                    String.format(
                            Locale.ROOT,
                            "refusing to write %s: its dev score %s is lower than"
                                    + " %s of %s (--force or FORCE=1 writes it anyway)",
                            path,
                            fmt(after),
                            fmt(baseline),
                            baselineName),
                    null);
        }
        refuseLowerPassHatK(currentModel, new OfflineLanguageModel(trained.training()), dev, baselineName, path);
        if (fewShot != null) {
            refuseLowerFewShot(fewShot, llm, path);
        }
        try {
            artifact.write(path);
        } catch (IOException e) {
            throw CommandFailure.failed(
                    "unable to write the artifact " + path + " (set by " + OptimizedArtifact.PATH_SETTING + "): "
                            + e.getMessage(),
                    e);
        }
        Duration took = Duration.between(started, clock.instant());
        String withModel = fewShot == null
                ? ""
                : String.format(
                        Locale.ROOT,
                        "; with %s and %d demonstrations %s -> %s",
                        llm.spec(),
                        demonstrations.size(),
                        fmt(fewShot.baselineScore()),
                        fmt(fewShot.bestScore()));
        say(
                "wrote %s (dev score %s -> %s%s) in %d s; the runner loads it at start",
                path, fmt(baseline), fmt(after), withModel, took.toSeconds());
        return ExitCodes.OK;
    }

    private void checkOptions(int trainProfiles) {
        if (passK < 1) {
            throw new IllegalArgumentException("--pass-k must be at least 1, but was " + passK);
        }
        if (callBudget < 1 || maxDemonstrations < 1 || maxDemonstrations > 8 || trials < 1) {
            throw new IllegalArgumentException("--call-budget and --trials must be at least 1 and --max-demonstrations"
                    + " from 1 to 8, but were " + callBudget + ", " + trials + " and " + maxDemonstrations);
        }
        if (trainProfiles < folds) {
            throw new IllegalArgumentException(
                    "training needs at least " + folds + " profiles, but got " + trainProfiles);
        }
    }

    // Training the offline model needs no model server; only the demonstrations do, so the current ones
    // are kept as they are rather than dropped.
    private List<Demonstration> skipFewShot(
            String unreachable, List<Demonstration> current, Map<String, String> selection) {
        selection.put("few_shot_method", "skipped: " + unreachable);
        say(
                "few-shot selection skipped: %s; the offline classifiers are trained alone%s (start the model server"
                        + " to select demonstrations too, or set %s=offline)",
                unreachable,
                current.isEmpty() ? "" : ", the " + current.size() + " demonstrations of the current artifact kept",
                LanguageModelConfig.MODEL_SETTING);
        return current;
    }

    private void refuseLowerFewShot(FewShotSearch.Result fewShot, LanguageModelConfig llm, Path path) {
        boolean hadCurrent = !Double.isNaN(fewShot.currentScore());
        double llmBaseline = hadCurrent ? fewShot.currentScore() : fewShot.baselineScore();
        if (fewShot.bestScore() < llmBaseline && !force) {
            throw CommandFailure.failed(
                    String.format(
                            Locale.ROOT,
                            "refusing to write %s: its dev score with %s, %s, is"
                                    + " lower than %s of %s (--force or FORCE=1 writes it anyway)",
                            path,
                            llm.spec(),
                            fmt(fewShot.bestScore()),
                            fmt(llmBaseline),
                            hadCurrent ? "the current artifact's demonstrations" : "no demonstrations"),
                    null);
        }
    }

    // A trained model that fails more profiles in some trial is less reliable, even at the same mean score.
    private void refuseLowerPassHatK(
            OfflineLanguageModel currentModel,
            OfflineLanguageModel trainedModel,
            List<Profile> dev,
            String baselineName,
            Path path) {
        double before = Optimizer.passHatK(currentModel, dev, passK);
        double after = Optimizer.passHatK(trainedModel, dev, passK);
        say("dev pass^%d: %s for %s, %s optimized", passK, fmt(before), baselineName, fmt(after));
        if (after < before && !force) {
            throw CommandFailure.failed(
                    String.format(
                            Locale.ROOT,
                            "refusing to write %s: its dev pass^%d %s is lower than"
                                    + " %s of %s (--force or FORCE=1 writes it anyway)",
                            path,
                            passK,
                            fmt(after),
                            fmt(before),
                            baselineName),
                    null);
        }
    }

    // Why the configured model cannot take part in the few-shot search, or null when it can.
    private static String unreachable(LanguageModelConfig llm) {
        try (OpenAiCompatibleModel probe = new OpenAiCompatibleModel(llm)) {
            return probe.checkAvailable()
                    ? null
                    : "the language model endpoint " + llm.baseUrl() + " (" + llm.spec() + ") cannot be reached";
        } catch (InvalidLanguageModelConfigException e) {
            throw CommandFailure.usage(e.getMessage());
        }
    }

    private void recordFewShot(
            FewShotSearch.Result fewShot,
            LanguageModelConfig llm,
            Map<String, Double> devScore,
            Map<String, String> selection) {
        devScore.put("llm_baseline", fewShot.baselineScore());
        devScore.put("llm_optimized", fewShot.bestScore());
        selection.put(
                "few_shot_method",
                "random search over sets of 0.." + maxDemonstrations + " train openings and"
                        + " details, scored by simulated customers on dev with " + llm.spec());
        selection.put("few_shot_seed", String.valueOf(seed));
        selection.put(
                "few_shot_sets_scored",
                String.valueOf(fewShot.trials().stream()
                        .filter(FewShotSearch.Trial::scored)
                        .count()));
        selection.put("few_shot_calls", fewShot.callsUsed() + " of " + callBudget);
    }

    private FewShotSearch.Result fewShot(
            LanguageModelConfig llm,
            OfflineLanguageModel fallback,
            List<Profile> train,
            List<Profile> dev,
            List<Demonstration> currentDemonstrations) {
        List<Demonstration> candidates = FewShotSearch.candidates(train);
        say(
                "few-shot search with %s: %d candidates from %d train profiles, sets of 0..%d, seed %d, at most %d sets"
                        + " and %d model calls ...",
                llm.spec(), candidates.size(), train.size(), maxDemonstrations, seed, trials, callBudget);
        FewShotSearch.Result result = new FewShotSearch(llm, fallback, seed, callBudget, maxDemonstrations, trials)
                .search(
                        candidates,
                        currentDemonstrations,
                        dev,
                        trial -> say(
                                "  set of %d %s: %s (%d model calls)",
                                trial.demonstrations().size(),
                                describe(trial.demonstrations()),
                                trial.scored()
                                        ? "dev score " + fmt(trial.score())
                                        : "not scored, the call budget ran out",
                                trial.calls()));
        if (result.trials().stream().noneMatch(FewShotSearch.Trial::scored)) {
            throw CommandFailure.failed(
                    "--call-budget " + callBudget + " does not cover one run of the " + dev.size()
                            + " dev profiles with " + llm.spec() + " (it used " + result.callsUsed()
                            + " calls); nothing written",
                    null);
        }
        say(
                "dev score with %s: %s without demonstrations, %s with the best set of %d (%d of %d model calls used)",
                llm.spec(),
                fmt(result.baselineScore()),
                fmt(result.bestScore()),
                result.best().size(),
                result.callsUsed(),
                callBudget);
        return result;
    }

    private static String describe(List<Demonstration> set) {
        List<String> parts = new ArrayList<>();
        for (Demonstration d : set) {
            String text = d.customerText().replaceAll("\\s+", " ");
            parts.add(d.state().name() + " \"" + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "\"");
        }
        return "[" + String.join(", ", parts) + "]";
    }

    private void say(String format, Object... args) {
        stdout.println(String.format(Locale.ROOT, format, args));
        stdout.flush();
    }

    private static String fmt(double score) {
        return String.format(Locale.ROOT, "%.4f", score);
    }
}
