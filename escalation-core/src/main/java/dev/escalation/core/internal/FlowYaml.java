package dev.escalation.core.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.escalation.core.Department;
import dev.escalation.core.DepartmentSpec;
import dev.escalation.core.FlowDefinition;
import dev.escalation.core.InvalidFlowException;
import dev.escalation.core.InvalidFlowFileException;
import dev.escalation.core.NewProblemMove;
import dev.escalation.core.Priority;
import dev.escalation.core.PrioritySpec;
import dev.escalation.core.SlotCondition;
import dev.escalation.core.SlotSpec;
import dev.escalation.core.SlotType;
import dev.escalation.core.State;
import dev.escalation.core.StateSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a flow file (YAML) into a {@link FlowDefinition.Builder}, keeping the line and column of
 * every value so each error names the file, line and field. The format is described in
 * docs/flow-format.md. Not part of the API.
 */
public final class FlowYaml {

    private static final YAMLFactory YAML = new YAMLFactory();
    private static final Set<String> TOP =
            Set.of("flow", "description", "departments", "priorities", "slots", "states", "ticket");
    private static final Set<String> DEPARTMENT = Set.of("name", "description", "names", "cues");
    private static final Set<String> CUES = Set.of("weight", "words");
    private static final Set<String> PRIORITY = Set.of("description", "cues");
    private static final Set<String> PRIORITY_CUES = Set.of("weight", "words", "negated", "always");
    private static final Set<String> SLOT = Set.of(
            "name", "type", "values", "pattern", "required", "required_when", "description", "question", "personal");
    private static final Set<String> VALUE = Set.of("value", "cues");
    private static final Set<String> STATE =
            Set.of("name", "kind", "collects", "question", "when", "sets", "next", "pending", "new_problem", "unclear");
    private static final Set<String> CONDITION = Set.of("slot", "is");
    private static final Set<String> TICKET = Set.of("fields");
    private static final Pattern STATE_IN_MESSAGE = Pattern.compile("state ([A-Z][A-Z0-9_]*)");

    private final String source;
    private final Map<String, Node> stateNodes = new LinkedHashMap<>();

    private FlowYaml(String source) {
        this.source = source;
    }

    /** A value of the file with where it stands; {@code value} is a map, list, string, boolean or null. */
    private record Node(Object value, String path, int line, int column) {
        @SuppressWarnings("unchecked")
        Map<String, Node> map() {
            return (Map<String, Node>) value;
        }

        @SuppressWarnings("unchecked")
        List<Node> list() {
            return (List<Node>) value;
        }
    }

    /**
     * Reads {@code yaml} into {@code builder} and builds the verified flow.
     *
     * @throws InvalidFlowFileException naming {@code source}, the line and the field
     */
    public static FlowDefinition read(String yaml, String source, FlowDefinition.Builder builder) {
        FlowYaml reader = new FlowYaml(source);
        Node root = reader.parse(yaml);
        reader.fill(root, builder);
        FlowDefinition flow;
        try {
            flow = builder.buildUnverified();
        } catch (InvalidFlowException | IllegalArgumentException e) {
            throw reader.located(root, e);
        }
        reader.checkReached(flow);
        try {
            return flow.verify();
        } catch (InvalidFlowException e) {
            throw reader.located(root, e);
        }
    }

    private Node parse(String yaml) {
        try (JsonParser parser = YAML.createParser(yaml)) {
            if (parser.nextToken() == null) {
                throw error(1, 1, "(file)", "the file is empty; a flow needs at least departments and states");
            }
            Node root = node(parser, "");
            if (!(root.value() instanceof Map)) {
                throw error(root, "(file)", "the file must be a mapping with departments, slots and states");
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw error(
                    at == null ? 0 : at.getLineNr(),
                    at == null ? 0 : at.getColumnNr(),
                    "(file)",
                    "not valid YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw error(0, 0, "(file)", "cannot be read: " + e);
        }
    }

    private Node node(JsonParser parser, String path) throws IOException {
        JsonLocation at = parser.currentTokenLocation();
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT -> {
                Map<String, Node> map = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    JsonLocation keyAt = parser.currentTokenLocation();
                    parser.nextToken();
                    String child = path.isEmpty() ? key : path + "." + key;
                    if (map.containsKey(key)) {
                        throw error(keyAt.getLineNr(), keyAt.getColumnNr(), child, "given twice");
                    }
                    map.put(key, node(parser, child));
                }
                return new Node(map, path, at.getLineNr(), at.getColumnNr());
            }
            case START_ARRAY -> {
                List<Node> list = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    list.add(node(parser, path + "[" + list.size() + "]"));
                }
                return new Node(list, path, at.getLineNr(), at.getColumnNr());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return new Node(token == JsonToken.VALUE_TRUE, path, at.getLineNr(), at.getColumnNr());
            }
            case VALUE_NULL -> {
                return new Node(null, path, at.getLineNr(), at.getColumnNr());
            }
            default -> {
                return new Node(parser.getText(), path, at.getLineNr(), at.getColumnNr());
            }
        }
    }

    private void fill(Node root, FlowDefinition.Builder builder) {
        Map<String, Node> top = fields(root, TOP, "departments", "states");
        if (top.containsKey("flow")) {
            builder.name(text(top.get("flow")));
        }
        if (top.containsKey("description")) {
            builder.description(text(top.get("description")));
        }
        readDepartments(top.get("departments"), builder);
        if (top.containsKey("priorities")) {
            readPriorities(top.get("priorities"), builder);
        }
        List<Node> slotNodes = top.containsKey("slots") ? list(top.get("slots")) : List.of();
        Map<String, Node> slotsByName = new LinkedHashMap<>();
        for (Node slot : slotNodes) {
            SlotSpec spec = readSlot(slot);
            if (slotsByName.containsKey(spec.name())) {
                throw error(
                        fields(slot, SLOT, "name").get("name"),
                        slot.path() + ".name",
                        "slot " + spec.name() + " is declared twice");
            }
            slotsByName.put(spec.name(), slot);
            builder.slot(spec);
        }
        List<StateSpec> states = readStates(top.get("states"), slotsByName.keySet(), builder);
        checkConditions(slotNodes, slotsByName.keySet());
        checkCollected(slotNodes, states, top.get("states"));
        if (top.containsKey("ticket")) {
            Map<String, Node> ticket = fields(top.get("ticket"), TICKET, "fields");
            for (Node field : list(ticket.get("fields"))) {
                String name = text(field);
                if (!slotsByName.containsKey(name) || SlotSpec.BUILT_IN.contains(name)) {
                    throw error(
                            field,
                            field.path(),
                            "names slot " + name + ", which is not one of the flow's own slots: "
                                    + ownSlots(slotsByName.keySet()));
                }
                builder.ticketField(name);
            }
        } else {
            slotsByName.keySet().stream()
                    .filter(name -> !SlotSpec.BUILT_IN.contains(name))
                    .forEach(builder::ticketField);
        }
    }

    private void readDepartments(Node node, FlowDefinition.Builder builder) {
        Map<String, Node> seen = new LinkedHashMap<>();
        List<Node> items = list(node);
        if (items.isEmpty()) {
            throw error(node, node.path(), "a flow needs at least one department");
        }
        for (Node item : items) {
            Map<String, Node> fields = fields(item, DEPARTMENT, "name");
            Node nameNode = fields.get("name");
            Department department = guarded(nameNode, () -> Department.canonical(new Department(text(nameNode))));
            String key = Department.key(department.displayName());
            if (seen.containsKey(key)) {
                throw error(
                        nameNode,
                        nameNode.path(),
                        "duplicate department " + department.displayName() + " (first at line "
                                + seen.get(key).line() + ")");
            }
            seen.put(key, nameNode);
            List<String> names = fields.containsKey("names") ? texts(fields.get("names")) : List.of();
            List<DepartmentSpec.Cues> cues = new ArrayList<>();
            if (fields.containsKey("cues")) {
                for (Node group : list(fields.get("cues"))) {
                    Map<String, Node> g = fields(group, CUES, "weight", "words");
                    Node weight = g.get("weight");
                    cues.add(guarded(group, () -> new DepartmentSpec.Cues(number(weight), texts(g.get("words")))));
                }
            }
            String description = fields.containsKey("description") ? text(fields.get("description")) : null;
            builder.department(new DepartmentSpec(department, description, names, cues));
        }
    }

    private void readPriorities(Node node, FlowDefinition.Builder builder) {
        for (Map.Entry<String, Node> entry : map(node).entrySet()) {
            Node value = entry.getValue();
            Priority priority = Priority.parse(entry.getKey())
                    .orElseThrow(() -> error(
                            value,
                            value.path(),
                            "unknown priority " + entry.getKey() + "; the priorities are low, medium, high, critical"));
            if (!(value.value() instanceof Map)) {
                builder.priorityRubric(priority, text(value));
                continue;
            }
            Map<String, Node> fields = fields(value, PRIORITY, "description");
            List<PrioritySpec.Cues> cues = new ArrayList<>();
            if (fields.containsKey("cues")) {
                for (Node group : list(fields.get("cues"))) {
                    cues.add(readPriorityCues(group));
                }
            }
            String description = text(fields.get("description"));
            builder.priority(guarded(value, () -> new PrioritySpec(priority, description, cues)));
        }
    }

    // One group: a weight and one of words (count when not negated), negated (only when negated) or always.
    private PrioritySpec.Cues readPriorityCues(Node group) {
        Map<String, Node> g = fields(group, PRIORITY_CUES, "weight");
        List<String> kinds = java.util.stream.Stream.of("words", "negated", "always")
                .filter(g::containsKey)
                .toList();
        if (kinds.size() != 1) {
            throw error(
                    group,
                    group.path(),
                    "a priority cue group needs one of words, negated or always, but had "
                            + (kinds.isEmpty() ? "none" : String.join(" and ", kinds)));
        }
        PrioritySpec.Counts counts = switch (kinds.get(0)) {
            case "negated" -> PrioritySpec.Counts.NEGATED;
            case "always" -> PrioritySpec.Counts.ALWAYS;
            default -> PrioritySpec.Counts.AFFIRMED;
        };
        List<String> patterns = texts(g.get(kinds.get(0)));
        Node weight = g.get("weight");
        return guarded(group, () -> new PrioritySpec.Cues(number(weight), patterns, counts));
    }

    private SlotSpec readSlot(Node node) {
        Map<String, Node> f = fields(node, SLOT, "name", "type");
        Node nameNode = f.get("name");
        String name = text(nameNode);
        Node typeNode = f.get("type");
        SlotType type = SlotType.parse(text(typeNode))
                .orElseThrow(() -> error(
                        typeNode,
                        typeNode.path(),
                        "unknown slot type '" + text(typeNode) + "'; the types are text, enum, pattern, number, date"));
        List<String> values = new ArrayList<>();
        Map<String, List<String>> cues = new LinkedHashMap<>();
        if (f.containsKey("values")) {
            for (Node value : list(f.get("values"))) {
                if (value.value() instanceof Map) {
                    Map<String, Node> v = fields(value, VALUE, "value");
                    values.add(text(v.get("value")));
                    if (v.containsKey("cues")) {
                        cues.put(text(v.get("value")), texts(v.get("cues")));
                    }
                } else {
                    values.add(text(value));
                }
            }
        }
        Pattern pattern = null;
        if (f.containsKey("pattern")) {
            Node patternNode = f.get("pattern");
            pattern = guarded(patternNode, () -> SlotSpec.compile(name, text(patternNode)));
        }
        boolean required = f.containsKey("required") && bool(f.get("required"));
        SlotCondition when = f.containsKey("required_when") ? condition(f.get("required_when")) : null;
        String description = f.containsKey("description") ? text(f.get("description")) : null;
        String question = f.containsKey("question") ? text(f.get("question")) : null;
        boolean personal = f.containsKey("personal") && bool(f.get("personal"));
        Pattern compiled = pattern;
        return guarded(
                node,
                () -> new SlotSpec(
                        name, type, values, cues, compiled, required, when, description, question, personal));
    }

    private List<StateSpec> readStates(Node node, Set<String> slots, FlowDefinition.Builder builder) {
        List<Node> items = list(node);
        for (Node item : items) {
            Node nameNode = fields(item, STATE, "name").get("name");
            State state = guarded(nameNode, () -> State.of(text(nameNode)));
            if (stateNodes.containsKey(state.name())) {
                throw error(nameNode, nameNode.path(), "state " + state + " is declared twice");
            }
            stateNodes.put(state.name(), item);
        }
        List<StateSpec> states = new ArrayList<>();
        for (Node item : items) {
            StateSpec spec = readState(item, slots);
            states.add(spec);
            builder.state(spec);
            readAfterTicket(item, spec, builder);
        }
        return states;
    }

    // new_problem and unclear: what the ticket state does with a different problem, and with a message it
    // cannot place (docs/flow-format.md); only the ticket state has them.
    private void readAfterTicket(Node node, StateSpec spec, FlowDefinition.Builder builder) {
        Map<String, Node> f = fields(node, STATE, "name");
        if (!f.containsKey("new_problem") && !f.containsKey("unclear")) {
            return;
        }
        if (spec.kind() != StateSpec.Kind.TICKET) {
            Node at = f.containsKey("new_problem") ? f.get("new_problem") : f.get("unclear");
            throw error(
                    at,
                    at.path(),
                    "only the ticket state has new_problem and unclear, but "
                            + spec.kind().wireName() + " state " + spec.state() + " has them");
        }
        NewProblemMove newProblem =
                f.containsKey("new_problem") ? move(f.get("new_problem")) : NewProblemMove.NEW_REQUEST;
        NewProblemMove unclear = f.containsKey("unclear") ? move(f.get("unclear")) : NewProblemMove.ASK;
        builder.afterTicket(newProblem, unclear);
    }

    private NewProblemMove move(Node node) {
        return guarded(node, () -> NewProblemMove.parse(text(node)));
    }

    private StateSpec readState(Node node, Set<String> slots) {
        Map<String, Node> f = fields(node, STATE, "name");
        State state = State.of(text(f.get("name")));
        StateSpec.Kind kind = StateSpec.Kind.COLLECT;
        if (f.containsKey("kind")) {
            Node kindNode = f.get("kind");
            kind = java.util.Arrays.stream(StateSpec.Kind.values())
                    .filter(k -> k.wireName().equals(text(kindNode)))
                    .findFirst()
                    .orElseThrow(() -> error(
                            kindNode,
                            kindNode.path(),
                            "unknown kind '" + text(kindNode) + "'; the kinds are collect, confirm, ticket, cancel"));
        }
        List<String> collects = new ArrayList<>();
        if (f.containsKey("collects")) {
            for (Node slot : list(f.get("collects"))) {
                String name = text(slot);
                if (!slots.contains(name) && !SlotSpec.BUILT_IN.contains(name)) {
                    throw error(
                            slot, slot.path(), "collects slot " + name + ", which is not declared; declared: " + slots);
                }
                collects.add(name);
            }
        }
        SlotCondition when = f.containsKey("when") ? condition(f.get("when")) : null;
        if (when != null) {
            checkSlotName(f.get("when"), when.slot(), slots);
        }
        Map<String, String> sets = new LinkedHashMap<>();
        if (f.containsKey("sets")) {
            for (Map.Entry<String, Node> set : map(f.get("sets")).entrySet()) {
                checkSlotName(set.getValue(), set.getKey(), slots);
                sets.put(set.getKey(), text(set.getValue()));
            }
        }
        State next = null;
        if (f.containsKey("next")) {
            Node nextNode = f.get("next");
            next = guarded(nextNode, () -> State.of(text(nextNode)));
            if (!stateNodes.containsKey(next.name())) {
                throw error(
                        nextNode,
                        nextNode.path(),
                        "unknown state " + next + " in a transition; declared: " + stateNodes.keySet());
            }
        }
        String question = f.containsKey("question") ? text(f.get("question")) : null;
        String pending = f.containsKey("pending") ? text(f.get("pending")) : null;
        StateSpec.Kind k = kind;
        State n = next;
        return guarded(node, () -> new StateSpec(state, k, collects, question, when, sets, n, pending));
    }

    private void checkSlotName(Node at, String slot, Set<String> slots) {
        if (!slots.contains(slot) && !SlotSpec.BUILT_IN.contains(slot)) {
            throw error(at, at.path(), "names slot " + slot + ", which is not declared; declared: " + slots);
        }
    }

    private void checkConditions(List<Node> slotNodes, Set<String> slots) {
        for (Node slot : slotNodes) {
            Node when = map(slot).get("required_when");
            if (when != null) {
                checkSlotName(when, condition(when).slot(), slots);
            }
        }
    }

    // A slot a ticket needs must be asked for somewhere, or no conversation could ever reach a ticket with it.
    private void checkCollected(List<Node> slotNodes, List<StateSpec> states, Node statesNode) {
        Set<String> collected = new java.util.HashSet<>();
        states.forEach(state -> collected.addAll(state.collects()));
        for (Node slot : slotNodes) {
            Map<String, Node> f = map(slot);
            String name = text(f.get("name"));
            boolean required = (f.containsKey("required") && bool(f.get("required"))) || f.containsKey("required_when");
            if (required && !collected.contains(name) && !SlotSpec.BUILT_IN.contains(name)) {
                Node at = f.containsKey("required") ? f.get("required") : f.get("required_when");
                throw error(
                        at,
                        at.path(),
                        "required slot " + name + " is never collected: no state lists it in collects,"
                                + " so no path to ticket creation asks for it");
            }
        }
        if (!collected.contains("department")) {
            throw error(statesNode, "states", "no state collects department, but every ticket needs one");
        }
    }

    private void checkReached(FlowDefinition flow) {
        Set<State> chain = new java.util.HashSet<>();
        flow.collectingStates().forEach(spec -> chain.add(spec.state()));
        for (StateSpec spec : flow.stateSpecs()) {
            if (spec.kind() == StateSpec.Kind.COLLECT && !chain.contains(spec.state())) {
                Node at = stateNodes.get(spec.state().name());
                throw error(
                        at,
                        at.path() + ".name",
                        "state " + spec.state() + " is unreachable: following next from " + flow.initial()
                                + " never leads to it");
            }
        }
    }

    private InvalidFlowFileException located(Node root, RuntimeException e) {
        Matcher m = STATE_IN_MESSAGE.matcher(e.getMessage() == null ? "" : e.getMessage());
        Node at = map(root).get("states");
        String field = "states";
        while (m.find()) {
            Node state = stateNodes.get(m.group(1));
            if (state != null) {
                at = state;
                field = state.path();
                break;
            }
        }
        InvalidFlowFileException located = error(at, field, e.getMessage());
        located.initCause(e);
        return located;
    }

    private SlotCondition condition(Node node) {
        Map<String, Node> f = fields(node, CONDITION, "slot");
        String value = f.containsKey("is") ? text(f.get("is")) : null;
        return guarded(node, () -> new SlotCondition(text(f.get("slot")), value));
    }

    private <T> T guarded(Node at, java.util.function.Supplier<T> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            throw error(at, at.path(), e.getMessage());
        }
    }

    private Map<String, Node> fields(Node node, Set<String> allowed, String... required) {
        Map<String, Node> map = map(node);
        for (Map.Entry<String, Node> entry : map.entrySet()) {
            if (!allowed.contains(entry.getKey())) {
                Node at = entry.getValue();
                throw error(
                        at,
                        at.path(),
                        "unknown field " + entry.getKey() + "; allowed here: " + new java.util.TreeSet<>(allowed));
            }
        }
        for (String name : required) {
            if (!map.containsKey(name) || map.get(name).value() == null) {
                throw error(node, (node.path().isEmpty() ? "" : node.path() + ".") + name, "is missing");
            }
        }
        return map;
    }

    private Map<String, Node> map(Node node) {
        if (!(node.value() instanceof Map)) {
            throw error(node, node.path(), "must be a mapping (name: value lines), but was " + describe(node));
        }
        return node.map();
    }

    private List<Node> list(Node node) {
        if (!(node.value() instanceof List)) {
            throw error(node, node.path(), "must be a list (- item lines), but was " + describe(node));
        }
        return node.list();
    }

    private String text(Node node) {
        if (node.value() instanceof String text && !text.isBlank()) {
            return text;
        }
        if (node.value() instanceof Boolean flag) {
            return flag.toString();
        }
        throw error(node, node.path(), "must be a text, but was " + describe(node));
    }

    private List<String> texts(Node node) {
        List<String> texts = new ArrayList<>();
        for (Node item : list(node)) {
            texts.add(text(item));
        }
        return texts;
    }

    private boolean bool(Node node) {
        if (node.value() instanceof Boolean flag) {
            return flag;
        }
        throw error(node, node.path(), "must be true or false, but was " + describe(node));
    }

    private double number(Node node) {
        try {
            return Double.parseDouble(text(node));
        } catch (NumberFormatException e) {
            throw error(node, node.path(), "must be a number, but was " + describe(node));
        }
    }

    private static String describe(Node node) {
        Object value = node.value();
        if (value == null) {
            return "empty";
        }
        if (value instanceof Map) {
            return "a mapping";
        }
        if (value instanceof List) {
            return "a list";
        }
        return "'" + value + "'";
    }

    private InvalidFlowFileException error(Node at, String field, String problem) {
        return error(at.line(), at.column(), field, problem);
    }

    private InvalidFlowFileException error(int line, int column, String field, String problem) {
        return new InvalidFlowFileException(source, line, column, field.isEmpty() ? "(file)" : field, problem);
    }

    private static List<String> ownSlots(Set<String> names) {
        return names.stream().filter(name -> !SlotSpec.BUILT_IN.contains(name)).toList();
    }
}
