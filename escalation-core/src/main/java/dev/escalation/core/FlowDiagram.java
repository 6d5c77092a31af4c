package dev.escalation.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Draws a {@link FlowDefinition} from its transition table, so a reviewer sees exactly the machine
 * that runs: every state, every row labelled with its event, guard and action, the initial state and
 * the cycle ends. Output is stable (same flow, same bytes) and needs no network or external binary.
 *
 * <p>Immutable and thread-safe. Example: {@code String mermaid = FlowDiagram.of(FlowDefinition.standard()).mermaid();}
 */
public final class FlowDiagram {

    private final FlowDefinition flow;
    private final @Nullable Map<Transition, Long> coverage;

    private FlowDiagram(FlowDefinition flow, @Nullable Map<Transition, Long> coverage) {
        this.flow = Objects.requireNonNull(flow, "flow");
        this.coverage = coverage;
    }

    /** A diagram of {@code flow}. */
    public static FlowDiagram of(FlowDefinition flow) {
        return new FlowDiagram(flow, null);
    }

    /**
     * The same diagram with each row annotated with how often it was taken; rows missing from
     * {@code counts} were never taken.
     */
    public FlowDiagram withCoverage(Map<Transition, Long> counts) {
        return new FlowDiagram(flow, Map.copyOf(counts));
    }

    /** The rows no conversation took, in table order (all rows when no coverage was given). */
    public List<Transition> untaken() {
        return flow.transitions().stream().filter(t -> count(t) == 0).toList();
    }

    private long count(Transition transition) {
        return coverage == null ? 0 : coverage.getOrDefault(transition, 0L);
    }

    // What a collecting state asks for, and when it is entered at all: " (collects a, b; when x is y)".
    private String collects(State state) {
        return flow.stateSpec(state)
                .filter(spec -> !spec.collects().isEmpty())
                .map(spec -> " (collects " + String.join(", ", spec.collects())
                        + (spec.when() == null ? "" : "; when " + spec.when()) + ")")
                .orElse("");
    }

    /** The label of a row: event, guard in brackets, action after a slash, and coverage if known. */
    public String label(Transition t) {
        StringBuilder label = new StringBuilder(t.event().name());
        if (!t.guard().isAlways()) {
            label.append(" [").append(t.guard().name()).append(']');
        }
        if (t.action() != FlowAction.NONE) {
            label.append(" / ").append(t.action().name());
        }
        if (coverage != null) {
            label.append(" (").append(count(t)).append("x)");
        }
        return label.toString();
    }

    /** Mermaid {@code stateDiagram-v2}, which GitHub and GitLab render in Markdown. */
    public String mermaid() {
        StringBuilder out = new StringBuilder("stateDiagram-v2\n");
        for (State state : flow.states()) {
            out.append("    state \"")
                    .append(state.name())
                    .append(flow.isCycleEnd(state) ? " (cycle end)" : "")
                    .append(collects(state))
                    .append("\" as ")
                    .append(state.name())
                    .append('\n');
        }
        out.append("    [*] --> ").append(flow.initial().name()).append('\n');
        for (Transition t : flow.transitions()) {
            out.append("    ")
                    .append(t.source().name())
                    .append(" --> ")
                    .append(t.target().name())
                    .append(" : ")
                    .append(label(t).replace(":", " "))
                    .append('\n');
        }
        for (State end : flow.cycleEnds()) {
            out.append("    ").append(end.name()).append(" --> [*]\n");
        }
        if (coverage != null && !untaken().isEmpty()) {
            out.append("    note right of ")
                    .append(flow.initial().name())
                    .append(" : ")
                    .append(untaken().size())
                    .append(" transitions never taken\n");
        }
        return out.toString();
    }

    /** PlantUML state diagram. */
    public String plantUml() {
        StringBuilder out = new StringBuilder("@startuml\nhide empty description\n");
        for (State state : flow.states()) {
            out.append("state ")
                    .append(state.name())
                    .append(flow.isCycleEnd(state) ? " <<end>>" : "")
                    .append('\n');
            if (!collects(state).isEmpty()) {
                out.append(state.name())
                        .append(" : ")
                        .append(collects(state).strip())
                        .append('\n');
            }
        }
        out.append("[*] --> ").append(flow.initial().name()).append('\n');
        for (Transition t : flow.transitions()) {
            out.append(t.source().name())
                    .append(" --> ")
                    .append(t.target().name())
                    .append(" : ")
                    .append(label(t))
                    .append('\n');
        }
        for (State end : flow.cycleEnds()) {
            out.append(end.name()).append(" --> [*]\n");
        }
        return out.append("@enduml\n").toString();
    }

    /** Graphviz DOT. */
    public String dot() {
        StringBuilder out =
                new StringBuilder("digraph escalation {\n  rankdir=LR;\n  node [shape=box, style=rounded];\n");
        out.append("  __start [shape=point, label=\"\"];\n");
        for (State state : flow.states()) {
            out.append("  ")
                    .append(state.name())
                    .append(" [label=\"")
                    .append(state.name())
                    .append(escapeQuoted(collects(state)))
                    .append('"')
                    .append(flow.isCycleEnd(state) ? ", peripheries=2" : "")
                    .append("];\n");
        }
        out.append("  __start -> ").append(flow.initial().name()).append(";\n");
        for (Transition t : flow.transitions()) {
            out.append("  ")
                    .append(t.source().name())
                    .append(" -> ")
                    .append(t.target().name())
                    .append(" [label=\"")
                    .append(escapeQuoted(label(t)))
                    .append("\"];\n");
        }
        return out.append("}\n").toString();
    }

    /** The table as JSON: states (with initial and cycle-end flags) and rows (with coverage counts if given). */
    public String json() {
        StringBuilder out = new StringBuilder("{\n  \"initial\": ")
                .append(quote(flow.initial().name()))
                .append(",\n  \"states\": [\n");
        List<State> states = flow.states();
        for (int i = 0; i < states.size(); i++) {
            State s = states.get(i);
            out.append("    {\"name\": ")
                    .append(quote(s.name()))
                    .append(", \"initial\": ")
                    .append(s.equals(flow.initial()))
                    .append(", \"cycle_end\": ")
                    .append(flow.isCycleEnd(s))
                    .append(", \"collects\": [")
                    .append(flow.stateSpec(s)
                            .map(spec -> String.join(
                                    ", ",
                                    spec.collects().stream()
                                            .map(FlowDiagram::quote)
                                            .toList()))
                            .orElse(""))
                    .append("]}")
                    .append(i + 1 < states.size() ? ",\n" : "\n");
        }
        out.append("  ],\n  \"transitions\": [\n");
        List<Transition> rows = flow.transitions();
        for (int i = 0; i < rows.size(); i++) {
            Transition t = rows.get(i);
            out.append("    {\"source\": ")
                    .append(quote(t.source().name()))
                    .append(", \"event\": ")
                    .append(quote(t.event().name()))
                    .append(", \"guard\": ")
                    .append(t.guard().isAlways() ? "null" : quote(t.guard().name()))
                    .append(", \"action\": ")
                    .append(quote(t.action().name()))
                    .append(", \"target\": ")
                    .append(quote(t.target().name()))
                    .append(", \"internal\": ")
                    .append(t.isInternal());
            if (coverage != null) {
                out.append(", \"taken\": ").append(count(t));
            }
            out.append('}').append(i + 1 < rows.size() ? ",\n" : "\n");
        }
        return out.append("  ]\n}\n").toString();
    }

    /**
     * A self-contained SVG: states in a row in table order, rows between two states drawn as one arc
     * with one label line per row (forward arcs above, backward below), rows that keep the state
     * listed in a box under it.
     */
    public String svg() {
        List<State> states = flow.states();
        int boxWidth = 170;
        int gap = 150;
        int boxHeight = 44;
        int lineHeight = 13;
        Map<String, List<String>> arcs = new LinkedHashMap<>();
        Map<State, List<String>> loops = new LinkedHashMap<>();
        for (Transition t : flow.transitions()) {
            if (t.isInternal()) {
                loops.computeIfAbsent(t.source(), s -> new ArrayList<>()).add(label(t));
            } else {
                arcs.computeIfAbsent(t.source().name() + "\u0000" + t.target().name(), k -> new ArrayList<>())
                        .add(label(t));
            }
        }
        // Arcs are stacked: each one rises past the labels of the arcs before it, so no two labels share a line.
        List<String> forward = new ArrayList<>();
        List<String> backward = new ArrayList<>();
        for (String key : arcs.keySet()) {
            String[] ends = key.split("\u0000");
            (indexOf(states, ends[0]) < indexOf(states, ends[1]) ? forward : backward).add(key);
        }
        java.util.Comparator<String> bySpan = java.util.Comparator.comparingInt(key -> {
            String[] ends = key.split("\u0000");
            return Math.abs(indexOf(states, ends[0]) - indexOf(states, ends[1]));
        });
        forward.sort(bySpan);
        backward.sort(bySpan);
        int maxLoopLines = loops.values().stream().mapToInt(List::size).max().orElse(0);
        int loopBlock = 16 + maxLoopLines * lineHeight;
        Map<String, Integer> rises = new LinkedHashMap<>();
        int level = 30;
        for (String key : forward) {
            level += lineHeight * Objects.requireNonNull(arcs.get(key), key).size() + 10;
            rises.put(key, level);
        }
        int maxAbove = level;
        level = loopBlock + 20;
        for (String key : backward) {
            level += lineHeight * Objects.requireNonNull(arcs.get(key), key).size() + 10;
            rises.put(key, level);
        }
        int maxBelow = level;
        int boxTop = maxAbove + 20;
        int loopTop = boxTop + boxHeight + 16;
        int width = states.size() * boxWidth + (states.size() - 1) * gap + 200;
        int height = boxTop + boxHeight + Math.max(maxBelow, loopBlock) + 30;
        StringBuilder out = new StringBuilder();
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(width)
                .append("\" height=\"")
                .append(height)
                .append("\" viewBox=\"0 0 ")
                .append(width)
                .append(' ')
                .append(height)
                .append("\" font-family=\"sans-serif\" font-size=\"11\">\n")
                .append("  <title>escalation flow</title>\n")
                .append(
                        "  <defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\""
                                + " markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\"/></marker></defs>\n")
                .append("  <rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        for (int i = 0; i < states.size(); i++) {
            State s = states.get(i);
            int x = 40 + i * (boxWidth + gap);
            out.append("  <g class=\"state\" id=\"state-")
                    .append(s.name())
                    .append("\">\n")
                    .append("    <rect x=\"")
                    .append(x)
                    .append("\" y=\"")
                    .append(boxTop)
                    .append("\" width=\"")
                    .append(boxWidth)
                    .append("\" height=\"")
                    .append(boxHeight)
                    .append("\" rx=\"10\" fill=\"")
                    .append(s.equals(flow.initial()) ? "#e3f2fd" : flow.isCycleEnd(s) ? "#e8f5e9" : "#fafafa")
                    .append("\" stroke=\"black\" stroke-width=\"")
                    .append(flow.isCycleEnd(s) ? 3 : 1)
                    .append("\"/>\n")
                    .append("    <text x=\"")
                    .append(x + boxWidth / 2)
                    .append("\" y=\"")
                    .append(boxTop + 27)
                    .append("\" text-anchor=\"middle\" font-size=\"13\" font-weight=\"bold\">")
                    .append(escapeXml(s.name()))
                    .append("</text>\n  </g>\n");
            List<String> own = loops.getOrDefault(s, List.of());
            for (int line = 0; line < own.size(); line++) {
                out.append("  <text class=\"internal\" x=\"")
                        .append(x + 4)
                        .append("\" y=\"")
                        .append(loopTop + line * lineHeight)
                        .append("\">↻ ")
                        .append(escapeXml(own.get(line)))
                        .append("</text>\n");
            }
        }
        int initialX = 40 + states.indexOf(flow.initial()) * (boxWidth + gap);
        out.append("  <circle cx=\"")
                .append(initialX - 22)
                .append("\" cy=\"")
                .append(boxTop + boxHeight / 2)
                .append("\" r=\"7\"/>\n  <line x1=\"")
                .append(initialX - 15)
                .append("\" y1=\"")
                .append(boxTop + boxHeight / 2)
                .append("\" x2=\"")
                .append(initialX)
                .append("\" y2=\"")
                .append(boxTop + boxHeight / 2)
                .append("\" stroke=\"black\" marker-end=\"url(#arrow)\"/>\n");
        for (Map.Entry<String, List<String>> arc : arcs.entrySet()) {
            String[] ends = arc.getKey().split("\u0000");
            int from = indexOf(states, ends[0]);
            int to = indexOf(states, ends[1]);
            boolean isForward = from < to;
            int x1 = 40 + from * (boxWidth + gap) + boxWidth / 2 + (isForward ? 20 : -20);
            int x2 = 40 + to * (boxWidth + gap) + boxWidth / 2 + (isForward ? -20 : 20);
            int y = isForward ? boxTop : boxTop + boxHeight;
            // Every arc was sorted forward or backward above, so each has its rise.
            int rise = Objects.requireNonNull(rises.get(arc.getKey()), arc.getKey());
            // A cubic curve with both control points at the same height peaks at 3/4 of that height.
            int control = (rise * 4) / 3;
            int cy = isForward ? y - control : y + control;
            out.append("  <g class=\"transition\">\n    <path d=\"M ")
                    .append(x1)
                    .append(' ')
                    .append(y)
                    .append(" C ")
                    .append(x1)
                    .append(' ')
                    .append(cy)
                    .append(", ")
                    .append(x2)
                    .append(' ')
                    .append(cy)
                    .append(", ")
                    .append(x2)
                    .append(' ')
                    .append(y)
                    .append("\" fill=\"none\" stroke=\"#455a64\" marker-end=\"url(#arrow)\"/>\n");
            List<String> labels = arc.getValue();
            int labelY = isForward ? y - rise - 4 - lineHeight * (labels.size() - 1) : y + rise + lineHeight;
            for (int line = 0; line < labels.size(); line++) {
                out.append("    <text x=\"")
                        .append((x1 + x2) / 2)
                        .append("\" y=\"")
                        .append(labelY + line * lineHeight)
                        .append("\" text-anchor=\"middle\">")
                        .append(escapeXml(labels.get(line)))
                        .append("</text>\n");
            }
            out.append("  </g>\n");
        }
        return out.append("</svg>\n").toString();
    }

    /** The diagram in a named format: {@code mermaid}, {@code plantuml}, {@code dot}, {@code svg} or {@code json}. */
    public String render(String format) {
        return switch (format.toLowerCase(Locale.ROOT)) {
            case "mermaid" -> mermaid();
            case "plantuml" -> plantUml();
            case "dot" -> dot();
            case "svg" -> svg();
            case "json" -> json();
            default ->
                throw new IllegalArgumentException(
                        "format must be one of mermaid, plantuml, dot, svg, json, but was '" + format + "'");
        };
    }

    private static int indexOf(List<State> states, String name) {
        for (int i = 0; i < states.size(); i++) {
            if (states.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalStateException("no state " + name);
    }

    private static String quote(String text) {
        return "\"" + escapeQuoted(text) + "\"";
    }

    private static String escapeQuoted(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    private static String escapeXml(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
