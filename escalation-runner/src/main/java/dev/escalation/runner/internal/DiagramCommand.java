package dev.escalation.runner.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.escalation.core.FlowDefinition;
import dev.escalation.core.FlowDiagram;
import dev.escalation.core.Transition;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code diagram}: the state diagram of the flow the engine runs, exported from its transition table,
 * optionally annotated with how often replayed conversations took each transition.
 *
 * <p>Not thread-safe; picocli runs it once. Example:
 * {@code java -jar escalation-runner.jar diagram --format svg --out flow.svg}.
 */
@Command(
        name = "diagram",
        description = "Exports the flow's state diagram (mermaid, plantuml, dot, svg or json), from the same table"
                + " the engine runs. --coverage FILE annotates each transition with how often the replay output in FILE"
                + " took it and lists the transitions never taken.")
final class DiagramCommand implements Callable<Integer> {

    private final Terminal terminal;
    private final Supplier<FlowDefinition> flow;

    @Option(names = "--format", defaultValue = "mermaid", description = "mermaid, plantuml, dot, svg or json")
    String format;

    @Option(names = "--out", description = "write to this file instead of standard output")
    Path out;

    @Option(
            names = "--coverage",
            paramLabel = "REPLAY_OUTPUT.jsonl",
            description = "the output of 'replay' (one JSON line per message, with its transition)")
    Path coverage;

    DiagramCommand(Terminal terminal, Supplier<FlowDefinition> flow) {
        this.terminal = terminal;
        this.flow = flow;
    }

    @Override
    public Integer call() {
        FlowDefinition flow = this.flow.get();
        FlowDiagram diagram = FlowDiagram.of(flow);
        if (coverage != null) {
            diagram = diagram.withCoverage(count(flow, coverage));
        }
        String text;
        try {
            text = diagram.render(format);
        } catch (IllegalArgumentException e) {
            throw CommandFailure.usage(e.getMessage());
        }
        if (out == null) {
            terminal.out().print(text);
            terminal.out().flush();
        } else {
            try {
                if (out.toAbsolutePath().getParent() != null) {
                    Files.createDirectories(out.toAbsolutePath().getParent());
                }
                Files.writeString(out, text, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw CommandFailure.failed("unable to write the diagram to " + out + ": " + e.getMessage(), e);
            }
        }
        if (coverage != null) {
            var untaken = diagram.untaken();
            terminal.err()
                    .println(untaken.size() + " of " + flow.transitions().size() + " transitions were never taken"
                            + (untaken.isEmpty() ? "." : ":"));
            untaken.forEach(t -> terminal.err().println("  " + t));
        }
        return ExitCodes.OK;
    }

    // Each replay line names the row it took; lines without one (errors, refusals) are skipped.
    private static Map<Transition, Long> count(FlowDefinition flow, Path file) {
        Map<Transition, Long> counts = new HashMap<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int number = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = JsonLines.read(line);
                } catch (JsonProcessingException e) {
                    throw CommandFailure.usage(file + " line " + number + " is not JSON: " + e.getOriginalMessage());
                }
                JsonNode taken = node.path("transition");
                int lineNumber = number;
                if (!taken.isObject()) {
                    continue;
                }
                String guard = taken.path("guard").isNull()
                        ? null
                        : taken.path("guard").asText();
                Transition row = FlowCoverage.row(
                                flow,
                                taken.path("from").asText(),
                                taken.path("event").asText(),
                                guard,
                                taken.path("to").asText())
                        .orElseThrow(() -> CommandFailure.usage(file + " line " + lineNumber
                                + " names a transition this flow does" + " not have: " + taken));
                counts.merge(row, 1L, Long::sum);
            }
        } catch (IOException e) {
            throw CommandFailure.usage("unable to read " + file + ": " + e.getMessage());
        }
        return counts;
    }
}
