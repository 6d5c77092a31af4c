package dev.escalation.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.escalation.core.ModelCallObserver;
import dev.escalation.core.simulation.Profile;
import dev.escalation.core.simulation.Profiles;
import dev.escalation.llm.LanguageModelConfig;
import dev.escalation.llm.internal.ChatClient;
import dev.escalation.runner.eggai.EggAiCodec;
import dev.escalation.runner.eggai.EscalationRequest;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import okio.Buffer;
import okio.BufferedSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Parser throughput: the llm module's SSE reader assembling one streamed reply (the ~70-event stream
 * of a summary, as OpenAI sends it, with a usage chunk and [DONE]) from memory, and the runner's EggAI
 * codec decoding one request envelope with a six-message history.
 *
 * <p>JMH state; not for use outside JMH. Run with {@code make bench}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class ParserBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ChatClient client;
    private MethodHandle readStream;
    private ObjectNode request;
    private byte[] sse;
    private EggAiCodec codec;
    private byte[] envelope;

    @Setup
    public void setUp() throws Exception {
        client = new ChatClient(LanguageModelConfig.builder()
                .provider(LanguageModelConfig.Provider.OPENAI)
                .model("gpt-4o-mini")
                .apiKey("sk-bench-0000000000000000000000000000000000")
                .baseUrl("http://127.0.0.1:9/v1")
                .build());
        // The reader is private: it is what runs on every streamed reply, so it is measured directly.
        Method method = ChatClient.class.getDeclaredMethod(
                "readStream",
                BufferedSource.class,
                ObjectNode.class,
                String.class,
                long.class,
                ModelCallObserver.class,
                Consumer.class);
        method.setAccessible(true);
        readStream = MethodHandles.lookup().unreflect(method);
        request = JSON.createObjectNode().put("model", "gpt-4o-mini").put("stream", true);
        sse = sseBody().getBytes(StandardCharsets.UTF_8);
        codec = new EggAiCodec(EggAiCodec.DEFAULT_MAX_MESSAGE_BYTES, Clock.systemUTC());
        envelope = envelope();
    }

    @Benchmark
    public Object sseStreamedReply() throws Throwable {
        Buffer source = new Buffer().write(sse);
        StringBuilder text = new StringBuilder();
        return readStream.invoke(
                client, (BufferedSource) source, request, "chat", System.nanoTime(), ModelCallObserver.NONE, (Consumer<
                                String>)
                        text::append);
    }

    @Benchmark
    public Optional<EscalationRequest> eggAiRequestEnvelope() {
        return codec.decode(envelope);
    }

    static String sseBody() throws Exception {
        Profile profile = Profiles.dev().get(0);
        String reply = "Here is what I have: a high priority ticket for Billing, described as \"" + profile.opening()
                + " " + profile.details() + "\". Shall I create it? Please reply yes, or tell me what to change.";
        StringBuilder body = new StringBuilder();
        body.append("data: ")
                .append(chunk("{\"role\":\"assistant\",\"content\":\"\"}", "null"))
                .append("\n\n");
        for (String word : reply.split("(?<= )")) {
            body.append("data: ")
                    .append(chunk("{\"content\":" + JSON.writeValueAsString(word) + "}", "null"))
                    .append("\n\n");
        }
        body.append("data: ").append(chunk("{}", "\"stop\"")).append("\n\n");
        body.append("data: {\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"created\":1747312345,")
                .append(
                        "\"model\":\"gpt-4o-mini\",\"choices\":[],\"usage\":{\"prompt_tokens\":512,\"completion_tokens\":90,")
                .append("\"total_tokens\":602}}\n\n");
        body.append("data: [DONE]\n\n");
        return body.toString();
    }

    private static String chunk(String delta, String finish) {
        return "{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"created\":1747312345,"
                + "\"model\":\"gpt-4o-mini\",\"system_fingerprint\":\"fp_34a54ae93c\",\"choices\":[{\"index\":0,\"delta\":"
                + delta + ",\"logprobs\":null,\"finish_reason\":" + finish + "}],\"usage\":null}";
    }

    static byte[] envelope() throws Exception {
        Profile profile = Profiles.dev().get(0);
        ObjectNode root = JSON.createObjectNode();
        root.put("id", "6f1c2a4e-3b5d-4e7f-8a9b-0c1d2e3f4a5b");
        root.put("type", "escalation_request");
        root.put("source", "TriageAgent");
        root.put("specversion", "1.0");
        root.put("datacontenttype", "application/json");
        root.putNull("subject");
        root.put("time", "2026-11-23T10:00:00Z");
        root.put("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        ObjectNode data = root.putObject("data");
        data.put("connection_id", "conn-1");
        data.put("message_id", "7a8b9c0d-1e2f-4a5b-8c7d-9e0f1a2b3c4d");
        ArrayNode messages = data.putArray("chat_messages");
        String[] history = {
            profile.opening(),
            "Could you describe the problem in a little more detail?",
            profile.details(),
            "Here is what I have: a high priority ticket for Billing. Shall I create it?",
            "Yes, please create the ticket.",
            "Your ticket TK-QUA9ZSGS has been created."
        };
        for (int i = 0; i < history.length; i++) {
            ObjectNode message = messages.addObject();
            message.put("role", i % 2 == 0 ? "user" : "assistant");
            message.put("content", history[i]);
            if (i % 2 == 1) {
                message.put("agent", "Escalation");
            }
        }
        data.putObject("security_context").put("user_id", profile.customerId()).put("tenant_id", "t1");
        return JSON.writeValueAsBytes(root);
    }
}
