package dev.escalation.core.internal.offline;

import dev.escalation.core.Department;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides the department by the flow's cue words ({@link Vocabulary#cues}), or says it cannot tell.
 *
 * <p>The whole known description votes, the newest message included; a department wins when it has
 * at least {@link #THRESHOLD} votes and leads the next by {@link #MARGIN}. When the top two are close,
 * the newest message decides if it alone is clear ("newest wins ties"); otherwise the answer is null
 * and the agent asks "Technical Support, Billing or Sales?". Customers name a department with
 * {@link #named}.
 *
 * <p>Stateless and thread-safe. Example: {@code DepartmentJudge.infer(Tokens.of(""), Tokens.of("I was charged twice"))}
 * is {@code BILLING}.
 */
final class DepartmentJudge {

    /** Votes a department needs: one strong cue ("invoice", "quote", "crash" plus "app"). */
    static final double THRESHOLD = 2.5;

    /** How far the winner must lead the runner-up. */
    static final double MARGIN = 1.5;

    private DepartmentJudge() {}

    /** Votes per standard department in {@code tokens}. */
    static Map<Department, Double> votes(List<Token> tokens) {
        return votes(Vocabulary.standard(), tokens);
    }

    /** The standard flow's department for everything said so far, or null. */
    static Department infer(List<Token> earlier, List<Token> newest) {
        return infer(Vocabulary.standard(), earlier, newest);
    }

    /** The standard department the customer names, or null. */
    static Department named(List<Token> tokens) {
        return named(Vocabulary.standard(), tokens);
    }

    /** Votes per department in {@code tokens}. */
    static Map<Department, Double> votes(Vocabulary v, List<Token> tokens) {
        Map<Department, Double> votes = new LinkedHashMap<>();
        for (Department d : v.departments) {
            votes.put(d, 0.0);
        }
        v.cues.score(tokens).forEach((d, w) -> votes.merge(d, w, Double::sum));
        return votes;
    }

    /**
     * Votes per department leaving out what the customer says it is not about ("not the app",
     * "it's not a tech issue"), for reading corrections.
     */
    static Map<Department, Double> votesAsserted(Vocabulary v, List<Token> tokens) {
        Map<Department, Double> votes = new LinkedHashMap<>();
        for (Department d : v.departments) {
            votes.put(d, 0.0);
        }
        for (CueTable.Hit<Department> hit : v.cues.hits(tokens)) {
            if (!denied(tokens, hit.first())) {
                votes.merge(hit.cue().label(), hit.cue().weight(), Double::sum);
            }
        }
        return votes;
    }

    private static boolean denied(List<Token> tokens, int at) {
        for (int back = 1; back <= 3 && at - back >= 0; back++) {
            String w = tokens.get(at - back).lower();
            if (w.equals("not")) {
                return true;
            }
            if (!Set.of("the", "a", "an", "my", "your", "about", "really", "just", "with")
                    .contains(w)) {
                return false;
            }
        }
        return false;
    }

    /** The rubric's department for everything said so far, or null when it is not clear. */
    static Department infer(Vocabulary v, List<Token> earlier, List<Token> newest) {
        Map<Department, Double> older = votes(v, earlier);
        Map<Department, Double> recent = votes(v, newest);
        Map<Department, Double> total = new LinkedHashMap<>();
        for (Department d : v.departments) {
            total.put(d, older.get(d) + recent.get(d));
        }
        Department clear = clearWinner(total);
        if (clear != null) {
            return clear;
        }
        Department best = best(total, null);
        Department second = best(total, best);
        if (best != null
                && second != null
                && total.get(best) >= THRESHOLD
                && total.get(best) - total.get(second) < MARGIN) {
            Department newestWinner = clearWinner(recent);
            if (newestWinner != null && (newestWinner.equals(best) || newestWinner.equals(second))) {
                return newestWinner;
            }
        }
        return null;
    }

    /** The department with the most votes when it passes the threshold and margin, else null. */
    static Department clearWinner(Map<Department, Double> votes) {
        Department best = best(votes, null);
        Department second = best(votes, best);
        if (best == null) {
            return null;
        }
        double top = votes.get(best);
        if (second == null) {
            return top >= THRESHOLD ? best : null;
        }
        return top >= THRESHOLD && top - votes.get(second) >= MARGIN ? best : null;
    }

    /** The best guess however weak (for a customer who answers "not sure"), or null with no votes. */
    static Department anyLead(Vocabulary v, List<Token> tokens) {
        Map<Department, Double> votes = votes(v, tokens);
        Department best = best(votes, null);
        Department second = best(votes, best);
        if (best == null) {
            return null;
        }
        return votes.get(best) > 0 && (second == null || votes.get(best) > votes.get(second)) ? best : null;
    }

    /**
     * The department the customer names ("billing i think", "it's for tech support"), skipping negated
     * names ("not sales, billing"); when several are named, the first counts.
     */
    static Department named(Vocabulary v, List<Token> tokens) {
        List<CueTable.Hit<Department>> hits = v.names.hits(tokens);
        return hits.isEmpty() ? null : hits.get(0).cue().label();
    }

    private static Department best(Map<Department, Double> votes, Department except) {
        Department best = null;
        for (Department d : votes.keySet()) {
            if (!d.equals(except) && (best == null || votes.get(d) > votes.get(best))) {
                best = d;
            }
        }
        return best;
    }
}
