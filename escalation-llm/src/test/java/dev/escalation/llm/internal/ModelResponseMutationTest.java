package dev.escalation.llm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.simulation.Mutations;
import org.junit.jupiter.api.Test;

/**
 * The bounded fuzzing run of every build for what the adapter reads from a model server: Jazzer's
 * corpora (recorded responses and what it found) and thousands of inputs mutated from them, each a
 * completion and a reading or a {@link ChatFailure} ({@link ModelResponseFuzzTest}).
 */
class ModelResponseMutationTest {

  @Test
  void completionBodiesAndThousandsOfMutationsGiveACompletionOrAChatFailure() {
    int tried = Mutations.run(ModelResponseFuzzTest.class, ModelResponseFuzzTest.BODIES, 4_000, 10,
        ModelResponseFuzzTest::checkBody);

    assertThat(tried).isGreaterThan(1_000);
  }

  @Test
  void eventStreamsAndThousandsOfMutationsGiveACompletionOrAChatFailure() {
    int tried = Mutations.run(ModelResponseFuzzTest.class, ModelResponseFuzzTest.STREAMS, 4_000, 10,
        ModelResponseFuzzTest::checkStream);

    assertThat(tried).isGreaterThan(1_000);
  }
}
