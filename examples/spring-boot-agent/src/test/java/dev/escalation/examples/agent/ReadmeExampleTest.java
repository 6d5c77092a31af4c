package dev.escalation.examples.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's starter example is this application's code and settings, word for word. */
class ReadmeExampleTest {

    private static String marked(String source) {
        return source.substring(
                        source.indexOf("// README:begin\n") + "// README:begin\n".length(),
                        source.indexOf("  // README:end"))
                .stripTrailing();
    }

    @Test
    void theReadmeShowsTheControllerAndTheSettingsOfTheExampleWordForWord() throws IOException {
        String readme = Files.readString(Path.of("../../README.md"));

        assertThat(readme)
                .contains(marked(Files.readString(
                        Path.of("src/main/java/dev/escalation/examples/agent/EscalationController.java"))));
        assertThat(readme).contains(Files.readString(Path.of("src/main/resources/application.properties")));
    }
}
