package dev.escalation.runner.internal.console;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.escalation.runner.ConsoleConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web console's HTTP server: the page and its assets from the jar, and the JSON API under
 * {@code /api}, every request through {@link ConsoleGuard} first.
 *
 * <p>The JDK's own server ({@code com.sun.net.httpserver}): the console needs a handful of routes,
 * a streamed response and a few headers, which it does in a few hundred lines without a dependency.
 *
 * <p>Thread-safe; close once. Not a published API. Example:
 * {@code try (ConsoleServer server = ConsoleServer.start(config, backend)) { ... server.uri() ... }}.
 */
public final class ConsoleServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ConsoleServer.class);

    // No inline script or style anywhere; every asset and call goes to the console itself.
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private static final Map<String, String> ASSETS = Map.of(
            "/assets/console.js", "text/javascript; charset=utf-8",
            "/assets/console.css", "text/css; charset=utf-8",
            "/assets/favicon.svg", "image/svg+xml");

    private final HttpServer server;
    private final ExecutorService executor;
    private final ConsoleGuard guard;
    private final ConsoleApi api;

    private ConsoleServer(HttpServer server, ExecutorService executor, ConsoleGuard guard, ConsoleApi api) {
        this.server = server;
        this.executor = executor;
        this.guard = guard;
        this.api = api;
    }

    /**
     * Listens where {@code config} says and serves {@code backend}.
     *
     * @throws UncheckedIOException naming the address if it cannot listen there (for example, the port is taken)
     */
    public static ConsoleServer start(ConsoleConfig config, ConsoleBackend backend) {
        InetSocketAddress address = new InetSocketAddress(config.bind(), config.port());
        HttpServer http;
        try {
            http = HttpServer.create(address, 50);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "unable to listen on " + config.bind().getHostAddress() + ":" + config.port() + ": "
                            + e.getMessage(),
                    e);
        }
        ConsoleGuard guard = new ConsoleGuard(config.token(), config.bind().isLoopbackAddress(), new SecureRandom());
        guard.listeningOn(http.getAddress().getPort());
        // Several threads, so a reply streaming slowly to one browser tab never holds up the others.
        ExecutorService executor = Executors.newFixedThreadPool(8, runnable -> {
            Thread thread = new Thread(runnable, "escalation-console");
            thread.setDaemon(true);
            return thread;
        });
        ConsoleServer console = new ConsoleServer(http, executor, guard, new ConsoleApi(backend, guard));
        http.createContext("/", console::handle);
        http.setExecutor(executor);
        http.start();
        return console;
    }

    /** Where the console answers, e.g. {@code http://127.0.0.1:8484/}. */
    public URI uri() {
        InetSocketAddress address = server.getAddress();
        String host = address.getAddress().isAnyLocalAddress()
                ? "127.0.0.1"
                : address.getAddress().getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort() + "/");
    }

    /** Whether every request needs the token. */
    public boolean tokenRequired() {
        return guard.tokenRequired();
    }

    private void handle(HttpExchange exchange) {
        try (exchange) {
            var headers = exchange.getResponseHeaders();
            headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("Referrer-Policy", "no-referrer");
            headers.set("X-Frame-Options", "DENY");
            headers.set("Cache-Control", "no-store");
            URI uri = exchange.getRequestURI();
            if ("GET".equals(exchange.getRequestMethod()) && guard.presentsTokenInQuery(uri)) {
                // The token leaves the address bar (and the history) at once; the cookie stands for it from now on.
                headers.add("Set-Cookie", guard.sessionCookie().orElseThrow());
                headers.set("Location", uri.getRawPath());
                exchange.sendResponseHeaders(303, -1);
                return;
            }
            Optional<ConsoleGuard.Refusal> refusal = guard.refusal(exchange);
            if (refusal.isPresent()) {
                refuse(exchange, uri.getRawPath(), refusal.get());
                return;
            }
            route(exchange, uri.getRawPath());
        } catch (IOException e) {
            log.debug(
                    "console request {} ended early: {}",
                    exchange.getRequestURI().getPath(),
                    e.toString());
        } catch (RuntimeException e) {
            log.warn("console request {} failed: {}", exchange.getRequestURI().getPath(), e.toString());
            try {
                Http.error(exchange, 500, "the console failed: " + e.getMessage());
            } catch (IOException | RuntimeException ignored) {
                // the response was under way already; the browser sees it cut short
            }
        }
    }

    // The page's own calls get JSON they can show; a person who typed the address gets a sentence.
    private static void refuse(HttpExchange exchange, String path, ConsoleGuard.Refusal refusal) throws IOException {
        if (path.startsWith("/api/")) {
            Http.error(exchange, refusal.status(), refusal.message());
        } else {
            Http.send(
                    exchange,
                    refusal.status(),
                    "text/plain; charset=utf-8",
                    ("Escalation console: " + refusal.message() + "\n")
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private void route(HttpExchange exchange, String path) throws IOException {
        if (path.startsWith("/api/")) {
            api.handle(exchange, path.substring("/api".length()));
        } else if (path.equals("/") && isRead(exchange)) {
            asset(exchange, "index.html", "text/html; charset=utf-8");
        } else if (ASSETS.containsKey(path) && isRead(exchange)) {
            asset(exchange, path.substring("/assets/".length()), ASSETS.get(path));
        } else {
            Http.error(exchange, 404, "no page " + path);
        }
    }

    private static boolean isRead(HttpExchange exchange) {
        return "GET".equals(exchange.getRequestMethod());
    }

    private static void asset(HttpExchange exchange, String name, String type) throws IOException {
        try (InputStream in = ConsoleServer.class.getResourceAsStream("/dev/escalation/runner/console/" + name)) {
            if (in == null) {
                Http.error(exchange, 404, "no asset " + name + " in this build");
                return;
            }
            Http.send(exchange, 200, type, in.readAllBytes());
        }
    }

    /** Stops listening; requests under way get a second to finish. */
    @Override
    public void close() {
        server.stop(1);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
