package dev.escalation.runner;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Where the runner serves its Prometheus metrics and what the language models cost, read from
 * environment variables.
 *
 * <p>Immutable and thread-safe. Example:
 * {@code MetricsConfig.fromEnvironment(Map.of("ESCALATION_PROMETHEUS_METRICS_PORT", "9100")).port()}.
 *
 * @param port the port set by {@value #PORT}, or empty when it is unset (the chat then takes
 *     {@value #DEFAULT_PORT}; a replay serves no metrics); 0 picks a free port
 * @param prices dollars per million input and output tokens by {@code provider/model}; empty means no
 *     cost metrics at all
 */
public record MetricsConfig(OptionalInt port, Map<String, ModelPrice> prices) {

    /** The port of {@code /metrics}. */
    public static final String PORT = "ESCALATION_PROMETHEUS_METRICS_PORT";
    /** The price table: {@code provider/model=input:output,...} in dollars per million tokens. */
    public static final String MODEL_PRICES = "ESCALATION_MODEL_PRICES";
    /** The port the chat serves metrics on when {@value #PORT} is unset. */
    public static final int DEFAULT_PORT = 9094;

    public MetricsConfig {
        Objects.requireNonNull(port, "port");
        if (port.isPresent() && (port.getAsInt() < 0 || port.getAsInt() > 65_535)) {
            throw new IllegalArgumentException("port must be 0 to 65535, but was " + port.getAsInt());
        }
        prices = Map.copyOf(Objects.requireNonNull(prices, "prices"));
    }

    /** The port to serve on when metrics are wanted by default: the one set, else {@value #DEFAULT_PORT}. */
    public int portOrDefault() {
        return port.orElse(DEFAULT_PORT);
    }

    /**
     * Reads {@value #PORT} and {@value #MODEL_PRICES}; unset or blank takes the default.
     *
     * @throws InvalidConfigurationException naming the variable and its value if a value is not usable
     */
    public static MetricsConfig fromEnvironment(Map<String, String> env) {
        Objects.requireNonNull(env, "env");
        return new MetricsConfig(port(env.get(PORT)), prices(env.get(MODEL_PRICES)));
    }

    private static OptionalInt port(String value) {
        if (value == null || value.isBlank()) {
            return OptionalInt.empty();
        }
        try {
            int port = Integer.parseInt(value.strip());
            if (port >= 0 && port <= 65_535) {
                return OptionalInt.of(port);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidConfigurationException(
                PORT + " must be a port number from 0 to 65535, but was '" + value + "'");
    }

    private static Map<String, ModelPrice> prices(String value) {
        Map<String, ModelPrice> prices = new LinkedHashMap<>();
        if (value == null || value.isBlank()) {
            return prices;
        }
        for (String entry : value.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int equals = entry.lastIndexOf('=');
            String[] amounts =
                    equals < 0 ? new String[0] : entry.substring(equals + 1).split(":", -1);
            String model = equals < 0 ? "" : entry.substring(0, equals).strip();
            if (model.isEmpty() || amounts.length < 2 || amounts.length > 3) {
                throw new InvalidConfigurationException(
                        MODEL_PRICES + " must be provider/model=input:output[:cached_input],..."
                                + " in dollars per million tokens (e.g. openai/gpt-4o-mini=0.15:0.60:0.075), but had '"
                                + entry.strip() + "'");
            }
            try {
                double input = Double.parseDouble(amounts[0].strip());
                double output = Double.parseDouble(amounts[1].strip());
                prices.put(
                        model,
                        amounts.length == 3
                                ? new ModelPrice(input, output, Double.parseDouble(amounts[2].strip()))
                                : new ModelPrice(input, output));
            } catch (IllegalArgumentException e) {
                throw new InvalidConfigurationException(
                        MODEL_PRICES + " must give two or three prices of zero or more for " + model + ", but had '"
                                + entry.strip() + "'");
            }
        }
        return prices;
    }
}
