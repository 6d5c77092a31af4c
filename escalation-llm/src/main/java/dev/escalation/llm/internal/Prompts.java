package dev.escalation.llm.internal;

import dev.escalation.core.DepartmentSpec;
import dev.escalation.core.FlowDefinition;
import dev.escalation.core.FlowWording;
import dev.escalation.core.SlotSpec;
import dev.escalation.core.State;
import dev.escalation.core.StateSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The prompt texts, kept as resources in {@code dev/escalation/llm/prompts/}: one per state
 * ({@code interpret-reason.txt}, ...), the rubric, the reply prompt and small pieces. Placeholders
 * are written {@code {{name}}}. Not part of the API.
 *
 * <p>Thread-safe; each file is read once.
 */
public final class Prompts {
    private Prompts() {}

    private static final String FOLDER = "/dev/escalation/llm/prompts/";
    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

    /** The text of {@code name}.txt, without a trailing line break. */
    public static String text(String name) {
        return CACHE.computeIfAbsent(name, Prompts::load);
    }

    /** The text of {@code name}.txt with each {@code {{key}}} replaced. */
    public static String render(String name, Map<String, String> values) {
        String text = text(name);
        for (var entry : values.entrySet()) {
            text = text.replace("{{" + entry.getKey() + "}}", entry.getValue());
        }
        return text;
    }

    /** The system prompt that reads a message in {@code state} of the standard flow. */
    public static String interpretation(State state, boolean withTools) {
        return interpretation(FlowDefinition.standard(), state, withTools);
    }

    /**
     * The system prompt that reads a message in {@code state} of {@code flow}: the flow's departments,
     * priority rubric and own slots; {@code withTools} mentions the tools.
     */
    public static String interpretation(FlowDefinition flow, State state, boolean withTools) {
        String name;
        StateSpec.Kind kind = flow.stateSpec(state).map(StateSpec::kind).orElse(null);
        if (state.equals(flow.initial())) {
            name = "interpret-reason";
        } else if (kind == StateSpec.Kind.COLLECT) {
            name = "interpret-details";
        } else if (kind == StateSpec.Kind.CONFIRM) {
            name = "interpret-confirmation";
        } else if (kind == StateSpec.Kind.TICKET) {
            name = "interpret-ticket-created";
        } else if (kind == StateSpec.Kind.CANCEL) {
            name = "interpret-cancelled";
        } else {
            name = "interpret-other";
        }
        String text = render(
                name,
                Map.of(
                        "rubric", rubric(flow),
                        "department_names", FlowWording.departmentList(flow.departments()),
                        "common", text("common-fields"),
                        "tools", withTools ? text("tools") : "",
                        "data", text("data-rule")));
        return text.replaceAll("\n{2,}", "\n").strip();
    }

    /** The rubric part of the prompt: the flow's departments, priorities and own slots. */
    public static String rubric(FlowDefinition flow) {
        StringBuilder departments = new StringBuilder();
        for (DepartmentSpec spec : flow.departmentSpecs()) {
            departments
                    .append(departments.length() == 0 ? "" : "\n")
                    .append("- ")
                    .append(spec.department().displayName())
                    .append(spec.description() == null ? "" : ": " + spec.description());
        }
        StringBuilder priorities = new StringBuilder();
        flow.priorityRubric()
                .forEach((priority, text) -> priorities
                        .append(priorities.length() == 0 ? "" : "\n")
                        .append("- ")
                        .append(priority.wireName())
                        .append(": ")
                        .append(text));
        StringBuilder slots = new StringBuilder();
        for (SlotSpec slot : flow.extraSlots()) {
            slots.append("\n")
                    .append(slot.name())
                    .append(": ")
                    .append(slot.description() == null ? "the " + slot.readableName() : slot.description())
                    .append(InterpretationSchema.typeHint(slot))
                    .append("; only when the customer gives it, else null.");
        }
        return render(
                "rubric",
                Map.of(
                        "departments",
                        departments.toString(),
                        "priorities",
                        priorities.toString(),
                        "slots",
                        slots.toString()));
    }

    private static String load(String name) {
        try (InputStream in = Prompts.class.getResourceAsStream(FOLDER + name + ".txt")) {
            if (in == null) {
                throw new IllegalStateException(
                        "the prompt resource " + FOLDER + name + ".txt is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).stripTrailing();
        } catch (IOException e) {
            throw new UncheckedIOException("the prompt resource " + FOLDER + name + ".txt could not be read", e);
        }
    }
}
