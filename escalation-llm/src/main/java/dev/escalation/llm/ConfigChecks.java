package dev.escalation.llm;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** The checks the configuration records share, each throwing an exception that names the value. */
final class ConfigChecks {
    private ConfigChecks() {}

    static Duration positive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, but was " + value);
        }
        return value;
    }

    static double temperature(double value, String name) {
        if (!(value >= 0 && value <= 2)) {
            throw new IllegalArgumentException(name + " must be from 0 to 2, but was " + value);
        }
        return value;
    }

    static String notBlank(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank, but was '" + value + "'");
        }
        return value;
    }

    static <T> List<T> elements(List<T> value, String name) {
        Objects.requireNonNull(value, name);
        for (int i = 0; i < value.size(); i++) {
            Objects.requireNonNull(value.get(i), name + "[" + i + "]");
        }
        return List.copyOf(value);
    }

    /**
     * {@code value} without a trailing slash when it is an http(s) URL with a host and without user info,
     * query or fragment.
     *
     * @throws IllegalArgumentException naming {@code setting}; a URL that may carry a secret is not echoed
     */
    static String httpUrl(String value, String setting) {
        Objects.requireNonNull(value, setting);
        String trimmed = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
        try {
            URI uri = new URI(trimmed);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https"))
                    && uri.getHost() != null
                    && uri.getUserInfo() == null
                    && uri.getQuery() == null
                    && uri.getFragment() == null) {
                return trimmed;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        String shown =
                value.contains("@") || value.contains("?") ? "(a URL with user info or a query)" : "'" + value + "'";
        throw new IllegalArgumentException(
                setting + " must be an http(s) URL such as http://localhost:1234/v1, but was " + shown);
    }
}
