package dev.escalation.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class FlowDocumentationTest {

    @Test
    void docsFlowMdShowsExactlyTheDiagramTheCodeExports() throws Exception {
        Path doc = Path.of("..", "docs", "flow.md");
        String expected =
                "```mermaid\n" + FlowDiagram.of(FlowDefinition.standard()).mermaid() + "```\n";

        String text = Files.readString(doc);

        assertThat(text)
                .as("docs/flow.md is stale: regenerate its mermaid block from FlowDiagram (make diagram)")
                .contains(expected);
    }
}
