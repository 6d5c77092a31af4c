package dev.escalation.runner.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.escalation.core.CustomerMessage;
import dev.escalation.core.Department;
import dev.escalation.core.Intent;
import dev.escalation.core.ModelCall;
import dev.escalation.core.Priority;
import dev.escalation.core.Slots;
import dev.escalation.core.State;
import dev.escalation.core.Ticket;
import dev.escalation.core.TicketChange;
import dev.escalation.core.TicketId;
import dev.escalation.core.TicketStatus;
import dev.escalation.core.TurnResult;
import dev.escalation.runner.ModelPrice;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/grafana/escalation.json} is a Grafana dashboard whose every query names metrics that the
 * runner's endpoint really serves once the engine has reported each kind of event.
 */
class GrafanaDashboardTest {

    private static final Path DASHBOARD = Path.of("..", "docs", "grafana", "escalation.json");
    private static final Pattern METRIC = Pattern.compile("\\b((?:gen_ai|escalation|jvm|process)_[a-z0-9_]+)\\b");
    private static final Pattern LABEL_MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern GROUPINGS =
            Pattern.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");

    @Test
    void theDashboardIsGrafanaJsonWithADatasourceVariableAndPanelsThatEachQuerySomething() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(Files.readString(DASHBOARD));

        assertThat(dashboard.get("title").asText()).isNotBlank();
        assertThat(dashboard.get("uid").asText()).matches("[a-zA-Z0-9_-]{1,40}");
        assertThat(dashboard.get("schemaVersion").asInt()).isPositive();
        assertThat(dashboard.get("templating").get("list")).anySatisfy(variable -> {
            assertThat(variable.get("type").asText()).isEqualTo("datasource");
            assertThat(variable.get("query").asText()).isEqualTo("prometheus");
        });
        Set<Integer> ids = new HashSet<>();
        assertThat(dashboard.get("panels")).isNotEmpty().allSatisfy(panel -> {
            assertThat(ids.add(panel.get("id").asInt())).as("unique panel id").isTrue();
            assertThat(panel.get("type").asText()).isIn("timeseries", "stat", "bargauge");
            JsonNode grid = panel.get("gridPos");
            assertThat(grid.get("x").asInt() + grid.get("w").asInt()).isLessThanOrEqualTo(24);
            assertThat(panel.get("datasource").get("uid").asText()).isEqualTo("${datasource}");
            assertThat(panel.get("targets"))
                    .isNotEmpty()
                    .allSatisfy(target ->
                            assertThat(metricsIn(target.get("expr").asText())).isNotEmpty());
        });
    }

    @Test
    void everyPanelQueriesOnlyMetricsTheRunnerServes() throws Exception {
        Set<String> served = servedMetricNames();
        JsonNode dashboard = new ObjectMapper().readTree(Files.readString(DASHBOARD));
        List<String> queried = new ArrayList<>();
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.get("targets")) {
                queried.addAll(metricsIn(target.get("expr").asText()));
            }
        }

        assertThat(queried).isNotEmpty();
        assertThat(served).containsAll(queried);
        assertThat(queried)
                .contains(
                        "gen_ai_client_token_usage_total",
                        "escalation_tickets_created_total",
                        "escalation_fallbacks_total",
                        "escalation_llm_cost_per_ticket_usd_sum",
                        "escalation_llm_tokens_per_ticket_bucket");
    }

    /** The metric names in a PromQL expression, label matchers and groupings left out. */
    static List<String> metricsIn(String expr) {
        String bare =
                GROUPINGS.matcher(LABEL_MATCHERS.matcher(expr).replaceAll("")).replaceAll("");
        List<String> names = new ArrayList<>();
        Matcher m = METRIC.matcher(bare);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** Every sample name the endpoint serves after the engine reported one event of each kind. */
    private static Set<String> servedMetricNames() throws Exception {
        try (RunnerMetrics metrics = RunnerMetrics.create(Map.of("openai/gpt-4o-mini", new ModelPrice(0.15, 0.60)))) {
            int port = metrics.serve(0);
            Instant now = Instant.parse("2026-01-01T00:00:00Z");
            CustomerMessage message = new CustomerMessage("c1", "u1", "yes");
            Ticket ticket = new Ticket(
                    new TicketId("TK-ABCDEFGH"),
                    "u1",
                    "c1",
                    "charged twice",
                    Department.BILLING,
                    Priority.HIGH,
                    TicketStatus.OPEN,
                    now,
                    now);
            metrics.turnStarted(message);
            metrics.modelCalled(
                    "c1",
                    new ModelCall("openai/gpt-4o-mini", "interpret", 800, 60, false, Duration.ofMillis(700), "ok"));
            metrics.fellBack("c1", "timeout");
            metrics.transition("c1", State.CONFIRMATION, Intent.CONFIRM, State.TICKET_CREATED);
            metrics.ticketCreated(ticket);
            metrics.turnCompleted(
                    message,
                    new TurnResult("c1", 3, "created", State.TICKET_CREATED, Slots.EMPTY, ticket),
                    Duration.ofMillis(900));
            metrics.statusLookedUp("c1", true);
            metrics.ticketUpdated(
                    ticket, new TicketChange(ticket.ticketId(), "customer:u1", TicketStatus.CLOSED, null, now));
            metrics.turnFailed(message, new IllegalStateException("boom"), Duration.ofMillis(5));
            metrics.messageReceived("replay", "rejected");

            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/metrics"))
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            Set<String> names = new HashSet<>();
            response.body()
                    .lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .forEach(line -> names.add(line.split("[{ ]", 2)[0]));
            return names;
        }
    }
}
