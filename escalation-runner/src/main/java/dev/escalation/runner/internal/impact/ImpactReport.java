package dev.escalation.runner.internal.impact;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.escalation.core.ConversationTurn;
import dev.escalation.core.FlowDefinition;
import dev.escalation.core.PersonalData;
import dev.escalation.core.SlotSpec;
import dev.escalation.runner.internal.JsonLines;
import dev.escalation.runner.internal.impact.ConversationImpact.Difference;
import dev.escalation.runner.internal.impact.ConversationImpact.Status;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Collects the verdicts of an impact run and writes them for a reviewer (Markdown) or a tool (one
 * JSON object per changed conversation). Customer text is masked as in traces, and the values of
 * slots either flow marks personal are not shown.
 *
 * <p>Not thread-safe: one run adds to it. Example: {@code report.add(impact.assess(turns)); report.markdown()}.
 */
public final class ImpactReport {

    /** How many conversations each kind of change shows as examples. */
    static final int EXAMPLES = 3;

    private static final String MASKED = "[personal]";

    private final String candidateName;
    private final String currentName;
    private final Set<String> personalSlots = new TreeSet<>();
    private final Map<Status, Integer> counts = new EnumMap<>(Status.class);
    private final Map<String, Integer> byChange = new LinkedHashMap<>();
    // Each changed conversation is an example of its first (most telling) change only.
    private final Map<String, List<ConversationImpact>> byFirstChange = new LinkedHashMap<>();
    private final List<ConversationImpact> changed = new ArrayList<>();
    private final List<ConversationImpact> notCompared = new ArrayList<>();

    /**
     * @param candidateName how the report names the candidate flow (its file)
     * @param currentName how it names the current flow
     */
    public ImpactReport(String candidateName, String currentName, FlowDefinition current, FlowDefinition candidate) {
        this.candidateName = candidateName;
        this.currentName = currentName;
        for (FlowDefinition flow : List.of(current, candidate)) {
            flow.slots().stream().filter(SlotSpec::personal).map(SlotSpec::name).forEach(personalSlots::add);
        }
        for (Status status : Status.values()) {
            counts.put(status, 0);
        }
    }

    /** Adds one conversation's verdict. */
    public void add(ConversationImpact impact) {
        counts.merge(impact.status(), 1, Integer::sum);
        if (impact.status() == Status.CHANGED) {
            changed.add(impact);
            for (String change : impact.changes()) {
                byChange.merge(change, 1, Integer::sum);
            }
            byFirstChange
                    .computeIfAbsent(impact.changes().get(0), key -> new ArrayList<>())
                    .add(impact);
        } else if (impact.status() != Status.UNCHANGED && notCompared.size() < EXAMPLES * 4) {
            notCompared.add(impact);
        }
    }

    /** How many conversations had {@code status}. */
    public int count(Status status) {
        return counts.get(status);
    }

    /** How many conversations were replayed under both flows and compared. */
    public int replayed() {
        return count(Status.UNCHANGED) + count(Status.CHANGED);
    }

    /** Whether some conversation would change. */
    public boolean anyChanged() {
        return count(Status.CHANGED) > 0;
    }

    /** The changed conversations, in the order they were added. */
    public List<ConversationImpact> changed() {
        return List.copyOf(changed);
    }

    /** The report in Markdown, for a pull request. */
    public String markdown(String modelCost) {
        StringBuilder md = new StringBuilder();
        md.append("# Flow impact: ")
                .append(candidateName)
                .append(" against ")
                .append(currentName)
                .append("\n\n");
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        md.append(total)
                .append(" stored conversations; ")
                .append(replayed())
                .append(" replayed under both flows: ")
                .append(count(Status.UNCHANGED))
                .append(" unchanged, ")
                .append(count(Status.CHANGED))
                .append(" changed. ")
                .append(capitalized(modelCost))
                .append(".\n\n");
        md.append("| conversations | count |\n|---|---:|\n");
        row(md, "replayed", replayed());
        row(md, "unchanged", count(Status.UNCHANGED));
        row(md, "changed", count(Status.CHANGED));
        row(
                md,
                "stored before readings were kept (not replayed; `--reinterpret` reads them again)",
                count(Status.WITHOUT_READINGS));
        row(md, "not reproducible under the current flow (not compared)", count(Status.NOT_REPRODUCIBLE));
        row(md, "could not be replayed", count(Status.FAILED));
        if (!byChange.isEmpty()) {
            md.append("\n## Changes by kind\n\nA conversation counts under every kind of change it shows.\n\n"
                    + "| change | conversations |\n|---|---:|\n");
            byChange.entrySet().stream()
                    .sorted((a, b) -> Integer.compare(b.getValue(), a.getValue()))
                    .forEach(entry -> row(md, entry.getKey(), entry.getValue()));
            md.append("\n## Examples\n\nThe first turn that differs, by each conversation's first change.\n");
            byFirstChange.entrySet().stream()
                    .sorted((a, b) ->
                            Integer.compare(b.getValue().size(), a.getValue().size()))
                    .forEach(entry -> examples(md, entry.getKey(), entry.getValue()));
        }
        if (!notCompared.isEmpty()) {
            md.append("\n## Not compared\n\n");
            for (ConversationImpact impact : notCompared) {
                md.append("- `")
                        .append(impact.conversationId())
                        .append("`: ")
                        .append(PersonalData.redact(impact.reason()))
                        .append('\n');
            }
        }
        return md.toString();
    }

    private static void row(StringBuilder md, String label, int count) {
        md.append("| ").append(label).append(" | ").append(count).append(" |\n");
    }

    private void examples(StringBuilder md, String change, List<ConversationImpact> impacts) {
        md.append("\n### ").append(change).append(" (").append(impacts.size()).append(")\n\n");
        for (ConversationImpact impact : impacts.subList(0, Math.min(EXAMPLES, impacts.size()))) {
            int index = 0;
            while (impact.stored().get(index).turn() != impact.firstDifferingTurn()) {
                index++;
            }
            ConversationTurn stored = impact.stored().get(index);
            md.append("- `")
                    .append(impact.conversationId())
                    .append("`, first differing turn ")
                    .append(impact.firstDifferingTurn());
            if (!stored.text().isEmpty()) {
                md.append(": \"").append(quoted(stored.text())).append('"');
            }
            if (impact.changes().size() > 1) {
                md.append("; also ")
                        .append(String.join(
                                ", ",
                                impact.changes().subList(1, impact.changes().size())));
            }
            md.append("\n  - now: ")
                    .append(describe(impact.before().get(index)))
                    .append("\n  - with ")
                    .append(candidateName)
                    .append(": ")
                    .append(describe(impact.after().get(index)))
                    .append('\n');
        }
        if (impacts.size() > EXAMPLES) {
            md.append("- and ").append(impacts.size() - EXAMPLES).append(" more\n");
        }
    }

    private static String quoted(String text) {
        String masked = PersonalData.redact(text).replaceAll("\\s+", " ").replace("`", "'");
        return masked.length() > 160 ? masked.substring(0, 157) + "..." : masked;
    }

    private String describe(ReplayedTurn turn) {
        StringBuilder text = new StringBuilder("`").append(turn.path()).append('`');
        text.append("; department ").append(turn.department() == null ? "none" : turn.department());
        text.append(", priority ").append(turn.priority() == null ? "none" : turn.priority());
        if (!turn.slots().isEmpty()) {
            text.append(", ")
                    .append(turn.slots().entrySet().stream()
                            .map(e -> e.getKey() + " " + shown(e.getKey(), e.getValue()))
                            .collect(Collectors.joining(", ")));
        }
        if (turn.ticket() != null) {
            text.append("; creates a ticket (").append(turn.ticket()).append(')');
        }
        return text.append("; replies ").append(turn.replies()).toString();
    }

    private String shown(String slot, String value) {
        if (value == null) {
            return "none";
        }
        return personalSlots.contains(slot) ? MASKED : PersonalData.redact(value);
    }

    /** One changed conversation for tools: its id, the changes, the first differing turn and every difference. */
    public ObjectNode json(ConversationImpact impact) {
        ObjectNode node = JsonLines.object();
        node.put("conversation_id", impact.conversationId());
        ArrayNode changes = node.putArray("changes");
        impact.changes().forEach(changes::add);
        node.put("first_differing_turn", impact.firstDifferingTurn());
        ArrayNode differences = node.putArray("differences");
        for (Difference difference : impact.differences()) {
            ObjectNode entry = differences.addObject();
            entry.put("turn", difference.turn());
            entry.put("field", difference.field());
            entry.put("before", masked(difference.field(), difference.before()));
            entry.put("after", masked(difference.field(), difference.after()));
        }
        return node;
    }

    private String masked(String field, String value) {
        return field.startsWith("slot.")
                ? (value == null ? null : shown(field.substring("slot.".length()), value))
                : value;
    }

    private static String capitalized(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
