package dev.escalation.runner.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.EscalationEngine;
import dev.escalation.core.OfflineLanguageModel;
import dev.escalation.runner.eggai.EscalationService;
import dev.escalation.runner.eggai.MemoryTransport;
import dev.escalation.store.EscalationDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /readyz} and {@code /livez} over real HTTP on the metrics server, watching a real service
 * (in-process channels) on a real SQLite file.
 */
@Timeout(60)
class ProbesTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private RunnerMetrics metrics;
    private int port;

    @TempDir
    Path dir;

    @BeforeEach
    void serve() {
        metrics = RunnerMetrics.create(Map.of());
        port = metrics.serve(0);
    }

    @AfterEach
    void close() {
        metrics.close();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void readinessFollowsTheServiceAndTheDatabaseWhileLivenessStaysUp() throws Exception {
        EscalationDatabase database = EscalationDatabase.openSqlite(dir.resolve("tickets.db"));
        EscalationService service = EscalationService.builder()
                .engine(EscalationEngine.builder()
                        .languageModel(new OfflineLanguageModel())
                        .conversationStore(database.conversationStore())
                        .ticketStore(database.ticketStore())
                        .build())
                .transport(new MemoryTransport("agents", 4))
                .build();
        metrics.probes().watch(service::notReady, service::isAlive, database::checkReachable);
        try {
            HttpResponse<String> starting = get("/readyz");
            assertThat(starting.statusCode()).isEqualTo(503);
            assertThat(starting.body()).contains("not ready: the service has not started");

            service.start();
            HttpResponse<String> ready = get("/readyz");
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(ready.body()).isEqualTo("ready\n");
            assertThat(get("/livez").statusCode()).isEqualTo(200);

            database.close();
            HttpResponse<String> noDatabase = get("/readyz");
            assertThat(noDatabase.statusCode()).isEqualTo(503);
            assertThat(noDatabase.body())
                    .contains("the database is unreachable")
                    .contains("tickets.db");
            assertThat(get("/livez").statusCode())
                    .as("a database outage is no reason to restart")
                    .isEqualTo(200);
        } finally {
            service.stop(Duration.ofSeconds(5));
            database.close();
        }
        HttpResponse<String> stopped = get("/readyz");
        assertThat(stopped.statusCode()).isEqualTo(503);
        assertThat(stopped.body()).contains("stopping");
    }

    @Test
    void theMetricsStayWhereTheyWereAndOtherPathsAreNotFound() throws Exception {
        assertThat(get("/metrics").statusCode()).isEqualTo(200);
        assertThat(get("/metrics").body()).contains("jvm_");
        HttpResponse<String> other = get("/healthz");
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(other.body()).contains("/readyz").contains("/livez");
    }

    @Test
    void withoutAServiceTheProcessIsLiveButNotReady() throws Exception {
        assertThat(get("/livez").statusCode()).isEqualTo(200);
        HttpResponse<String> ready = get("/readyz");
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.body()).isEqualTo("not ready: no service has started\n");
    }
}
