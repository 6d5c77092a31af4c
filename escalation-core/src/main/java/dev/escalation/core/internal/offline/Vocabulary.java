package dev.escalation.core.internal.offline;

import dev.escalation.core.Department;
import dev.escalation.core.DepartmentSpec;
import dev.escalation.core.FlowDefinition;
import dev.escalation.core.Priority;
import dev.escalation.core.PrioritySpec;
import dev.escalation.core.SlotSpec;
import dev.escalation.core.SlotType;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.regex.Pattern;

/**
 * What the offline model reads that comes from the flow: the departments with their cue tables and
 * names, the priority rubric's cue table, and the flow's own slots with the patterns that find them in a message. Built once per flow
 * (the cue patterns and slot expressions are compiled here, not per turn).
 *
 * <p>Immutable and thread-safe. Example: {@code Vocabulary.of(FlowDefinition.standard()).departments()}.
 */
final class Vocabulary {

    private static final Map<FlowDefinition, Vocabulary> CACHE = Collections.synchronizedMap(new WeakHashMap<>());
    private static volatile Vocabulary last;

    final FlowDefinition flow;
    final List<Department> departments;
    final CueTable<Department> cues;
    final CueTable<Department> names;
    /** The rubric's cues: only critical, high and low get votes; medium is what is left. */
    final CueTable<Priority> priorities;
    /** Words of the departments' names: answering words, not content. */
    final Set<String> nameWords;
    /** For each of the flow's own slots, the expression that finds it named in a message. */
    final Map<String, Pattern> namedSlots;

    private Vocabulary(FlowDefinition flow) {
        this.flow = flow;
        this.departments = flow.departments();
        CueTable.Builder<Department> cueBuilder = CueTable.builder(3);
        CueTable.Builder<Department> nameBuilder = CueTable.builder(3);
        Set<String> words = new HashSet<>();
        for (DepartmentSpec spec : flow.departmentSpecs()) {
            Department department = spec.department();
            for (DepartmentSpec.Cues group : spec.cues()) {
                cueBuilder.always(department, group.weight(), group.patterns().toArray(String[]::new));
            }
            List<String> named = spec.names().isEmpty()
                            || spec.names().stream()
                                    .noneMatch(n -> Department.key(n.replace("=", ""))
                                            .equals(Department.key(department.displayName())))
                    ? concat(department.displayName().toLowerCase(Locale.ROOT), spec.names())
                    : spec.names();
            nameBuilder.add(department, 1, named.toArray(String[]::new));
            for (String word : department.displayName().toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
                if (!word.isEmpty()) {
                    words.add(word);
                }
            }
        }
        this.cues = cueBuilder.build();
        this.priorities = priorityCues(flow);
        this.names = nameBuilder.build();
        this.nameWords = Set.copyOf(words);
        Map<String, Pattern> slots = new java.util.LinkedHashMap<>();
        for (SlotSpec slot : flow.extraSlots()) {
            if (slot.type() != SlotType.ENUM) {
                slots.put(
                        slot.name(),
                        Pattern.compile(
                                "(?i)\\b" + Pattern.quote(slot.readableName().split(" ")[0])
                                        + "\\s*(?:" + Pattern.quote(rest(slot.readableName()))
                                        + "|number|no\\.?|num|#|id)?\\s*(?:is|:|=)?\\s*#?\\s*"
                                        + "([\\p{L}]{0,3}-?\\d[\\p{L}\\d./-]{2,})\\b"));
            }
        }
        this.namedSlots = Map.copyOf(slots);
    }

    // The flow's rubric cues in its order; a flow that states its rubric in words only is read with the
    // standard flow's cues, so a team's flow file need not copy them to get the built-in judgement.
    private static CueTable<Priority> priorityCues(FlowDefinition flow) {
        boolean declared =
                flow.prioritySpecs().stream().anyMatch(spec -> !spec.cues().isEmpty());
        if (!declared && flow != FlowDefinition.standard()) {
            return standard().priorities;
        }
        CueTable.Builder<Priority> builder = CueTable.builder(1);
        for (PrioritySpec spec : flow.prioritySpecs()) {
            for (PrioritySpec.Cues group : spec.cues()) {
                String[] patterns = group.patterns().toArray(String[]::new);
                switch (group.counts()) {
                    case NEGATED -> builder.negated(spec.priority(), group.weight(), patterns);
                    case ALWAYS -> builder.always(spec.priority(), group.weight(), patterns);
                    default -> builder.add(spec.priority(), group.weight(), patterns);
                }
            }
        }
        return builder.build();
    }

    private static String rest(String readable) {
        int space = readable.indexOf(' ');
        return space < 0 ? "number" : readable.substring(space + 1);
    }

    private static List<String> concat(String first, List<String> more) {
        List<String> all = new java.util.ArrayList<>();
        all.add(first);
        all.addAll(more);
        return all;
    }

    /** The standard flow's vocabulary. */
    static Vocabulary standard() {
        return of(FlowDefinition.standard());
    }

    /** The vocabulary of {@code flow}, built on first use. */
    static Vocabulary of(FlowDefinition flow) {
        Vocabulary recent = last;
        if (recent != null && recent.flow == flow) {
            return recent;
        }
        Vocabulary found = CACHE.computeIfAbsent(flow, Vocabulary::new);
        last = found;
        return found;
    }
}
