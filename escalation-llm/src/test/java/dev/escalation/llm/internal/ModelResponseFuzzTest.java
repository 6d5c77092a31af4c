package dev.escalation.llm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.escalation.core.State;
import dev.escalation.llm.LanguageModelConfig;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Fuzzes what the adapter reads from a model server with Jazzer: a chat-completion body, an SSE
 * stream, and then what the engine takes from them (the JSON object in the content, the interpretation
 * schema, the tool calls). Any bytes give a completion and a reading, or the adapter's own
 * {@link ChatFailure}; never another exception, a hang or running out of memory. {@code make fuzz}
 * runs it (JAZZER_FUZZ=1; crashing inputs land in {@code ModelResponseFuzzTestInputs/}, keep them as
 * regression seeds); a normal {@code mvn verify} runs the corpus and its mutations in
 * {@link ModelResponseMutationTest} instead.
 */
class ModelResponseFuzzTest {

    static final String BODIES = "ModelResponseFuzzTestInputs/anyCompletionBodyGivesACompletionOrAChatFailure";
    static final String STREAMS = "ModelResponseFuzzTestInputs/anyEventStreamGivesACompletionOrAChatFailure";
    private static final String CUSTOMER = "What is the status of ticket TK-7QX2M9PA? Mail ana@example.com";
    private static final ChatClient CLIENT = new ChatClient(LanguageModelConfig.builder()
            .provider(LanguageModelConfig.Provider.OPENAI)
            .model("gpt-4o-mini")
            .baseUrl("http://localhost:9/v1")
            .apiKey("sk-fuzz-0000000000000000")
            .build());

    @FuzzTest(maxDuration = "5m")
    void anyCompletionBodyGivesACompletionOrAChatFailure(byte[] bytes) {
        checkBody(bytes);
    }

    @FuzzTest(maxDuration = "5m")
    void anyEventStreamGivesACompletionOrAChatFailure(byte[] bytes) {
        checkStream(bytes);
    }

    /** The property for a plain body. */
    static void checkBody(byte[] bytes) {
        Completion completion;
        try {
            completion = CLIENT.parse(new String(bytes, StandardCharsets.UTF_8));
        } catch (ChatFailure failure) {
            assertThat(failure.getMessage()).isNotBlank();
            return;
        }
        read(completion);
    }

    /** The property for an event stream: the streamed pieces make the content. */
    static void checkStream(byte[] bytes) {
        StringBuilder streamed = new StringBuilder();
        Completion completion;
        try {
            completion = CLIENT.parseStream(bytes, streamed::append);
        } catch (ChatFailure failure) {
            assertThat(failure.getMessage()).isNotBlank();
            return;
        }
        assertThat(completion.content()).isEqualTo(streamed.toString());
        read(completion);
    }

    // What the interpreter does next with a completion: never anything but a reading or a named problem.
    private static void read(Completion completion) {
        assertThat(completion.inputTokens()).isNotNegative();
        for (ToolCall call : completion.toolCalls()) {
            assertThat(TicketTools.check(call, CUSTOMER)).isNotNull();
        }
        try {
            var object = ModelJson.objectIn(completion.content());
            for (State state : List.of(State.REASON, State.CONFIRMATION, State.TICKET_CREATED)) {
                InterpretationSchema.Reading reading = InterpretationSchema.read(object, state, CUSTOMER);
                assertThat(reading).isNotNull();
                if (reading instanceof InterpretationSchema.Reading.ToolRequest request) {
                    assertThat(TicketTools.check(request.call(), CUSTOMER)).isNotNull();
                }
            }
        } catch (ModelJson.NotAnObjectException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }
}
