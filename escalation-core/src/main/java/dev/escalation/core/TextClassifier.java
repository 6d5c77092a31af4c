package dev.escalation.core;

import dev.escalation.core.internal.offline.Features;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A small statistical text classifier: multinomial naive Bayes over word stems and pairs of stems (the
 * offline model's own reading of text, instructions hidden in it left out), with additive smoothing.
 * Training is deterministic: the same examples give the same classifier, whatever their order.
 *
 * <p>Its parameters are plain values ({@link #labels}, {@link #logPriors}, {@link #logLikelihoods}) so
 * that an application can store and rebuild it with {@link #of}. Immutable and thread-safe. Example:
 * <pre>{@code
 * TextClassifier c = TextClassifier.train(List.of(new TextClassifier.Example("charged twice", "BILLING"),
 *     new TextClassifier.Example("app crashes", "TECHNICAL_SUPPORT")), 1.0);
 * c.predict("I was charged two times").label(); // "BILLING"
 * }</pre>
 */
public final class TextClassifier {

    private final List<String> labels;
    private final List<Double> logPriors;
    private final Map<String, List<Double>> logLikelihoods;

    private TextClassifier(List<String> labels, List<Double> logPriors, Map<String, List<Double>> logLikelihoods) {
        this.labels = labels;
        this.logPriors = logPriors;
        this.logLikelihoods = logLikelihoods;
    }

    /** A training example: a text and its label. */
    public record Example(String text, String label) {
        /** Checks the values (see the parameters above) and keeps them as given or normalised. */
        public Example {
            Objects.requireNonNull(text, "text");
            Values.requireText(label, "label");
        }
    }

    /**
     * What the classifier thinks of a text.
     *
     * @param label the most probable label
     * @param probability its posterior probability, in [0, 1]
     */
    public record Prediction(String label, double probability) {}

    /**
     * Trains on {@code examples}.
     *
     * @param smoothing the additive (Laplace/Lidstone) smoothing, greater than 0
     * @throws IllegalArgumentException when there are no examples or the smoothing is not positive
     */
    public static TextClassifier train(List<Example> examples, double smoothing) {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("a classifier needs at least one example, but got none");
        }
        if (!(smoothing > 0) || Double.isInfinite(smoothing)) {
            throw new IllegalArgumentException("smoothing must be positive, but was " + smoothing);
        }
        List<String> labels =
                List.copyOf(new TreeSet<>(examples.stream().map(Example::label).toList()));
        int k = labels.size();
        double[] documents = new double[k];
        double[] totals = new double[k];
        Map<String, double[]> counts = new TreeMap<>();
        for (Example example : examples) {
            int label = labels.indexOf(example.label());
            documents[label]++;
            for (String feature : Features.of(example.text())) {
                counts.computeIfAbsent(feature, f -> new double[k])[label]++;
                totals[label]++;
            }
        }
        int vocabulary = counts.size();
        List<Double> priors = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            priors.add(round(Math.log(documents[i] / examples.size())));
        }
        Map<String, List<Double>> likelihoods = new TreeMap<>();
        counts.forEach((feature, c) -> {
            List<Double> row = new ArrayList<>(k);
            for (int i = 0; i < k; i++) {
                row.add(round(Math.log((c[i] + smoothing) / (totals[i] + smoothing * vocabulary))));
            }
            likelihoods.put(feature, List.copyOf(row));
        });
        return new TextClassifier(labels, List.copyOf(priors), Collections.unmodifiableMap(likelihoods));
    }

    /**
     * Rebuilds a classifier from its parameters (as {@link #labels}, {@link #logPriors} and
     * {@link #logLikelihoods} gave them).
     *
     * @throws IllegalArgumentException naming what does not fit: no labels, a row of the wrong length, a
     *     value that is not a finite log-probability
     */
    public static TextClassifier of(
            List<String> labels, List<Double> logPriors, Map<String, List<Double>> logLikelihoods) {
        List<String> l = List.copyOf(labels);
        if (l.isEmpty() || l.size() != logPriors.size()) {
            throw new IllegalArgumentException("a classifier needs as many log priors as labels, but had " + l.size()
                    + " labels and " + logPriors.size() + " priors");
        }
        checkRow("priors", logPriors, l.size());
        Map<String, List<Double>> copy = new TreeMap<>();
        logLikelihoods.forEach((feature, row) -> {
            checkRow("feature '" + feature + "'", row, l.size());
            copy.put(feature, List.copyOf(row));
        });
        return new TextClassifier(l, List.copyOf(logPriors), Collections.unmodifiableMap(copy));
    }

    private static void checkRow(String what, List<Double> row, int size) {
        if (row.size() != size) {
            throw new IllegalArgumentException("the " + what + " must have " + size + " values, but had " + row.size());
        }
        for (Double value : row) {
            if (value == null || value.isNaN() || value.isInfinite() || value > 0) {
                throw new IllegalArgumentException(
                        "the " + what + " must hold log-probabilities (finite, at most 0), but" + " held " + value);
            }
        }
    }

    /** The most probable label for {@code text} and its probability; features never seen in training are ignored. */
    public Prediction predict(String text) {
        double[] scores = new double[labels.size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = logPriors.get(i);
        }
        for (String feature : Features.of(text)) {
            List<Double> row = logLikelihoods.get(feature);
            if (row != null) {
                for (int i = 0; i < scores.length; i++) {
                    scores[i] += row.get(i);
                }
            }
        }
        int best = 0;
        for (int i = 1; i < scores.length; i++) {
            if (scores[i] > scores[best]) {
                best = i;
            }
        }
        double sum = 0;
        for (double score : scores) {
            sum += Math.exp(score - scores[best]);
        }
        return new Prediction(labels.get(best), 1 / sum);
    }

    /** The labels, sorted. */
    public List<String> labels() {
        return labels;
    }

    /** The natural log of each label's prior probability, in {@link #labels} order. */
    public List<Double> logPriors() {
        return logPriors;
    }

    /** Per feature, the natural log of its probability under each label, in {@link #labels} order. */
    public Map<String, List<Double>> logLikelihoods() {
        return logLikelihoods;
    }

    // Six decimals keep a stored classifier small; it predicts the same after a round trip.
    private static double round(double value) {
        return Math.round(value * 1e6) / 1e6;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TextClassifier that
                && labels.equals(that.labels)
                && logPriors.equals(that.logPriors)
                && logLikelihoods.equals(that.logLikelihoods);
    }

    @Override
    public int hashCode() {
        return Objects.hash(labels, logPriors, logLikelihoods);
    }

    @Override
    public String toString() {
        return "TextClassifier" + labels + " over " + logLikelihoods.size() + " features";
    }
}
