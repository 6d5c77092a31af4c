package dev.escalation.runner.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The Kubernetes probes served beside {@code /metrics}: {@code GET /livez} answers 200 while the
 * process works and 503 once its service died; {@code GET /readyz} answers 200 only when the service
 * can take messages (on Kafka: its consumer owns its partitions and no rebalance is under way) and the
 * database answers, else 503 with the reason in the body. Any other path answers 404.
 *
 * <p>Thread-safe: the checks are set once the service starts and read by the HTTP server's threads.
 * Example: {@code probes.watch(service::notReady, service::isAlive, database::checkReachable)}.
 */
final class Probes implements HttpHandler {

    /** The readiness path. */
    static final String READY = "/readyz";
    /** The liveness path. */
    static final String LIVE = "/livez";
    /** How long a readiness probe waits for the database before it says not ready. */
    static final Duration DATABASE_BUDGET = Duration.ofSeconds(2);

    private volatile Supplier<Optional<String>> serviceNotReady = () -> Optional.of("no service has started");
    private volatile BooleanSupplier alive = () -> true;
    private volatile Runnable databaseCheck = () -> {};
    // The database check under way, so that probes arriving while the database hangs share one query.
    private CompletableFuture<Void> databaseRun;

    /**
     * Starts answering for a service.
     *
     * @param notReady why the service cannot take messages now; empty when it can
     * @param isAlive false once the service died
     * @param checkDatabase throws when the database does not answer
     */
    void watch(Supplier<Optional<String>> notReady, BooleanSupplier isAlive, Runnable checkDatabase) {
        this.serviceNotReady = Objects.requireNonNull(notReady, "notReady");
        this.alive = Objects.requireNonNull(isAlive, "isAlive");
        this.databaseCheck = Objects.requireNonNull(checkDatabase, "checkDatabase");
    }

    /** Why the process is not ready now; empty when it is. */
    Optional<String> notReady() {
        Optional<String> service = serviceNotReady.get();
        if (service.isPresent()) {
            return service;
        }
        return databaseProblem();
    }

    private Optional<String> databaseProblem() {
        CompletableFuture<Void> run;
        synchronized (this) {
            if (databaseRun == null || databaseRun.isDone()) {
                databaseRun = CompletableFuture.runAsync(databaseCheck);
            }
            run = databaseRun;
        }
        try {
            run.get(DATABASE_BUDGET.toMillis(), TimeUnit.MILLISECONDS);
            return Optional.empty();
        } catch (TimeoutException e) {
            return Optional.of("the database did not answer within " + DATABASE_BUDGET.toSeconds() + " s");
        } catch (ExecutionException e) {
            return Optional.of("the database is unreachable: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while asking the database");
        }
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (path.equals(READY)) {
                Optional<String> problem = notReady();
                answer(
                        exchange,
                        problem.isEmpty() ? 200 : 503,
                        problem.map(p -> "not ready: " + p).orElse("ready"));
            } else if (path.equals(LIVE)) {
                boolean live = alive.getAsBoolean();
                answer(exchange, live ? 200 : 503, live ? "live" : "not live: the service's consumer has stopped");
            } else {
                answer(exchange, 404, "not found; try /metrics, " + READY + " or " + LIVE);
            }
        }
    }

    private static void answer(HttpExchange exchange, int status, String text) throws IOException {
        byte[] body = (text + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        boolean head = exchange.getRequestMethod().equalsIgnoreCase("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
