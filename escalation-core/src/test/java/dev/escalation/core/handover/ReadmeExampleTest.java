package dev.escalation.core.handover;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's example of this module is ReadmeExample.java, which the build compiles, word for word. */
class ReadmeExampleTest {

    @Test
    void theReadmeShowsTheCompiledExampleWordForWord() throws IOException {
        String source = Files.readString(Path.of("src/test/java/dev/escalation/core/handover/ReadmeExample.java"));
        String example = source.substring(
                source.indexOf("// README:begin\n") + "// README:begin\n".length(), source.indexOf("// README:end"));

        assertThat(Files.readString(Path.of("../README.md"))).contains(example.stripTrailing());
    }
}
