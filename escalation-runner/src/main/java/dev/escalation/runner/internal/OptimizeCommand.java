package dev.escalation.runner.internal;

import dev.escalation.core.OfflineLanguageModel;
import dev.escalation.core.simulation.Profile;
import dev.escalation.runner.internal.eval.InvalidProfileException;
import dev.escalation.runner.internal.eval.OptimizedArtifact;
import dev.escalation.runner.internal.eval.Optimizer;
import dev.escalation.runner.internal.eval.ProfileFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code optimize} ({@code make compile-escalation-optimizer}): trains the offline model's classifiers
 * on the train split, prints the dev-split score before and after, and writes the optimized artifact
 * unless it scores lower than the current one.
 *
 * <p>Not thread-safe; picocli runs it once. Example: {@code java -jar escalation-runner.jar optimize --force}.
 */
@Command(name = "optimize",
    description = "Trains the offline model's department and priority classifiers on the train profiles (settings"
        + " chosen by cross-validation on train), prints the dev-split score before and after, and writes the"
        + " artifact to ESCALATION_OPTIMIZED_PATH (default ./optimized_escalation.json), which the runner loads"
        + " at start. Refuses (exit 1) to replace an artifact with one that scores lower on dev, unless --force.")
final class OptimizeCommand implements Callable<Integer> {

  private final CommandContext context;

  @Option(names = "--force", description = "write the artifact even if it scores lower than the current one")
  boolean force;

  @Option(names = "--folds", defaultValue = "3", description = "cross-validation folds on train (default 3)")
  int folds;

  @Option(names = "--train", paramLabel = "FILE", description = "train on this profile file instead of the train split")
  Path trainFile;

  @Option(names = "--dev", paramLabel = "FILE", description = "score on this profile file instead of the dev split")
  Path devFile;

  OptimizeCommand(CommandContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    Instant started = context.clock().instant();
    Path path = context.optimizedPath();
    List<Profile> train;
    List<Profile> dev;
    Optimizer optimizer;
    try {
      train = trainFile == null ? ProfileFile.split(ProfileFile.Split.TRAIN) : ProfileFile.read(trainFile);
      dev = devFile == null ? ProfileFile.split(ProfileFile.Split.DEV) : ProfileFile.read(devFile);
      optimizer = new Optimizer(folds);
      if (train.size() < folds) {
        throw new IllegalArgumentException("training needs at least " + folds + " profiles, but got " + train.size());
      }
    } catch (InvalidProfileException | IllegalArgumentException e) {
      throw CommandFailure.usage(e.getMessage());
    }

    double rules = Optimizer.score(new OfflineLanguageModel(), dev);
    say("dev score (%d profiles), built-in rules alone: %s", dev.size(), fmt(rules));
    Double current = null;
    if (Files.exists(path)) {
      try {
        current = Optimizer.score(new OfflineLanguageModel(OptimizedArtifact.read(path).training()), dev);
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
    OptimizedArtifact artifact = new OptimizedArtifact(trained.training(), trained.trainedOn(), trained.selection(),
        devScore);

    double baseline = current != null ? current : rules;
    String baselineName = current != null ? "the current artifact " + path : "the built-in rules";
    if (after < baseline && !force) {
      throw CommandFailure.failed(String.format(Locale.ROOT, "refusing to write %s: its dev score %s is lower than"
          + " %s of %s (--force or FORCE=1 writes it anyway)", path, fmt(after), fmt(baseline), baselineName), null);
    }
    try {
      artifact.write(path);
    } catch (IOException e) {
      throw CommandFailure.failed("unable to write the artifact " + path + " (set by "
          + OptimizedArtifact.PATH_SETTING + "): " + e.getMessage(), e);
    }
    Duration took = Duration.between(started, context.clock().instant());
    say("wrote %s (dev score %s -> %s) in %d s; the runner loads it at start", path, fmt(baseline), fmt(after),
        took.toSeconds());
    return ExitCodes.OK;
  }

  private void say(String format, Object... args) {
    context.out().println(String.format(Locale.ROOT, format, args));
    context.out().flush();
  }

  private static String fmt(double score) {
    return String.format(Locale.ROOT, "%.4f", score);
  }
}
