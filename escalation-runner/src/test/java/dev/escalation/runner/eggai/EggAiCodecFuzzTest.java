package dev.escalation.runner.eggai;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Fuzzes the reading of EggAI envelopes from the agents channel with Jazzer: any bytes give a
 * request, nothing (another type), or {@link InvalidMessageException} naming why; never another
 * exception, a hang or running out of memory. {@code make fuzz} runs it (JAZZER_FUZZ=1; crashing
 * inputs land in {@code EggAiCodecFuzzTestInputs/}, keep them there as regression seeds); a normal
 * {@code mvn verify} leaves it out (installing Jazzer's agent costs a minute) and runs the corpus and
 * its mutations in {@link EggAiCodecMutationTest} instead.
 */
class EggAiCodecFuzzTest {

    /** Where Jazzer keeps the seeds and what it found, on the test class path. */
    static final String CORPUS = "EggAiCodecFuzzTestInputs/anyBytesGiveARequestNothingOrANamedRefusal";

    private static final EggAiCodec CODEC = new EggAiCodec(
            EggAiCodec.DEFAULT_MAX_MESSAGE_BYTES, Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC));

    @FuzzTest(maxDuration = "5m")
    void anyBytesGiveARequestNothingOrANamedRefusal(byte[] bytes) {
        check(bytes);
    }

    /** The property, for this fuzz test and for {@link EggAiCodecMutationTest}. */
    static void check(byte[] bytes) {
        Optional<EscalationRequest> request;
        try {
            request = CODEC.decode(bytes);
        } catch (InvalidMessageException refused) {
            assertThat(refused.reason()).isNotBlank();
            assertThat(refused.getMessage()).isNotBlank();
            return;
        }
        request.ifPresent(r -> {
            assertThat(r.text()).isNotBlank();
            assertThat(r.connectionId()).isNotBlank();
        });
    }
}
