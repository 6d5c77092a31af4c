package dev.escalation.runner.internal.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.runner.internal.eval.ProfileFile.Split;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShippedArtifactTest {

    @Test
    void theArtifactShippedInTheJarIsWhatTheOptimizerTrainsOnTheShippedTrainSplitToday() {
        OptimizedArtifact shipped = OptimizedArtifact.shipped().orElseThrow();

        OptimizedArtifact trained = new Optimizer(3).train(ProfileFile.split(Split.TRAIN));

        assertThat(shipped.demonstrations())
                .as("a language model's demonstrations are no default")
                .isEmpty();
        assertThat(new OptimizedArtifact(
                                trained.training(),
                                trained.trainedOn(),
                                shipped.selection(),
                                shipped.devScore(),
                                List.of())
                        .toJson())
                .as("the shipped artifact is stale: rebuild it with ESCALATION_LANGUAGE_MODEL=offline"
                        + " ESCALATION_OPTIMIZED_PATH=escalation-runner/src/main/resources"
                        + OptimizedArtifact.SHIPPED_RESOURCE
                        + " make compile-escalation-optimizer FORCE=1")
                .isEqualTo(shipped.toJson());
        assertThat(shipped.selection()).containsAllEntriesOf(trained.selection());
    }
}
