package dev.escalation.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.Priority;
import dev.escalation.core.simulation.Profile;
import dev.escalation.runner.internal.eval.ProfileFile;
import dev.escalation.runner.internal.eval.ProfileFile.Split;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HoldoutSplitTest {

    @TempDir
    Path dir;

    @Test
    void theHoldoutSplitHoldsSixtyLabelledProfilesOfEveryPriorityAndDepartment() {
        List<Profile> holdout = ProfileFile.split(Split.HOLDOUT);

        assertThat(holdout).hasSize(60);
        assertThat(holdout).allSatisfy(p -> assertThat(p.id()).startsWith("ho-"));
        assertThat(holdout.stream().map(Profile::priority).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(Priority.values());
        assertThat(holdout.stream().map(Profile::department).distinct()).hasSize(3);
        assertThat(holdout).anySatisfy(p -> assertThat(p.confirm()).isFalse());
    }

    @Test
    void theBlindSplitHoldsSixtyOneLabelledProfilesOfEveryPriorityAndDepartment() {
        List<Profile> blind = ProfileFile.split(Split.BLIND);

        assertThat(blind).hasSize(61);
        assertThat(blind).allSatisfy(p -> assertThat(p.id()).startsWith("bl-"));
        assertThat(blind.stream().map(Profile::priority).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(Priority.values());
        assertThat(blind.stream().map(Profile::department).distinct()).hasSize(3);
        assertThat(blind).anySatisfy(p -> assertThat(p.confirm()).isFalse());
    }

    @Test
    void noBlindProfileSharesAnIdOrAMessageWithTrainDevOrTheFirstHoldout() {
        Set<String> seenTexts = new HashSet<>();
        for (Split split : List.of(Split.ALL, Split.HOLDOUT)) {
            for (Profile p : ProfileFile.split(split)) {
                seenTexts.addAll(List.of(p.id(), p.customerId(), p.opening(), p.details()));
            }
        }

        assertThat(ProfileFile.split(Split.BLIND))
                .allSatisfy(
                        p -> assertThat(seenTexts).doesNotContain(p.id(), p.customerId(), p.opening(), p.details()));
    }

    @Test
    void evalWithSplitBlindPlaysTheBlindProfilesAndCountsAsAHoldoutRead() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int before = ProfileFile.holdoutReads();

        int status = Main.run(
                new String[] {"eval", "--split", "blind", "--out", dir.toString()},
                new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                Map.of(
                        "ESCALATION_LANGUAGE_MODEL",
                        "offline",
                        "ESCALATION_OPTIMIZED_PATH",
                        dir.resolve("none.json").toString(),
                        "ESCALATION_TICKET_DATABASE_PATH",
                        dir.resolve("tickets.db").toString()));

        assertThat(status).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("evaluated 61 profiles (blind)");
        assertThat(ProfileFile.holdoutReads()).isEqualTo(before + 1);
    }

    @Test
    void noHoldoutProfileSharesAnIdOrAMessageWithTrainOrDevAndAllLeavesTheHoldoutOut() {
        List<Profile> seen = ProfileFile.split(Split.ALL);
        Set<String> seenTexts = new HashSet<>();
        for (Profile p : seen) {
            seenTexts.addAll(List.of(p.id(), p.customerId(), p.opening(), p.details()));
        }

        assertThat(ProfileFile.split(Split.HOLDOUT))
                .allSatisfy(
                        p -> assertThat(seenTexts).doesNotContain(p.id(), p.customerId(), p.opening(), p.details()));
        assertThat(seen)
                .hasSize(ProfileFile.split(Split.TRAIN).size()
                        + ProfileFile.split(Split.DEV).size());
    }

    @Test
    void theOptimizerTrainsScoresAndWritesItsArtifactWithoutEverReadingTheHoldout() throws IOException {
        Path train = dir.resolve("train.jsonl");
        Files.write(train, lines("/profiles/eval-train.jsonl").subList(0, 6));
        Path artifact = dir.resolve("optimized_escalation.json");
        int before = ProfileFile.holdoutReads();

        int status = Main.run(
                new String[] {"optimize", "--train", train.toString(), "--folds", "2", "--force"},
                new ByteArrayInputStream(new byte[0]),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                Map.of(
                        "ESCALATION_OPTIMIZED_PATH",
                        artifact.toString(),
                        "ESCALATION_LANGUAGE_MODEL",
                        "offline",
                        "ESCALATION_TICKET_DATABASE_PATH",
                        dir.resolve("tickets.db").toString()));

        assertThat(status).isZero();
        assertThat(artifact).exists();
        assertThat(ProfileFile.holdoutReads())
                .as("hold-out reads during optimize")
                .isEqualTo(before);
    }

    @Test
    void evalWithSplitHoldoutPlaysTheHoldoutProfiles() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int before = ProfileFile.holdoutReads();

        int status = Main.run(
                new String[] {"eval", "--split", "holdout", "--out", dir.toString()},
                new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                Map.of(
                        "ESCALATION_LANGUAGE_MODEL",
                        "offline",
                        "ESCALATION_OPTIMIZED_PATH",
                        dir.resolve("none.json").toString(),
                        "ESCALATION_TICKET_DATABASE_PATH",
                        dir.resolve("tickets.db").toString()));

        assertThat(status).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("evaluated 60 profiles (holdout)");
        assertThat(Files.readString(dir.resolve("report.json"))).contains("\"split\" : \"holdout\"");
        assertThat(ProfileFile.holdoutReads()).isEqualTo(before + 1);
    }

    private static List<String> lines(String resource) throws IOException {
        try (InputStream in = HoldoutSplitTest.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }
}
