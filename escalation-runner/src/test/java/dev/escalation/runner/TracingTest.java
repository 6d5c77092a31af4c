package dev.escalation.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner's trace export: on with ESCALATION_OTEL_ENDPOINT, harmless when the collector is down. */
class TracingTest {

    @TempDir
    Path dir;

    @Test
    void withAnEndpointTheTurnsSpansArePostedToItsOtlpHttpTracesPath() throws Exception {
        try (MockWebServer collector = new MockWebServer()) {
            for (int i = 0; i < 50; i++) {
                collector.enqueue(new MockResponse.Builder().code(200).build());
            }
            collector.start();
            RunnerProcess.Result result = RunnerProcess.on(dir)
                    .env(TracingConfig.ENDPOINT, collector.url("/").toString())
                    .stdinJson(Seed.conversation("c1", "u1"))
                    .run("replay", "-");

            assertThat(result.status()).as(result.err()).isZero();
            // The batch processor may send the spans in several requests (by time or size); all went before exit.
            StringBuilder bodies = new StringBuilder();
            for (RecordedRequest request; (request = collector.takeRequest(1, TimeUnit.SECONDS)) != null; ) {
                assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/traces");
                assertThat(request.getMethod()).isEqualTo("POST");
                bodies.append(
                        request.getBody() == null
                                ? ""
                                : request.getBody().string(java.nio.charset.StandardCharsets.ISO_8859_1));
            }
            String body = bodies.toString();
            assertThat(body).contains("escalation.turn").doesNotContain("car insurance");
        }
    }

    @Test
    void anUnreachableCollectorNeitherFailsNorSlowsTheTurns() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        long started = System.nanoTime();
        RunnerProcess.Result result = RunnerProcess.on(dir)
                .env(TracingConfig.ENDPOINT, "http://127.0.0.1:" + closed)
                .stdinJson(Seed.conversation("c1", "u1"))
                .run("replay", "-");

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(result.lastJson().get("state").asText()).isEqualTo("TICKET_CREATED");
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)).isLessThan(10);
    }

    @Test
    void anEndpointThatIsNotAUrlIsAConfigurationErrorNamingTheVariable() {
        RunnerProcess.Result result = RunnerProcess.on(dir)
                .env(TracingConfig.ENDPOINT, "localhost:4318")
                .stdinJson(Seed.conversation("c1", "u1"))
                .run("replay", "-");

        assertThat(result.status()).isEqualTo(2);
        assertThat(result.err()).contains("ESCALATION_OTEL_ENDPOINT", "localhost:4318");
    }
}
