package dev.escalation.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.escalation.core.FlowDefinition;
import dev.escalation.core.FlowDiagram;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiagramCommandTest {

    @TempDir
    Path dir;

    @Test
    void mermaidIsTheDefaultAndMatchesTheCodesExport() {
        RunnerProcess.Result result = RunnerProcess.on(dir).run("diagram");

        assertThat(result.status()).isZero();
        assertThat(result.out())
                .isEqualTo(FlowDiagram.of(FlowDefinition.standard()).mermaid());
    }

    @Test
    void svgWrittenToAFileIsWellFormedXml() throws Exception {
        Path out = dir.resolve("docs/flow.svg");

        RunnerProcess.Result result = RunnerProcess.on(dir).run("diagram", "--format", "svg", "--out", out.toString());

        assertThat(result.status()).isZero();
        var document = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(Files.readAllBytes(out)));
        assertThat(document.getDocumentElement().getTagName()).isEqualTo("svg");
    }

    @Test
    void jsonListsEveryTransitionOfTheTable() {
        RunnerProcess.Result result = RunnerProcess.on(dir).run("diagram", "--format", "json");

        JsonNode json = RunnerProcess.parse(result.out());
        assertThat(json.get("transitions"))
                .hasSize(FlowDefinition.standard().transitions().size());
    }

    @Test
    void dotIsAcceptedByGraphvizWhereItIsInstalled() throws Exception {
        Path dotBinary = Path.of("/usr/bin/dot");
        assumeThat(Files.isExecutable(dotBinary))
                .as("Graphviz dot is installed")
                .isTrue();
        RunnerProcess.Result result = RunnerProcess.on(dir).run("diagram", "--format", "dot");

        Process dot = new ProcessBuilder(dotBinary.toString(), "-Tsvg")
                .redirectErrorStream(true)
                .start();
        dot.getOutputStream().write(result.out().getBytes(StandardCharsets.UTF_8));
        dot.getOutputStream().close();
        String rendered = new String(dot.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(dot.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(dot.exitValue()).as(rendered).isZero();
        assertThat(rendered).contains("<svg").contains("CONFIRMATION");
    }

    @Test
    void anUnknownFormatIsAUsageError() {
        RunnerProcess.Result result = RunnerProcess.on(dir).run("diagram", "--format", "png");

        assertThat(result.status()).isEqualTo(2);
        assertThat(result.err()).contains("'png'");
    }

    @Test
    void coverageFromReplayOutputCountsTransitionsAndListsTheUntakenOnes() throws Exception {
        RunnerProcess.Result replay = RunnerProcess.on(dir)
                .env("ESCALATION_LANGUAGE_MODEL", "offline")
                .stdinJson(Seed.conversation("c1", "u1"))
                .run("replay", "-");
        Path output = dir.resolve("replay.jsonl");
        Files.writeString(output, replay.out());

        RunnerProcess.Result result =
                RunnerProcess.on(dir).run("diagram", "--format", "json", "--coverage", output.toString());

        assertThat(result.status()).as(result.err()).isZero();
        JsonNode json = RunnerProcess.parse(result.out());
        long taken = 0;
        for (JsonNode row : json.get("transitions")) {
            taken += row.get("taken").asLong();
        }
        assertThat(taken)
                .as("one transition per replayed message")
                .isEqualTo(replay.out().lines().count());
        assertThat(result.err()).contains("transitions were never taken");
    }

    @Test
    void verifyReportsTheCheckedFlow() {
        RunnerProcess.Result result = RunnerProcess.on(dir).run("verify");

        assertThat(result.status()).isZero();
        assertThat(result.out()).contains("flow verified: 5 states").contains("tickets created only from CONFIRMATION");
    }
}
