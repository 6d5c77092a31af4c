package dev.escalation.runner.internal.console;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Decides whether a request may reach the console: the token (when one is set), the Host header (a
 * loopback console answers only to loopback names, so a rebound DNS name cannot reach it), and for a
 * state-changing request the cross-site forgery checks (same origin, JSON body, the session's
 * anti-forgery header).
 *
 * <p>Immutable and thread-safe. Not a published API. Example: {@code guard.refusal(exchange)}.
 */
final class ConsoleGuard {

    /** The cookie a browser keeps once it has shown the token. */
    static final String COOKIE = "escalation_console";
    /** The header every state-changing request carries, with {@link #csrfToken()}. */
    static final String CSRF_HEADER = "X-Console-CSRF";

    /** Why a request is refused, and with which status. */
    record Refusal(int status, String message) {}

    private final Optional<String> token;
    private final Optional<String> cookieValue;
    private final boolean loopbackOnly;
    private final String csrfToken;
    private volatile int port;

    ConsoleGuard(Optional<String> token, boolean loopbackOnly, SecureRandom random) {
        this.token = token;
        this.cookieValue = token.map(ConsoleGuard::sessionValue);
        this.loopbackOnly = loopbackOnly;
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        this.csrfToken = HexFormat.of().formatHex(bytes);
    }

    /** The port the server listens on, known once it is bound. */
    void listeningOn(int value) {
        this.port = value;
    }

    /** The anti-forgery token of this run of the console; the page reads it from {@code /api/session}. */
    String csrfToken() {
        return csrfToken;
    }

    boolean tokenRequired() {
        return token.isPresent();
    }

    /** The cookie that stands for the token, as a {@code Set-Cookie} value. */
    Optional<String> sessionCookie() {
        return cookieValue.map(value -> COOKIE + "=" + value + "; HttpOnly; SameSite=Strict; Path=/");
    }

    /** True when the request's query holds the right {@code token=}: it is then traded for the cookie. */
    boolean presentsTokenInQuery(URI uri) {
        return token.isPresent()
                && queryToken(uri).map(given -> same(given, token.get())).orElse(false);
    }

    /** Why the request may not proceed, or empty when it may. */
    Optional<Refusal> refusal(HttpExchange exchange) {
        Headers headers = exchange.getRequestHeaders();
        String host = headers.getFirst("Host");
        if (loopbackOnly && !loopbackHost(host)) {
            return Optional.of(new Refusal(403, "this console answers only at 127.0.0.1, localhost or [::1]"));
        }
        if (token.isPresent() && !authenticated(headers)) {
            return Optional.of(new Refusal(
                    401,
                    "this console needs its token: open it once with ?token=..., or send"
                            + " Authorization: Bearer ..."));
        }
        if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
            return forgeryRefusal(headers, host);
        }
        return Optional.empty();
    }

    private Optional<Refusal> forgeryRefusal(Headers headers, String host) {
        String origin = headers.getFirst("Origin");
        if (origin != null && !origin.equals("http://" + host)) {
            return Optional.of(new Refusal(403, "a change must come from this console's own page, not from " + origin));
        }
        String site = headers.getFirst("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            return Optional.of(
                    new Refusal(403, "a change must come from this console's own page (Sec-Fetch-Site: " + site + ")"));
        }
        String type = headers.getFirst("Content-Type");
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            return Optional.of(new Refusal(415, "a change must be sent as application/json"));
        }
        String csrf = headers.getFirst(CSRF_HEADER);
        if (csrf == null || !same(csrf, csrfToken)) {
            return Optional.of(new Refusal(
                    403, "a change needs the " + CSRF_HEADER + " header of this console's page;" + " reload the page"));
        }
        return Optional.empty();
    }

    private boolean authenticated(Headers headers) {
        String authorization = headers.getFirst("Authorization");
        if (authorization != null
                && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                && same(authorization.substring(7).strip(), token.orElseThrow())) {
            return true;
        }
        List<String> cookies = headers.getOrDefault("Cookie", List.of());
        for (String line : cookies) {
            for (String cookie : line.split(";")) {
                String[] pair = cookie.strip().split("=", 2);
                if (pair.length == 2 && pair[0].equals(COOKIE) && same(pair[1], cookieValue.orElseThrow())) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean loopbackHost(String host) {
        if (host == null) {
            return false;
        }
        String suffix = ":" + port;
        return host.equals("127.0.0.1" + suffix) || host.equals("localhost" + suffix) || host.equals("[::1]" + suffix);
    }

    static Optional<String> queryToken(URI uri) {
        String query = uri.getRawQuery();
        if (query == null) {
            return Optional.empty();
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith("token=")) {
                return Optional.of(java.net.URLDecoder.decode(pair.substring(6), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }

    // Constant time, so the token cannot be found a character at a time by timing the answers.
    private static boolean same(String given, String expected) {
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }

    // The cookie holds a value derived from the token rather than the token itself, so a copied cookie
    // does not reveal the secret an operator types or scripts use.
    private static String sessionValue(String token) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal("escalation-console-session".getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
