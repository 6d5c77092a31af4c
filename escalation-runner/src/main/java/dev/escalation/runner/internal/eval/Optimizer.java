package dev.escalation.runner.internal.eval;

import dev.escalation.core.OfflineLanguageModel;
import dev.escalation.core.OfflineTraining;
import dev.escalation.core.TextClassifier;
import dev.escalation.core.simulation.Profile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Trains the offline model's department and priority classifiers on the train split and chooses
 * their settings (smoothing, and how sure each must be to overrule "unsure" rules) by k-fold
 * cross-validation on the train split alone, scored by playing the held-out profiles with the
 * simulated customer. The dev split is only measured, never used to choose.
 *
 * <p>Deterministic: the same profiles give the same artifact. Not thread-safe. Example:
 * {@code OptimizedArtifact a = new Optimizer(3).train(ProfileFile.split(Split.TRAIN));}
 */
public final class Optimizer {

    // A small grid: every setting costs a simulated run per fold. 1.0 turns a classifier off.
    static final List<Double> SMOOTHING = List.of(0.1, 1.0);
    static final List<Double> DEPARTMENT_CONFIDENCE = List.of(1.0, 0.95, 0.8);
    static final List<Double> PRIORITY_CONFIDENCE = List.of(1.0, 0.9, 0.8, 0.7, 0.5);

    private final int folds;

    /** @param folds the number of cross-validation folds, at least 2 */
    public Optimizer(int folds) {
        if (folds < 2) {
            throw new IllegalArgumentException("cross-validation needs at least 2 folds, but was " + folds);
        }
        this.folds = folds;
    }

    /** The dev-split score of a model: the evaluation's {@link EvalReport.Metrics#score}. */
    public static double score(OfflineLanguageModel model, List<Profile> profiles) {
        return EvalReport.of(Map.of(), new Evaluation(model).run(profiles))
                .metrics()
                .score();
    }

    /**
     * pass^k of a model on {@code profiles}: the fraction that succeed in all of {@code k} trials
     * (tau-bench's reliability measure).
     */
    public static double passHatK(OfflineLanguageModel model, List<Profile> profiles, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("pass^k needs k of at least 1, but was " + k);
        }
        List<List<Evaluation.ProfileOutcome>> trials = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            trials.add(new Evaluation(model).run(profiles));
        }
        return EvalReport.ofTrials(Map.of(), trials).metrics().passHatK();
    }

    /** Trains on {@code train}, choosing the settings by cross-validation on it. */
    public OptimizedArtifact train(List<Profile> train) {
        Objects.requireNonNull(train, "train");
        if (train.size() < folds) {
            throw new IllegalArgumentException(
                    "training needs at least " + folds + " profiles, but got " + train.size());
        }
        double bestScore = -1;
        double bestSmoothing = SMOOTHING.get(0);
        double bestDepartment = 1.0;
        double bestPriority = 1.0;
        for (double smoothing : SMOOTHING) {
            List<Fold> trained = folds(train, smoothing);
            // First the department's confidence with the priority classifier off, then the priority's.
            double department = 1.0;
            double departmentScore = -1;
            for (double confidence : DEPARTMENT_CONFIDENCE) {
                double s = crossValidated(trained, confidence, 1.0);
                if (s > departmentScore) {
                    departmentScore = s;
                    department = confidence;
                }
            }
            for (double confidence : PRIORITY_CONFIDENCE) {
                double s = crossValidated(trained, department, confidence);
                if (s > bestScore) {
                    bestScore = s;
                    bestSmoothing = smoothing;
                    bestDepartment = department;
                    bestPriority = confidence;
                }
            }
        }
        OfflineTraining training = training(train, bestSmoothing, bestDepartment, bestPriority);
        Map<String, String> selection = new LinkedHashMap<>();
        selection.put("method", folds + "-fold cross-validation on the train split, scored by simulated customers");
        selection.put("classifier", "multinomial naive Bayes over word stems and stem pairs");
        selection.put("smoothing", String.valueOf(bestSmoothing));
        selection.put("department_confidence", String.valueOf(bestDepartment));
        selection.put("priority_confidence", String.valueOf(bestPriority));
        selection.put("cross_validated_score", String.format(Locale.ROOT, "%.4f", bestScore));
        return new OptimizedArtifact(training, "train split, " + train.size() + " profiles", selection, Map.of());
    }

    private record Fold(List<Profile> heldOut, TextClassifier department, TextClassifier priority) {}

    private List<Fold> folds(List<Profile> train, double smoothing) {
        List<Fold> result = new ArrayList<>();
        for (int k = 0; k < folds; k++) {
            List<Profile> in = new ArrayList<>();
            List<Profile> out = new ArrayList<>();
            for (int i = 0; i < train.size(); i++) {
                (i % folds == k ? out : in).add(train.get(i));
            }
            result.add(new Fold(
                    out,
                    classifier(in, p -> p.department().name(), smoothing),
                    classifier(in, p -> p.priority().name(), smoothing)));
        }
        return result;
    }

    private static double crossValidated(List<Fold> folds, double department, double priority) {
        double total = 0;
        int profiles = 0;
        for (Fold fold : folds) {
            OfflineLanguageModel model = new OfflineLanguageModel(
                    new OfflineTraining(fold.department(), department, fold.priority(), priority));
            total += score(model, fold.heldOut()) * fold.heldOut().size();
            profiles += fold.heldOut().size();
        }
        return total / profiles;
    }

    /** Classifiers trained on all of {@code profiles} with the given settings. */
    public static OfflineTraining training(
            List<Profile> profiles, double smoothing, double department, double priority) {
        return new OfflineTraining(
                classifier(profiles, p -> p.department().name(), smoothing),
                department,
                classifier(profiles, p -> p.priority().name(), smoothing),
                priority);
    }

    // What the agent has read when it first judges: the opening alone, and the opening with the details.
    private static TextClassifier classifier(
            List<Profile> profiles, Function<Profile, String> label, double smoothing) {
        List<TextClassifier.Example> examples = new ArrayList<>();
        for (Profile p : profiles) {
            examples.add(new TextClassifier.Example(p.opening(), label.apply(p)));
            examples.add(new TextClassifier.Example(p.opening() + "\n" + p.details(), label.apply(p)));
        }
        return TextClassifier.train(examples, smoothing);
    }
}
