package dev.escalation.runner.internal.eval;

import dev.escalation.core.Intent;
import dev.escalation.core.Interpretation;
import dev.escalation.core.InterpretationRequest;
import dev.escalation.core.LanguageModel;
import dev.escalation.core.ModelCall;
import dev.escalation.core.ModelCallObserver;
import dev.escalation.core.ModelToolCall;
import dev.escalation.core.OfflineLanguageModel;
import dev.escalation.core.ReplyRequest;
import dev.escalation.core.State;
import dev.escalation.core.UnableToInterpretMessageException;
import dev.escalation.core.simulation.Profile;
import dev.escalation.llm.Demonstration;
import dev.escalation.llm.LanguageModelConfig;
import dev.escalation.llm.OpenAiCompatibleModel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Chooses few-shot demonstrations for a language model by random search: it scores the empty set (the
 * baseline), the current artifact's set, then random sets of 1 to {@code maxSize} candidates drawn with
 * a seeded {@link Random}, each by playing the dev profiles' simulated customers through the engine with
 * the model (an {@link Evaluation}), and keeps the best-scoring set (on a tie, the earlier, smaller one:
 * demonstrations cost input tokens on every call).
 *
 * <p>The call budget bounds the HTTP exchanges with the model over the whole search and is never
 * exceeded: a model call starts only while the budget still covers its worst case (every iteration of
 * the reading loop with every retry), and a set whose run would need more is not scored; the search
 * then stops and keeps the best so far. A new set is not started when the budget left is below what the
 * costliest set so far needed.
 *
 * <p>Not thread-safe; one search at a time. Example:
 * {@code new FewShotSearch(config, offline, 42, 3000, 3, 12).search(FewShotSearch.candidates(train), List.of(), dev)}.
 */
public final class FewShotSearch {

    private final LanguageModelConfig config;
    private final OfflineLanguageModel offline;
    private final long seed;
    private final int callBudget;
    private final int maxSize;
    private final int maxTrials;

    /**
     * @param config the language model; its own demonstrations are replaced by each set tried
     * @param offline the offline model that answers the turns the language model fails
     * @param seed the random search's seed; the same seed tries the same sets in the same order
     * @param callBudget the most HTTP exchanges with the model for the whole search, at least 1
     * @param maxSize the most demonstrations in a set, at least 1
     * @param maxTrials the most sets scored, the baseline included, at least 1
     */
    public FewShotSearch(
            LanguageModelConfig config,
            OfflineLanguageModel offline,
            long seed,
            int callBudget,
            int maxSize,
            int maxTrials) {
        this.config = Objects.requireNonNull(config, "config");
        this.offline = Objects.requireNonNull(offline, "offline");
        if (config.provider() == LanguageModelConfig.Provider.OFFLINE) {
            throw new IllegalArgumentException("a few-shot search needs a language model, but the config is offline");
        }
        if (callBudget < 1) {
            throw new IllegalArgumentException("the call budget must be at least 1, but was " + callBudget);
        }
        if (maxSize < 1) {
            throw new IllegalArgumentException(
                    "the largest set must hold at least 1 demonstration, but was " + maxSize);
        }
        if (maxTrials < 1) {
            throw new IllegalArgumentException("the search must score at least 1 set, but was " + maxTrials);
        }
        this.seed = seed;
        this.callBudget = callBudget;
        this.maxSize = maxSize;
        this.maxTrials = maxTrials;
    }

    /**
     * The candidates from train profiles: each profile's opening (read in REASON) and details (read in
     * DETAILS) with the rubric's department and priority, intent {@code PROVIDE_INFO}.
     */
    public static List<Demonstration> candidates(List<Profile> train) {
        List<Demonstration> candidates = new ArrayList<>();
        for (Profile p : train) {
            candidates.add(new Demonstration(
                    State.REASON,
                    p.opening(),
                    new Interpretation(
                            Intent.PROVIDE_INFO,
                            p.department(),
                            false,
                            p.priority(),
                            false,
                            null,
                            true,
                            false,
                            null,
                            null,
                            null,
                            Map.of())));
            candidates.add(new Demonstration(
                    State.DETAILS,
                    p.details(),
                    new Interpretation(
                            Intent.PROVIDE_INFO,
                            p.department(),
                            false,
                            p.priority(),
                            false,
                            null,
                            false,
                            true,
                            null,
                            null,
                            null,
                            Map.of())));
        }
        return List.copyOf(candidates);
    }

    /**
     * One scored set.
     *
     * @param demonstrations the set
     * @param score its dev score, or NaN when the budget ran out during its run (not counted)
     * @param calls the HTTP exchanges its run made
     */
    public record Trial(List<Demonstration> demonstrations, double score, int calls) {
        public Trial {
            demonstrations = List.copyOf(demonstrations);
        }

        /** Whether the run finished within the budget and so has a score. */
        public boolean scored() {
            return !Double.isNaN(score);
        }
    }

    /**
     * What the search found.
     *
     * @param best the best-scoring set (empty when none beat the baseline)
     * @param bestScore its dev score
     * @param baselineScore the dev score without demonstrations, NaN when not measured
     * @param currentScore the dev score of the current set, NaN when there was none or it was not measured
     * @param trials every set tried, in order
     * @param callsUsed the HTTP exchanges of the whole search, never above the budget
     */
    public record Result(
            List<Demonstration> best,
            double bestScore,
            double baselineScore,
            double currentScore,
            List<Trial> trials,
            int callsUsed) {
        public Result {
            best = List.copyOf(best);
            trials = List.copyOf(trials);
        }
    }

    /**
     * Searches; {@code listener} hears of each set as it is scored (for progress lines).
     *
     * @param candidates the demonstrations to draw from
     * @param current the current artifact's set, scored second when not empty
     * @param dev the profiles that score a set
     */
    public Result search(
            List<Demonstration> candidates, List<Demonstration> current, List<Profile> dev, Consumer<Trial> listener) {
        Random random = new Random(seed);
        Budget budget = new Budget(callBudget, worstCaseCallsPerRequest(config));
        List<Trial> trials = new ArrayList<>();
        Set<Set<Demonstration>> tried = new HashSet<>();
        List<List<Demonstration>> planned = new ArrayList<>();
        planned.add(List.of());
        if (!current.isEmpty()) {
            planned.add(current);
        }
        List<Demonstration> best = null;
        double bestScore = Double.NaN;
        double baselineScore = Double.NaN;
        double currentScore = Double.NaN;
        int costliest = 0;
        // A bound on draws: with few candidates most random sets repeat one already tried.
        int draws = 0;
        while (trials.size() < maxTrials && draws < maxTrials * 20) {
            List<Demonstration> set;
            if (trials.size() < planned.size()) {
                set = planned.get(trials.size());
            } else {
                draws++;
                if (candidates.isEmpty()) {
                    break;
                }
                set = draw(candidates, random);
            }
            if (!tried.add(Set.copyOf(set))) {
                continue;
            }
            if (budget.remaining() < Math.max(costliest, budget.reserve)) {
                break;
            }
            int before = budget.used.get();
            double score = run(set, budget, dev);
            Trial trial = new Trial(set, score, budget.used.get() - before);
            trials.add(trial);
            listener.accept(trial);
            if (!trial.scored()) {
                break;
            }
            costliest = Math.max(costliest, trial.calls());
            if (set.isEmpty()) {
                baselineScore = score;
            }
            if (!current.isEmpty() && set == current) {
                currentScore = score;
            }
            if (best == null || score > bestScore) {
                best = set;
                bestScore = score;
            }
        }
        return new Result(
                best == null ? List.of() : best, bestScore, baselineScore, currentScore, trials, budget.used.get());
    }

    private List<Demonstration> draw(List<Demonstration> candidates, Random random) {
        int size = 1 + random.nextInt(Math.min(maxSize, candidates.size()));
        List<Demonstration> pool = new ArrayList<>(candidates);
        List<Demonstration> set = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            set.add(pool.remove(random.nextInt(pool.size())));
        }
        return set;
    }

    private double run(List<Demonstration> set, Budget budget, List<Profile> dev) {
        try (OpenAiCompatibleModel model =
                new OpenAiCompatibleModel(config.toBuilder().demonstrations(set).build())) {
            Budgeted budgeted = new Budgeted(model, budget);
            List<Evaluation.ProfileOutcome> outcomes;
            try {
                outcomes = new Evaluation(budgeted, offline, false, true, config.timeout()).run(dev);
            } catch (RuntimeException e) {
                if (budgeted.refused) {
                    return Double.NaN;
                }
                throw e;
            }
            // A run with refused calls was partly played by the offline model: not this set's score.
            return budgeted.refused
                    ? Double.NaN
                    : EvalReport.of(Map.of(), outcomes).metrics().score();
        }
    }

    /**
     * The most HTTP exchanges one interpret or reply request can make: every iteration of the reading
     * loop plus the re-asks for an unsupported response format or tools (3 at most), each with all its
     * retries.
     */
    static int worstCaseCallsPerRequest(LanguageModelConfig config) {
        return (config.maxIterations() + 3) * (config.maxRetries() + 1);
    }

    private static final class Budget {
        final int limit;
        final int reserve;
        // The engine may read on a worker thread (its turn timeout), so the count is atomic.
        final java.util.concurrent.atomic.AtomicInteger used = new java.util.concurrent.atomic.AtomicInteger();

        Budget(int limit, int reserve) {
            this.limit = limit;
            this.reserve = reserve;
        }

        int remaining() {
            return limit - used.get();
        }
    }

    /** The model with every HTTP exchange counted; refuses a request the budget cannot cover. */
    private static final class Budgeted implements LanguageModel {
        private final LanguageModel model;
        private final Budget budget;
        volatile boolean refused;

        Budgeted(LanguageModel model, Budget budget) {
            this.model = model;
            this.budget = budget;
        }

        private ModelCallObserver counting(ModelCallObserver calls) {
            if (budget.remaining() < budget.reserve) {
                refused = true;
                throw new UnableToInterpretMessageException("the few-shot search's call budget of " + budget.limit
                        + " is exhausted (" + budget.used.get() + " used)");
            }
            return new ModelCallObserver() {
                @Override
                public void called(ModelCall call) {
                    budget.used.incrementAndGet();
                    calls.called(call);
                }

                @Override
                public void toolCalled(ModelToolCall call) {
                    calls.toolCalled(call);
                }
            };
        }

        @Override
        public Interpretation interpret(InterpretationRequest r) {
            return model.interpret(new InterpretationRequest(
                    r.state(), r.slots(), r.pendingQuestion(), r.text(), r.deadline(), counting(r.calls())));
        }

        @Override
        public String reply(ReplyRequest r, Consumer<String> chunks) {
            return model.reply(
                    new ReplyRequest(
                            r.acts(), r.state(), r.slots(), r.customerText(), r.deadline(), counting(r.calls())),
                    chunks);
        }

        @Override
        public String name() {
            return model.name();
        }
    }
}
