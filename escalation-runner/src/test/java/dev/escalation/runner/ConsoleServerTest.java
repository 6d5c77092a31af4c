package dev.escalation.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.escalation.core.TicketId;
import dev.escalation.core.TicketStatus;
import dev.escalation.core.TicketUpdate;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's HTTP surface as a script or an attacker's page would meet it, without a browser. */
class ConsoleServerTest {

    private static final String TOKEN = "a-console-token-of-some-length";

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(URI uri, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(URI uri, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String csrf(URI base, String... headers) throws Exception {
        return RunnerProcess.parse(get(base.resolve("/api/session"), headers).body())
                .get("csrf")
                .asText();
    }

    private String seedTicket() {
        JsonNode created = RunnerProcess.on(dir)
                .stdinJson(Seed.conversation("c1", "u1"))
                .run("replay", "-")
                .lastJson();
        return created.get("ticket").get("ticket_id").asText();
    }

    @Test
    void everyResponseForbidsInlineScriptFramingAndSniffing() throws Exception {
        try (RunningConsole console = RunningConsole.on(dir.resolve("tickets.db"), Map.of())) {
            for (String path : List.of("/", "/assets/console.js", "/api/tickets", "/nowhere")) {
                HttpResponse<String> response = get(console.uri().resolve(path));

                assertThat(response.headers().firstValue("Content-Security-Policy"))
                        .as(path)
                        .get()
                        .asString()
                        .contains("script-src 'self'")
                        .doesNotContain("unsafe-inline")
                        .contains("frame-ancestors 'none'");
                assertThat(response.headers().firstValue("X-Content-Type-Options"))
                        .as(path)
                        .contains("nosniff");
            }
            assertThat(get(console.uri()).body()).doesNotContain("<script>").contains("src=\"/assets/console.js\"");
        }
    }

    @Test
    void aChangeWithoutTheAntiForgeryHeaderIsRefusedAndChangesNothing() throws Exception {
        String ticketId = seedTicket();
        try (RunningConsole console = RunningConsole.on(dir.resolve("tickets.db"), Map.of())) {
            HttpResponse<String> response = post(
                    console.uri().resolve("/api/tickets/" + ticketId),
                    "{\"status\":\"closed\"}",
                    "Content-Type",
                    "application/json");

            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(response.body()).contains("X-Console-CSRF");
            assertThat(console.database()
                            .ticketStore()
                            .find(TicketId.of(ticketId))
                            .orElseThrow()
                            .status())
                    .isEqualTo(TicketStatus.OPEN);
        }
    }

    @Test
    void aChangeFromAnotherSitesPageIsRefusedEvenWithTheHeader() throws Exception {
        String ticketId = seedTicket();
        try (RunningConsole console = RunningConsole.on(dir.resolve("tickets.db"), Map.of())) {
            HttpResponse<String> response = post(
                    console.uri().resolve("/api/tickets/" + ticketId),
                    "{\"status\":\"closed\"}",
                    "Content-Type",
                    "application/json",
                    "X-Console-CSRF",
                    csrf(console.uri()),
                    "Origin",
                    "http://evil.example");

            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(response.body()).contains("http://evil.example");
        }
    }

    @Test
    void aChangeSentAsAFormIsRefused() throws Exception {
        String ticketId = seedTicket();
        try (RunningConsole console = RunningConsole.on(dir.resolve("tickets.db"), Map.of())) {
            HttpResponse<String> response = post(
                    console.uri().resolve("/api/tickets/" + ticketId),
                    "status=closed",
                    "Content-Type",
                    "application/x-www-form-urlencoded",
                    "X-Console-CSRF",
                    csrf(console.uri()));

            assertThat(response.statusCode()).isEqualTo(415);
        }
    }

    @Test
    void aStatusChangeAndNoteAreRecordedWithTheOperatorAsActorAsTicketsUpdateDoes() throws Exception {
        String ticketId = seedTicket();
        try (RunningConsole console = RunningConsole.on(dir.resolve("tickets.db"), Map.of())) {
            HttpResponse<String> response = post(
                    console.uri().resolve("/api/tickets/" + ticketId),
                    "{\"status\":\"in_progress\",\"note\":\"refund requested\"}",
                    "Content-Type",
                    "application/json",
                    "X-Console-CSRF",
                    csrf(console.uri()));

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            List<TicketUpdate> history = console.database().ticketStore().history(TicketId.of(ticketId));
            assertThat(history).extracting(TicketUpdate::actor).containsExactly("agent", "operator:ana");
            assertThat(history.get(1).toStatus()).isEqualTo(TicketStatus.IN_PROGRESS);
            assertThat(history.get(1).note()).isEqualTo("refund requested");
            assertThat(RunnerProcess.parse(response.body()).get("history")).hasSize(2);
            RunnerProcess.Result shown = RunnerProcess.on(dir).run("tickets", "show", ticketId);
            assertThat(shown.out())
                    .contains("operator:ana")
                    .contains("open -> in_progress")
                    .contains("refund requested");
        }
    }

    @Test
    void badInputIsAnsweredWith400NamingTheValueAndChangesNothing() throws Exception {
        String ticketId = seedTicket();
        try (RunningConsole console = RunningConsole.on(dir.resolve("tickets.db"), Map.of())) {
            HttpResponse<String> filter = get(console.uri().resolve("/api/tickets?status=lost"));
            HttpResponse<String> status = post(
                    console.uri().resolve("/api/tickets/" + ticketId),
                    "{\"status\":\"done\"}",
                    "Content-Type",
                    "application/json",
                    "X-Console-CSRF",
                    csrf(console.uri()));
            HttpResponse<String> window = get(console.uri().resolve("/api/traffic?from=yesterday"));

            assertThat(filter.statusCode()).isEqualTo(400);
            assertThat(filter.body()).contains("status").contains("'lost'");
            assertThat(status.statusCode()).isEqualTo(400);
            assertThat(status.body()).contains("'done'");
            assertThat(window.statusCode()).isEqualTo(400);
            assertThat(window.body()).contains("from must be an ISO-8601 instant");
            assertThat(console.database().ticketStore().history(TicketId.of(ticketId)))
                    .hasSize(1);
        }
    }

    @Test
    void aLoopbackConsoleRefusesARequestAddressedToAnotherHostName() throws Exception {
        try (RunningConsole console = RunningConsole.on(dir.resolve("tickets.db"), Map.of());
                Socket socket =
                        new Socket(console.uri().getHost(), console.uri().getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/tickets HTTP/1.1\r\nHost: rebound.example:"
                            + console.uri().getPort() + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String statusLine = new BufferedReader(
                            new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();

            assertThat(statusLine).startsWith("HTTP/1.1 403");
        }
    }

    @Test
    void withATokenARequestWithoutItIsAnswered401() throws Exception {
        try (RunningConsole console =
                RunningConsole.on(dir.resolve("tickets.db"), Map.of(ConsoleConfig.TOKEN, TOKEN))) {
            assertThat(get(console.uri()).statusCode()).isEqualTo(401);
            assertThat(get(console.uri().resolve("/api/tickets")).statusCode()).isEqualTo(401);
            assertThat(get(console.uri().resolve("/api/tickets"), "Authorization", "Bearer wrong-token-wrong-token")
                            .statusCode())
                    .isEqualTo(401);
            assertThat(get(console.uri().resolve("/?token=wrong-token-wrong-token"))
                            .statusCode())
                    .isEqualTo(401);
        }
    }

    @Test
    void withATokenABearerHeaderOrTheCookieTradedForTheQueryTokenIsLetIn() throws Exception {
        try (RunningConsole console =
                RunningConsole.on(dir.resolve("tickets.db"), Map.of(ConsoleConfig.TOKEN, TOKEN))) {
            assertThat(get(console.uri().resolve("/api/tickets"), "Authorization", "Bearer " + TOKEN)
                            .statusCode())
                    .isEqualTo(200);

            HttpResponse<String> traded = get(console.uri().resolve("/?token=" + TOKEN));

            assertThat(traded.statusCode()).isEqualTo(303);
            assertThat(traded.headers().firstValue("Location")).contains("/");
            String cookie = traded.headers().firstValue("Set-Cookie").orElseThrow();
            assertThat(cookie).contains("HttpOnly").contains("SameSite=Strict").doesNotContain(TOKEN);
            String pair = cookie.substring(0, cookie.indexOf(';'));
            assertThat(get(console.uri().resolve("/api/tickets"), "Cookie", pair)
                            .statusCode())
                    .isEqualTo(200);
        }
    }
}
