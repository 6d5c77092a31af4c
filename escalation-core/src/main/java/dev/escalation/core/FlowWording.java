package dev.escalation.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a flow words what the agent asks and shows: the question for each slot (the slot's own
 * question, else the question of the state that collects it first, else "Could you tell me your
 * ..., please?") with {@code {departments}} replaced by the flow's departments, and the extra fields
 * a summary lists. Shared by the built-in offline model and the adapters, so every model asks the
 * flow's questions.
 *
 * <p>Stateless and thread-safe. Example: {@code FlowWording.questionFor(flow, "account_number")}.
 */
public final class FlowWording {

    private FlowWording() {}

    /** The question the agent asks for {@code slot}. */
    public static String questionFor(FlowDefinition flow, String slot) {
        String question = flow.slot(slot).map(SlotSpec::question).orElse(null);
        if (question == null) {
            for (StateSpec state : flow.stateSpecs()) {
                if (!state.collects().isEmpty() && state.collects().get(0).equals(slot) && state.question() != null) {
                    question = state.question();
                    break;
                }
                if (slot.equals("details") && state.collects().contains(slot) && state.question() != null) {
                    question = state.question();
                    break;
                }
            }
        }
        if (question == null) {
            question = slot.equals("department")
                    ? "Which team should handle this: {departments}?"
                    : "Could you tell me your " + slot.replace('_', ' ') + ", please?";
        }
        return question.replace("{departments}", departmentList(flow.departments()));
    }

    /**
     * The question for {@code slot} asked again after {@code unclear} did not answer it: says what was not
     * understood and what is still needed, in other words than {@link #questionFor}.
     */
    public static String askAgain(FlowDefinition flow, String slot, String unclear) {
        return askAgain(flow, slot, unclear, List.of());
    }

    /** As {@link #askAgain(FlowDefinition, String, String)}, first saying which slots the answer did give. */
    public static String askAgain(FlowDefinition flow, String slot, String unclear, List<String> noted) {
        String thanks = noted.isEmpty() ? "" : "I've noted your " + String.join(" and ", noted) + ". ";
        return thanks + reAsk(flow, slot, unclear);
    }

    private static String reAsk(FlowDefinition flow, String slot, String unclear) {
        String heard = unclear == null || unclear.isBlank()
                ? "that"
                : "\"" + (unclear.strip().length() > 60 ? unclear.strip().substring(0, 57) + "..." : unclear.strip())
                        + "\"";
        return switch (slot) {
            case "reason" ->
                "Sorry, I couldn't tell from " + heard + " what went wrong. In a sentence or two, what is"
                        + " the problem you would like a team to look at?";
            case "details" ->
                "Thanks, but " + heard + " doesn't describe the problem yet. Could you tell me in your own"
                        + " words what happens (or what you need), since when, and anything you already tried?";
            case "department" ->
                "Sorry, I couldn't tell the team from " + heard + ". Is this for " + departmentList(flow.departments())
                        + "?";
            default -> "Sorry, " + heard + " doesn't look like " + needed(flow, slot) + ". Could you give it again?";
        };
    }

    // What a slot holds, said to the customer: its description in the second person, else its name.
    private static String needed(FlowDefinition flow, String slot) {
        String description = flow.slot(slot).map(SlotSpec::description).orElse(null);
        if (description == null) {
            return "your " + slot.replace('_', ' ');
        }
        return description
                .replace("the customer's", "your")
                .replace("the customer does", "you do")
                .replace("the customer", "you");
    }

    /** The question of {@code state}, or {@code fallback} when it has none. */
    public static String stateQuestion(FlowDefinition flow, State state, String fallback) {
        return flow.stateSpec(state).map(StateSpec::question).orElse(fallback);
    }

    /** "Technical Support, Billing or Sales". */
    public static String departmentList(List<Department> departments) {
        List<String> names = departments.stream().map(Department::displayName).toList();
        if (names.size() <= 1) {
            return String.join("", names);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }

    /**
     * The flow's own slots that have a value, as a summary shows them ("Account number" to its value),
     * in the flow's order; values of personal-data slots are shown to the customer they came from.
     */
    public static Map<String, String> extraFields(FlowDefinition flow, Slots slots) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (SlotSpec slot : flow.extraSlots()) {
            String value = slots.extra().get(slot.name());
            if (value != null) {
                String label = slot.readableName();
                fields.put(Character.toUpperCase(label.charAt(0)) + label.substring(1), value);
            }
        }
        return fields;
    }
}
