package dev.escalation.runner.internal.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.core.Department;
import dev.escalation.core.Intent;
import dev.escalation.core.Interpretation;
import dev.escalation.core.OfflineTraining;
import dev.escalation.core.Priority;
import dev.escalation.core.State;
import dev.escalation.core.simulation.Profile;
import dev.escalation.llm.Demonstration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OptimizedArtifactTest {

    @TempDir
    Path dir;

    private static final List<Profile> TRAIN =
            ProfileFile.split(ProfileFile.Split.TRAIN).subList(0, 30);

    private static OptimizedArtifact artifact() {
        OfflineTraining training = Optimizer.training(TRAIN, 0.5, 0.95, 0.8);
        return new OptimizedArtifact(
                training,
                "train split, 30 profiles",
                Map.of("smoothing", "0.5"),
                Map.of("rules", 0.8684, "optimized", 0.8947));
    }

    @Test
    void anArtifactWrittenAndReadBackHoldsTheSameClassifiersSettingsAndScores() throws Exception {
        OptimizedArtifact written = artifact();
        Path file = dir.resolve("optimized_escalation.json");

        written.write(file);
        OptimizedArtifact read = OptimizedArtifact.read(file);

        assertThat(read).isEqualTo(written);
        assertThat(read.training().priority().predict("I've called five times and nobody helps"))
                .isEqualTo(written.training().priority().predict("I've called five times and nobody helps"));
        assertThat(Files.readString(file)).startsWith("{\"format\":\"escalation-optimized\",\"format_version\":2,");
        assertThat(read.toJson()).as("the same artifact gives the same bytes").isEqualTo(Files.readString(file));
        assertThat(dir.resolve("optimized_escalation.json.tmp")).doesNotExist();
    }

    @Test
    void anotherFormatVersionIsRefusedNamingTheFileAndTheVersion() throws Exception {
        Path file = dir.resolve("old.json");
        Files.writeString(file, artifact().toJson().replace("\"format_version\":2", "\"format_version\":7"));

        assertThatThrownBy(() -> OptimizedArtifact.read(file))
                .isInstanceOf(OptimizedArtifact.InvalidArtifactException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("format_version must be 1 or 2, but was 7");
    }

    @Test
    void aTruncatedOrDamagedFileIsRefusedWithWhatIsWrong() throws Exception {
        Path cut = dir.resolve("cut.json");
        String json = artifact().toJson();
        Files.writeString(cut, json.substring(0, json.length() / 2));
        Path damaged = dir.resolve("damaged.json");
        Files.writeString(damaged, json.replaceFirst("\"log_priors\":\\[-", "\"log_priors\":[\"x\",-"));
        Path foreign = dir.resolve("foreign.json");
        Files.writeString(foreign, "{\"name\":\"something else\"}");

        assertThatThrownBy(() -> OptimizedArtifact.read(cut)).hasMessageContaining("cut.json is not valid JSON");
        assertThatThrownBy(() -> OptimizedArtifact.read(damaged)).hasMessageContaining("offline.department.log_priors");
        assertThatThrownBy(() -> OptimizedArtifact.read(foreign))
                .hasMessageContaining("its format must be 'escalation-optimized'");
    }

    @Test
    void demonstrationsWrittenAndReadBackAreTheSameInTheSameOrder() throws Exception {
        List<Demonstration> demonstrations = FewShotSearch.candidates(TRAIN.subList(0, 2));
        OptimizedArtifact written = new OptimizedArtifact(
                artifact().training(),
                "train split, 30 profiles",
                Map.of("few_shot_seed", "7"),
                Map.of("llm_baseline", 0.5, "llm_optimized", 0.75),
                demonstrations);
        Path file = dir.resolve("optimized_escalation.json");

        written.write(file);
        OptimizedArtifact read = OptimizedArtifact.read(file);

        assertThat(read.demonstrations()).hasSize(4).isEqualTo(demonstrations);
        assertThat(read).isEqualTo(written);
        assertThat(read.toJson()).isEqualTo(Files.readString(file));
        assertThat(Files.readString(file)).contains("\"demonstrations\":[{\"state\":\"REASON\",\"customer_text\":");
    }

    @Test
    void aVersionOneArtifactWithoutDemonstrationsStillLoadsWithItsClassifiers() throws Exception {
        // A file as the first optimizer wrote it: version 1, no demonstrations section.
        String v2 = artifact().toJson();
        String v1 = v2.replace("\"format_version\":2", "\"format_version\":1").replace(",\"demonstrations\":[]", "");
        assertThat(v1).doesNotContain("demonstrations").contains("\"format_version\":1");
        Path file = dir.resolve("v1.json");
        Files.writeString(file, v1);

        OptimizedArtifact read = OptimizedArtifact.read(file);

        assertThat(read.demonstrations()).isEmpty();
        assertThat(read.training().department().predict("I was charged twice"))
                .isEqualTo(artifact().training().department().predict("I was charged twice"));
    }

    @Test
    void aDemonstrationWithAnUnknownDepartmentIsRefusedNamingItsPlace() throws Exception {
        Demonstration one = new Demonstration(
                State.REASON,
                "charged twice",
                new Interpretation(
                        Intent.PROVIDE_INFO,
                        Department.BILLING,
                        false,
                        Priority.HIGH,
                        false,
                        null,
                        true,
                        false,
                        null,
                        null,
                        null,
                        Map.of()));
        Path file = dir.resolve("bad.json");
        Files.writeString(
                file,
                new OptimizedArtifact(artifact().training(), "t", Map.of(), Map.of(), List.of(one))
                        .toJson()
                        .replace("\"department\":\"Billing\"", "\"department\":\"Legal\""));

        assertThatThrownBy(() -> OptimizedArtifact.read(file))
                .isInstanceOf(OptimizedArtifact.InvalidArtifactException.class)
                .hasMessageContaining("demonstrations[0]: unknown department 'Legal'");
    }
}
