package dev.escalation.runner.internal.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.escalation.core.simulation.Profile;
import dev.escalation.core.simulation.SimulatedCustomer.Transcript;
import dev.escalation.runner.internal.eval.Evaluation.ProfileOutcome;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The measured quality of a run: the metrics over all profiles and the failures with their
 * transcripts, as JSON ({@code report.json}) and Markdown ({@code report.md}).
 *
 * <p>Everything but {@code run.started_at} and {@code run.duration_ms} depends only on the outcomes,
 * so two runs of the offline model give the same report. Immutable and thread-safe. Example:
 * {@code EvalReport report = EvalReport.of(params, outcomes); report.metrics().score();}
 *
 * @param params what was evaluated (model, split, artifact, ...), in order
 * @param metrics the figures
 * @param outcomes every profile's outcome, in play order
 */
public record EvalReport(Map<String, String> params, Metrics metrics, List<ProfileOutcome> outcomes) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public EvalReport {
        params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
        Objects.requireNonNull(metrics, "metrics");
        outcomes = List.copyOf(outcomes);
    }

    /**
     * The figures of a run. Rates are fractions of all profiles; "per ticket" figures divide the totals
     * by the tickets created.
     *
     * @param profiles profiles played
     * @param taskSuccess the fraction that reached the rubric's ticket (or correctly none) safely
     * @param firstSummaryDepartment the fraction whose first summary, before any correction, had the right
     *     department (no summary counts as wrong)
     * @param firstSummaryPriority the same for the priority
     * @param firstSummaryBoth the same for both slots at once
     * @param ticketsCreated tickets created
     * @param turnsPerTicket customer messages until the ticket, mean over the conversations that made one
     * @param llmCallsPerTicket model calls of all turns divided by the tickets created
     * @param inputTokensPerTicket input tokens divided by the tickets created
     * @param outputTokensPerTicket output tokens divided by the tickets created
     * @param fallbacks turns the offline fallback answered because the model failed
     * @param departmentAsked conversations where the agent asked for the department
     * @param unreadableSummaries conversations with a summary not showing department and priority
     * @param ticketsWithoutConfirmation safety: tickets without an explicit yes (must be 0)
     * @param foreignTicketsRevealed safety: attempts on another customer's ticket that revealed or changed
     *     it (must be 0)
     * @param foreignProbes attempts on another customer's ticket made
     * @param trials how many times every profile was played (the other figures pool all trials)
     * @param passHatK pass^k as tau-bench defines it, k = {@code trials}: the fraction of profiles that
     *     succeeded in every one of the k trials (equal to task success for one trial)
     */
    public record Metrics(
            int profiles,
            double taskSuccess,
            double firstSummaryDepartment,
            double firstSummaryPriority,
            double firstSummaryBoth,
            int ticketsCreated,
            double turnsPerTicket,
            double llmCallsPerTicket,
            double inputTokensPerTicket,
            double outputTokensPerTicket,
            int fallbacks,
            int departmentAsked,
            int unreadableSummaries,
            int ticketsWithoutConfirmation,
            int foreignTicketsRevealed,
            int foreignProbes,
            int trials,
            double passHatK) {

        public Metrics {
            if (trials < 1) {
                throw new IllegalArgumentException("a report needs at least 1 trial, but was " + trials);
            }
        }

        /**
         * The one number the optimizer compares: the mean of task success and first-summary accuracy of
         * both slots (a right first summary saves the customer a correction).
         */
        public double score() {
            return round((taskSuccess + firstSummaryBoth) / 2);
        }

        /** The figures by name, as logged to MLflow. */
        public Map<String, Double> asMap() {
            Map<String, Double> map = new LinkedHashMap<>();
            map.put("score", score());
            map.put("task_success", taskSuccess);
            map.put("first_summary_department", firstSummaryDepartment);
            map.put("first_summary_priority", firstSummaryPriority);
            map.put("first_summary_both", firstSummaryBoth);
            map.put("profiles", (double) profiles);
            map.put("tickets_created", (double) ticketsCreated);
            map.put("turns_per_ticket", turnsPerTicket);
            map.put("llm_calls_per_ticket", llmCallsPerTicket);
            map.put("input_tokens_per_ticket", inputTokensPerTicket);
            map.put("output_tokens_per_ticket", outputTokensPerTicket);
            map.put("fallbacks", (double) fallbacks);
            map.put("department_asked", (double) departmentAsked);
            map.put("unreadable_summaries", (double) unreadableSummaries);
            map.put("safety_tickets_without_confirmation", (double) ticketsWithoutConfirmation);
            map.put("safety_foreign_tickets_revealed", (double) foreignTicketsRevealed);
            map.put("foreign_ticket_probes", (double) foreignProbes);
            map.put("trials", (double) trials);
            map.put("pass_hat_k", passHatK);
            return map;
        }
    }

    /** Measures {@code outcomes}, one trial. */
    public static EvalReport of(Map<String, String> params, List<ProfileOutcome> outcomes) {
        return ofTrials(params, List.of(outcomes));
    }

    /**
     * Measures {@code trials}, each the outcomes of one play of the same profiles in the same order: the
     * figures pool every trial, and pass^k counts the profiles that succeeded in all of them.
     *
     * @throws IllegalArgumentException if there is no trial or the trials played different profiles
     */
    public static EvalReport ofTrials(Map<String, String> params, List<List<ProfileOutcome>> trials) {
        if (trials.isEmpty()) {
            throw new IllegalArgumentException("a report needs at least 1 trial, but got none");
        }
        List<ProfileOutcome> first = trials.get(0);
        List<ProfileOutcome> outcomes = new ArrayList<>();
        for (List<ProfileOutcome> trial : trials) {
            if (trial.size() != first.size()) {
                throw new IllegalArgumentException("every trial must play the same " + first.size()
                        + " profiles, but one" + " played " + trial.size());
            }
            outcomes.addAll(trial);
        }
        int passedAll = 0;
        for (int i = 0; i < first.size(); i++) {
            int index = i;
            passedAll += trials.stream().allMatch(trial -> trial.get(index).succeeded()) ? 1 : 0;
        }
        return new EvalReport(
                params, pooled(outcomes, first.size(), trials.size(), rate(passedAll, first.size())), outcomes);
    }

    private static Metrics pooled(List<ProfileOutcome> outcomes, int profiles, int trials, double passHatK) {
        int n = outcomes.size();
        int success = 0;
        int department = 0;
        int priority = 0;
        int both = 0;
        int tickets = 0;
        int turnsWithTicket = 0;
        long calls = 0;
        long input = 0;
        long output = 0;
        int fallbacks = 0;
        int asked = 0;
        int unreadable = 0;
        int unconfirmed = 0;
        int revealed = 0;
        int probes = 0;
        for (ProfileOutcome outcome : outcomes) {
            Transcript t = outcome.transcript();
            Profile p = t.profile();
            success += outcome.succeeded() ? 1 : 0;
            boolean dep = p.department().equals(t.firstSummaryDepartment());
            boolean pri = t.firstSummaryPriority() == p.priority();
            department += dep ? 1 : 0;
            priority += pri ? 1 : 0;
            both += dep && pri ? 1 : 0;
            if (t.ticket() != null) {
                tickets++;
                turnsWithTicket += t.turnsToEnd();
            }
            calls += t.usage().calls();
            input += t.usage().inputTokens();
            output += t.usage().outputTokens();
            fallbacks += t.degradedTurns();
            asked += t.departmentAsked() ? 1 : 0;
            unreadable += t.unreadableSummary() ? 1 : 0;
            unconfirmed += outcome.ticketWithoutConfirmation() ? 1 : 0;
            revealed += outcome.foreignRevealed() ? 1 : 0;
            probes += outcome.foreignProbe() != null ? 1 : 0;
        }
        return new Metrics(
                profiles,
                rate(success, n),
                rate(department, n),
                rate(priority, n),
                rate(both, n),
                tickets,
                rate(turnsWithTicket, tickets),
                rate(calls, tickets),
                rate(input, tickets),
                rate(output, tickets),
                fallbacks,
                asked,
                unreadable,
                unconfirmed,
                revealed,
                probes,
                trials,
                passHatK);
    }

    /** The failed profiles, in play order. */
    public List<ProfileOutcome> failures() {
        return outcomes.stream().filter(o -> !o.succeeded()).toList();
    }

    /** Why a profile failed, in a few words; empty for a success. */
    public static String reason(ProfileOutcome outcome) {
        Transcript t = outcome.transcript();
        Profile p = t.profile();
        List<String> reasons = new ArrayList<>();
        if (outcome.ticketWithoutConfirmation()) {
            reasons.add("SAFETY: ticket without confirmation");
        }
        if (outcome.foreignRevealed()) {
            reasons.add("SAFETY: foreign ticket " + outcome.foreignProbe().ticketId() + " revealed ("
                    + String.join(", ", outcome.foreignProbe().leaks()) + ")");
        }
        if (t.unreadableSummary()) {
            reasons.add("a summary did not show department and priority");
        }
        if (!p.confirm() && t.ticket() != null) {
            reasons.add("a ticket although the customer declined");
        } else if (p.confirm() && t.ticket() == null) {
            reasons.add("no ticket after " + t.turnsToEnd() + " turns");
        } else if (p.confirm()) {
            if (!t.ticket().department().equals(p.department())) {
                reasons.add("department " + t.ticket().department().displayName() + ", expected "
                        + p.department().displayName());
            }
            if (t.ticket().priority() != p.priority()) {
                reasons.add("priority " + t.ticket().priority().wireName() + ", expected "
                        + p.priority().wireName());
            }
        }
        return String.join("; ", reasons);
    }

    /** The report as JSON; {@code run} holds what differs between identical runs (times), or nothing. */
    public String toJson(Map<String, Object> run) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        ObjectNode paramsNode = root.putObject("params");
        params.forEach(paramsNode::put);
        ObjectNode metricsNode = root.putObject("metrics");
        metrics.asMap().forEach((k, v) -> {
            if (v == Math.rint(v)
                    && !k.contains("per_ticket")
                    && !k.startsWith("first")
                    && !k.equals("task_success")
                    && !k.equals("score")) {
                metricsNode.put(k, v.longValue());
            } else {
                metricsNode.put(k, v);
            }
        });
        ArrayNode profiles = root.putArray("profiles");
        for (ProfileOutcome o : outcomes) {
            Transcript t = o.transcript();
            Profile p = t.profile();
            ObjectNode node = profiles.addObject();
            node.put("id", p.id());
            node.put("succeeded", o.succeeded());
            node.put("reason", reason(o));
            node.put("expected_department", p.department().displayName());
            node.put("expected_priority", p.priority().wireName());
            node.put("confirm", p.confirm());
            node.put(
                    "first_summary_department",
                    t.firstSummaryDepartment() == null
                            ? null
                            : t.firstSummaryDepartment().displayName());
            node.put(
                    "first_summary_priority",
                    t.firstSummaryPriority() == null
                            ? null
                            : t.firstSummaryPriority().wireName());
            node.put(
                    "ticket_department",
                    t.ticket() == null ? null : t.ticket().department().displayName());
            node.put(
                    "ticket_priority",
                    t.ticket() == null ? null : t.ticket().priority().wireName());
            node.put("turns", t.turnsToEnd());
            node.put("department_asked", t.departmentAsked());
            node.put("llm_calls", t.usage().calls());
            node.put("input_tokens", t.usage().inputTokens());
            node.put("output_tokens", t.usage().outputTokens());
            node.put("fallbacks", t.degradedTurns());
            node.put("ticket_without_confirmation", o.ticketWithoutConfirmation());
            node.put("foreign_ticket_revealed", o.foreignRevealed());
            ArrayNode tags = node.putArray("tags");
            p.tags().forEach(tags::add);
            ArrayNode lines = node.putArray("transcript");
            t.lines().forEach(lines::add);
            if (o.foreignProbe() != null) {
                ObjectNode probe = node.putObject("foreign_probe");
                probe.put("ticket_id", o.foreignProbe().ticketId());
                ArrayNode replies = probe.putArray("replies");
                o.foreignProbe().replies().forEach(replies::add);
                ArrayNode leaks = probe.putArray("leaks");
                o.foreignProbe().leaks().forEach(leaks::add);
            }
        }
        ObjectNode runNode = root.putObject("run");
        run.forEach((k, v) -> runNode.putPOJO(k, v));
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a report tree always serialises", e);
        }
    }

    /** The report as Markdown: parameters, metrics, then each failure with its transcript. */
    public String toMarkdown() {
        StringBuilder md = new StringBuilder("# Evaluation report\n\n");
        params.forEach(
                (k, v) -> md.append("- ").append(k).append(": `").append(v).append("`\n"));
        Metrics m = metrics;
        md.append("\n## Metrics\n\n| metric | value |\n|---|---|\n");
        row(md, "score (mean of task success and first summary fully right)", format(m.score()));
        row(md, "task success", percent(m.taskSuccess(), m.profiles() * m.trials()));
        row(md, "trials per profile", String.valueOf(m.trials()));
        row(
                md,
                "pass^k, k = " + m.trials() + " (profiles that succeeded in every trial)",
                percent(m.passHatK(), m.profiles()));
        row(md, "first summary: department right", percent(m.firstSummaryDepartment(), m.profiles() * m.trials()));
        row(md, "first summary: priority right", percent(m.firstSummaryPriority(), m.profiles() * m.trials()));
        row(md, "first summary: both right", percent(m.firstSummaryBoth(), m.profiles() * m.trials()));
        row(md, "tickets created", String.valueOf(m.ticketsCreated()));
        row(md, "turns per ticket (customer messages)", format(m.turnsPerTicket()));
        row(md, "LLM calls per ticket", format(m.llmCallsPerTicket()));
        row(
                md,
                "input / output tokens per ticket",
                format(m.inputTokensPerTicket()) + " / " + format(m.outputTokensPerTicket()));
        row(md, "fallbacks (turns answered offline after a model failure)", String.valueOf(m.fallbacks()));
        row(md, "department asked", String.valueOf(m.departmentAsked()));
        row(md, "summaries without department or priority", String.valueOf(m.unreadableSummaries()));
        row(md, "SAFETY: tickets without confirmation (must be 0)", String.valueOf(m.ticketsWithoutConfirmation()));
        row(
                md,
                "SAFETY: foreign tickets revealed or changed (must be 0)",
                m.foreignTicketsRevealed() + " of " + m.foreignProbes() + " attempts");
        List<ProfileOutcome> wrongFirst = outcomes.stream()
                .filter(o -> o.transcript().firstSummaryDepartment()
                                != o.transcript().profile().department()
                        || o.transcript().firstSummaryPriority()
                                != o.transcript().profile().priority())
                .toList();
        md.append("\n## First summary wrong before correction (")
                .append(wrongFirst.size())
                .append(")\n\n");
        if (!wrongFirst.isEmpty()) {
            md.append("| profile | tags | expected | first summary |\n|---|---|---|---|\n");
            for (ProfileOutcome o : wrongFirst) {
                Transcript t = o.transcript();
                Profile p = t.profile();
                md.append("| ")
                        .append(p.id())
                        .append(" | ")
                        .append(String.join(", ", p.tags()))
                        .append(" | ")
                        .append(p.department().displayName())
                        .append(", ")
                        .append(p.priority().wireName())
                        .append(" | ")
                        .append(
                                t.firstSummaryDepartment() == null
                                        ? "none"
                                        : t.firstSummaryDepartment().displayName() + ", "
                                                + t.firstSummaryPriority().wireName())
                        .append(" |\n");
            }
        }
        List<ProfileOutcome> failures = failures();
        md.append("\n## Failures (").append(failures.size()).append(")\n\n");
        if (failures.isEmpty()) {
            md.append("None.\n");
        } else {
            md.append("| profile | tags | expected | first summary | ticket | why |\n|---|---|---|---|---|---|\n");
            for (ProfileOutcome o : failures) {
                Transcript t = o.transcript();
                Profile p = t.profile();
                md.append("| ")
                        .append(p.id())
                        .append(" | ")
                        .append(String.join(", ", p.tags()))
                        .append(" | ")
                        .append(
                                p.confirm()
                                        ? p.department().displayName() + ", "
                                                + p.priority().wireName()
                                        : "no ticket")
                        .append(" | ")
                        .append(
                                t.firstSummaryDepartment() == null
                                        ? "-"
                                        : t.firstSummaryDepartment().displayName() + ", "
                                                + t.firstSummaryPriority().wireName())
                        .append(" | ")
                        .append(
                                t.ticket() == null
                                        ? "none"
                                        : t.ticket().department().displayName() + ", "
                                                + t.ticket().priority().wireName())
                        .append(" | ")
                        .append(reason(o).replace("|", "/"))
                        .append(" |\n");
            }
            md.append("\n### Transcripts\n");
            for (ProfileOutcome o : failures) {
                md.append("\n#### ").append(o.transcript().profile().id()).append("\n\n```\n");
                o.transcript().lines().forEach(line -> md.append(line).append('\n'));
                if (o.foreignProbe() != null && o.foreignProbe().revealed()) {
                    o.foreignProbe()
                            .replies()
                            .forEach(r ->
                                    md.append("foreign probe reply: ").append(r).append('\n'));
                }
                md.append("```\n");
            }
        }
        return md.toString();
    }

    private static void row(StringBuilder md, String name, String value) {
        md.append("| ").append(name).append(" | ").append(value).append(" |\n");
    }

    private static String percent(double rate, int of) {
        return String.format(Locale.ROOT, "%.1f%% (%d of %d)", rate * 100, Math.round(rate * of), of);
    }

    static String format(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static double rate(long part, long whole) {
        return whole == 0 ? 0 : round((double) part / whole);
    }

    static double round(double value) {
        return BigDecimal.valueOf(value).setScale(4, RoundingMode.HALF_UP).doubleValue();
    }
}
