package dev.escalation.runner.eggai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.simulation.Mutations;
import org.junit.jupiter.api.Test;

/**
 * The bounded fuzzing run of every build for the EggAI envelope reader: Jazzer's corpus (seeds and
 * crashes it found) and 5,000 inputs mutated from it, each a request, nothing, or a named
 * {@link InvalidMessageException} ({@link EggAiCodecFuzzTest#check}).
 */
class EggAiCodecMutationTest {

  @Test
  void theCorpusAndThousandsOfMutationsGiveARequestNothingOrANamedRefusal() {
    int tried = Mutations.run(EggAiCodecFuzzTest.class, EggAiCodecFuzzTest.CORPUS, 5_000, 10,
        EggAiCodecFuzzTest::check);

    assertThat(tried).isGreaterThan(1_000);
  }
}
