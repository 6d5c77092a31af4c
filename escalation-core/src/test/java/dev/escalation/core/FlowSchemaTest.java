package dev.escalation.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** docs/flow-schema.json, the schema editors complete and check flow files with, accepts every shipped flow. */
class FlowSchemaTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static Schema schema() throws Exception {
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(Files.readString(Path.of("../docs/flow-schema.json")));
    }

    private static String standard() throws Exception {
        return new String(
                FlowDefinition.class
                        .getClassLoader()
                        .getResourceAsStream(FlowDefinition.STANDARD_RESOURCE)
                        .readAllBytes(),
                StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../flows/bank.yaml", "../flows/it-helpdesk.yaml"})
    void everyExampleFlowMatchesTheSchema(String file) throws Exception {
        JsonNode flow = YAML.readTree(Files.readString(Path.of(file)));

        assertThat(schema().validate(flow)).isEmpty();
    }

    @Test
    void theStandardFlowMatchesTheSchema() throws Exception {
        assertThat(schema().validate(YAML.readTree(standard()))).isEmpty();
    }

    @Test
    void aMisspelledFieldIsRejectedByTheSchemaAsByTheLoader() throws Exception {
        String misspelled = standard().replace("    collects: [reason]", "    collect: [reason]");

        assertThat(schema().validate(YAML.readTree(misspelled))).isNotEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FlowDefinition.parse(misspelled, "f.yaml"))
                .hasMessageContaining("unknown field collect");
    }
}
