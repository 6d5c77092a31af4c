package dev.escalation.runner.eggai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.simulation.Mutations;
import org.junit.jupiter.api.Test;

/**
 * The bounded fuzzing run of every build for the EggAI envelope reader: Jazzer's corpus (seeds and
 * crashes it found) and up to 3,000 inputs mutated from it (5 seconds at most), each a request, nothing, or a named
 * {@link InvalidMessageException} ({@link EggAiCodecFuzzTest#check}).
 */
class EggAiCodecMutationTest {

    @Test
    void theCorpusAndThousandsOfMutationsGiveARequestNothingOrANamedRefusal() {
        int tried =
                Mutations.run(EggAiCodecFuzzTest.class, EggAiCodecFuzzTest.CORPUS, 3_000, 5, EggAiCodecFuzzTest::check);

        assertThat(tried)
                .as("every seed and some mutations")
                .isGreaterThan(Mutations.corpus(EggAiCodecFuzzTest.class, EggAiCodecFuzzTest.CORPUS)
                        .size());
    }
}
