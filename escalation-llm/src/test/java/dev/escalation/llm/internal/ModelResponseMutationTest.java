package dev.escalation.llm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.simulation.Mutations;
import org.junit.jupiter.api.Test;

/**
 * The bounded fuzzing run of every build for what the adapter reads from a model server: Jazzer's
 * corpora (recorded responses and what it found) and up to 3,000 inputs mutated from them, each a
 * completion and a reading or a {@link ChatFailure} ({@link ModelResponseFuzzTest}).
 */
class ModelResponseMutationTest {

    @Test
    void completionBodiesAndThousandsOfMutationsGiveACompletionOrAChatFailure() {
        int tried = Mutations.run(
                ModelResponseFuzzTest.class, ModelResponseFuzzTest.BODIES, 3_000, 5, ModelResponseFuzzTest::checkBody);

        assertThat(tried)
                .as("every seed and some mutations")
                .isGreaterThan(Mutations.corpus(ModelResponseFuzzTest.class, ModelResponseFuzzTest.BODIES)
                        .size());
    }

    @Test
    void eventStreamsAndThousandsOfMutationsGiveACompletionOrAChatFailure() {
        int tried = Mutations.run(
                ModelResponseFuzzTest.class,
                ModelResponseFuzzTest.STREAMS,
                3_000,
                5,
                ModelResponseFuzzTest::checkStream);

        assertThat(tried)
                .as("every seed and some mutations")
                .isGreaterThan(Mutations.corpus(ModelResponseFuzzTest.class, ModelResponseFuzzTest.STREAMS)
                        .size());
    }
}
