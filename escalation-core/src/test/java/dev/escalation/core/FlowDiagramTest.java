package dev.escalation.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class FlowDiagramTest {

    private final FlowDefinition flow = FlowDefinition.standard();
    private final FlowDiagram diagram = FlowDiagram.of(flow);

    @Test
    void everyFormatIsStableAcrossRuns() {
        for (String format : new String[] {"mermaid", "plantuml", "dot", "svg", "json"}) {
            assertThat(FlowDiagram.of(FlowDefinition.standard()).render(format)).isEqualTo(diagram.render(format));
        }
    }

    @Test
    void mermaidHasEveryRowWithItsLabelAndTheInitialAndEndStates() {
        String mermaid = diagram.mermaid();

        assertThat(mermaid)
                .startsWith("stateDiagram-v2\n")
                .contains("[*] --> REASON\n")
                .contains("TICKET_CREATED --> [*]\n")
                .contains("CANCELLED --> [*]\n")
                .contains("CONFIRMATION --> TICKET_CREATED : CONFIRM [ready to confirm] / CREATE_TICKET\n");
        for (Transition t : flow.transitions()) {
            assertThat(mermaid).contains(t.source() + " --> " + t.target() + " : " + diagram.label(t));
        }
    }

    @Test
    void jsonParsesAndMatchesTheTable() throws Exception {
        JsonNode json = new ObjectMapper().readTree(diagram.json());

        assertThat(json.get("initial").asText()).isEqualTo("REASON");
        assertThat(json.get("states")).hasSize(flow.states().size());
        assertThat(json.get("transitions")).hasSize(flow.transitions().size());
        for (int i = 0; i < flow.transitions().size(); i++) {
            Transition t = flow.transitions().get(i);
            JsonNode row = json.get("transitions").get(i);
            assertThat(row.get("source").asText()).isEqualTo(t.source().name());
            assertThat(row.get("event").asText()).isEqualTo(t.event().name());
            assertThat(row.get("target").asText()).isEqualTo(t.target().name());
            assertThat(row.get("action").asText()).isEqualTo(t.action().name());
        }
    }

    @Test
    void svgIsWellFormedXmlWithABoxPerStateAndALabelPerRow() throws Exception {
        String svg = diagram.svg();

        Document document = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertThat(document.getDocumentElement().getTagName()).isEqualTo("svg");
        for (State state : flow.states()) {
            assertThat(svg).contains("id=\"state-" + state.name() + "\"");
        }
        for (Transition t : flow.transitions()) {
            assertThat(svg).contains(diagram.label(t));
        }
    }

    @Test
    void dotNamesEveryEdge() {
        String dot = diagram.dot();

        assertThat(dot).startsWith("digraph escalation {").endsWith("}\n");
        assertThat(dot.lines().filter(line -> line.contains(" -> ") && !line.contains("__start")))
                .hasSize(flow.transitions().size());
    }

    @Test
    void coverageCountsAnnotateRowsAndListTheUntakenOnes() {
        Transition confirm = flow.select(
                State.CONFIRMATION,
                Intent.CONFIRM,
                Slots.EMPTY.withDetailsGiven().withDepartment(Department.BILLING, false));

        FlowDiagram covered = diagram.withCoverage(Map.of(confirm, 7L));

        assertThat(covered.label(confirm)).endsWith("(7x)");
        assertThat(covered.untaken()).hasSize(flow.transitions().size() - 1).doesNotContain(confirm);
        assertThat(covered.json()).contains("\"taken\": 7");
    }

    @Test
    void anUnknownFormatNamesTheValue() {
        assertThatThrownBy(() -> diagram.render("png")).hasMessageContaining("'png'");
    }
}
