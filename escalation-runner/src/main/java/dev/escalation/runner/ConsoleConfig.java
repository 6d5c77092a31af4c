package dev.escalation.runner;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the web console listens and the token it asks for, read from environment variables. Safe by
 * default: it listens on the loopback address only, and a console on any other address needs a token.
 *
 * <p>Immutable and thread-safe. Example:
 * {@code ConsoleConfig.fromEnvironment(Map.of("ESCALATION_CONSOLE_PORT", "0")).port()}.
 *
 * @param bind the address to listen on ({@value #BIND}, default {@value #DEFAULT_BIND})
 * @param port the port ({@value #PORT}, default {@value #DEFAULT_PORT}); 0 picks a free port
 * @param token what every request must present ({@value #TOKEN}), or empty for none
 */
public record ConsoleConfig(InetAddress bind, int port, Optional<String> token) {

    /** The port of the console. */
    public static final String PORT = "ESCALATION_CONSOLE_PORT";
    /** The address the console listens on. */
    public static final String BIND = "ESCALATION_CONSOLE_BIND";
    /** The token every request must present; required when the console listens beyond loopback. */
    public static final String TOKEN = "ESCALATION_CONSOLE_TOKEN";
    /** The port when {@value #PORT} is unset. */
    public static final int DEFAULT_PORT = 8484;
    /** The address when {@value #BIND} is unset: this machine only. */
    public static final String DEFAULT_BIND = "127.0.0.1";
    /** The shortest token accepted, so that it cannot be guessed by trying. */
    public static final int MIN_TOKEN_LENGTH = 16;

    public ConsoleConfig {
        Objects.requireNonNull(bind, "bind");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0 to 65535, but was " + port);
        }
        Objects.requireNonNull(token, "token");
        if (token.isPresent() && token.get().length() < MIN_TOKEN_LENGTH) {
            throw new IllegalArgumentException("token must be at least " + MIN_TOKEN_LENGTH + " characters, but had "
                    + token.get().length());
        }
        if (!bind.isLoopbackAddress() && token.isEmpty()) {
            throw new IllegalArgumentException("a console on " + bind.getHostAddress() + " needs a token");
        }
    }

    /**
     * Reads {@value #BIND}, {@value #PORT} and {@value #TOKEN}; unset or blank takes the default.
     *
     * @throws InvalidConfigurationException naming the variable if a value is not usable, or naming
     *     {@value #TOKEN} when the address is not a loopback address and no token is set
     */
    public static ConsoleConfig fromEnvironment(Map<String, String> env) {
        Objects.requireNonNull(env, "env");
        InetAddress bind = bind(value(env, BIND, DEFAULT_BIND));
        int port = port(value(env, PORT, String.valueOf(DEFAULT_PORT)));
        Optional<String> token =
                Optional.ofNullable(env.get(TOKEN)).map(String::strip).filter(t -> !t.isEmpty());
        if (token.isPresent() && token.get().length() < MIN_TOKEN_LENGTH) {
            throw new InvalidConfigurationException(TOKEN + " must be at least " + MIN_TOKEN_LENGTH
                    + " characters, but had " + token.get().length());
        }
        if (!bind.isLoopbackAddress() && token.isEmpty()) {
            throw new InvalidConfigurationException("the console would listen on " + bind.getHostAddress() + " (set by "
                    + BIND + "), which other machines can reach: set " + TOKEN + " to a secret of at least "
                    + MIN_TOKEN_LENGTH + " characters, or listen on " + DEFAULT_BIND);
        }
        return new ConsoleConfig(bind, port, token);
    }

    private static String value(Map<String, String> env, String name, String fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    private static InetAddress bind(String value) {
        try {
            return InetAddress.getByName(value);
        } catch (UnknownHostException | SecurityException e) {
            throw new InvalidConfigurationException(BIND + " must be an address of this machine, such as 127.0.0.1 or"
                    + " 0.0.0.0, but was '" + value + "'");
        }
    }

    private static int port(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65_535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidConfigurationException(
                PORT + " must be a port number from 0 to 65535, but was '" + value + "'");
    }
}
