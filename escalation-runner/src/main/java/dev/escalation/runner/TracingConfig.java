package dev.escalation.runner;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether and where the runner exports traces, read from environment variables.
 *
 * <p>Immutable and thread-safe. Example:
 * {@code TracingConfig.fromEnvironment(Map.of("ESCALATION_OTEL_ENDPOINT", "http://localhost:4318")).endpoint()}.
 *
 * @param endpoint the OTLP/HTTP collector's base URL ({@code /v1/traces} is appended), or empty for no
 *     export at all
 * @param traceContent whether customer text and replies (with personal data masked) go into spans
 */
public record TracingConfig(Optional<URI> endpoint, boolean traceContent) {

    /** The OTLP/HTTP collector, for example {@code http://localhost:4318}; unset means no traces. */
    public static final String ENDPOINT = "ESCALATION_OTEL_ENDPOINT";
    /** {@code true} to put customer text (masked) into spans; default {@code false}. */
    public static final String TRACE_CONTENT = "ESCALATION_TRACE_CONTENT";

    public TracingConfig {
        Objects.requireNonNull(endpoint, "endpoint");
    }

    /**
     * Reads {@value #ENDPOINT} and {@value #TRACE_CONTENT}; unset or blank takes the default.
     *
     * @throws InvalidConfigurationException naming the variable and its value if a value is not usable
     */
    public static TracingConfig fromEnvironment(Map<String, String> env) {
        Objects.requireNonNull(env, "env");
        return new TracingConfig(endpoint(env.get(ENDPOINT)), traceContent(env.get(TRACE_CONTENT)));
    }

    private static Optional<URI> endpoint(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(value.strip());
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return Optional.of(uri);
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new InvalidConfigurationException(
                ENDPOINT + " must be an http or https URL such as http://localhost:4318," + " but was '" + value + "'");
    }

    private static boolean traceContent(String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default ->
                throw new InvalidConfigurationException(
                        TRACE_CONTENT + " must be true or false, but was '" + value + "'");
        };
    }
}
