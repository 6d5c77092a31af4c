package dev.escalation.runner;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which database several instances share, if any, and how long an idle conversation stays open, read
 * from environment variables. Without {@value #URL} the runner keeps everything in the SQLite file
 * of {@link RunnerConfig#TICKET_DATABASE_PATH}.
 *
 * <p>Immutable and thread-safe. Example:
 * {@code DatabaseConfig.fromEnvironment(Map.of("ESCALATION_CONVERSATION_TTL", "30m")).conversationTtl()}.
 *
 * @param url the PostgreSQL JDBC URL set by {@value #URL}, or empty for the SQLite file
 * @param user the user set by {@value #USER}, or empty to take the URL's {@code user} parameter
 * @param password the password set by {@value #PASSWORD}, or empty to take the URL's parameter
 * @param conversationTtl how long a conversation in progress may go without a message before it expires
 */
public record DatabaseConfig(
        Optional<String> url, Optional<String> user, Optional<String> password, Duration conversationTtl) {

    /** A PostgreSQL database shared by several instances: {@code jdbc:postgresql://host:port/database}. */
    public static final String URL = "ESCALATION_DATABASE_URL";
    /** The PostgreSQL user, if not in the URL. */
    public static final String USER = "ESCALATION_DATABASE_USER";
    /** The PostgreSQL password, if not in the URL. */
    public static final String PASSWORD = "ESCALATION_DATABASE_PASSWORD";
    /** How long an idle conversation stays open: ISO-8601 ({@code PT24H}) or {@code 24h}, {@code 30m}, ... */
    public static final String CONVERSATION_TTL = "ESCALATION_CONVERSATION_TTL";
    /** The conversation TTL when {@value #CONVERSATION_TTL} is unset. */
    public static final Duration DEFAULT_CONVERSATION_TTL = Duration.ofHours(24);

    private static final String POSTGRES_PREFIX = "jdbc:postgresql:";
    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d{1,9})\\s*(d|h|m|min|s)");

    public DatabaseConfig {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(conversationTtl, "conversationTtl");
        if (conversationTtl.isNegative() || conversationTtl.isZero()) {
            throw new IllegalArgumentException("conversationTtl must be positive, but was " + conversationTtl);
        }
    }

    /**
     * Reads {@value #URL}, {@value #USER}, {@value #PASSWORD} and {@value #CONVERSATION_TTL}; unset or
     * blank takes the default.
     *
     * @throws InvalidConfigurationException naming the variable and its value (never a password) if a
     *     value is not usable
     */
    public static DatabaseConfig fromEnvironment(Map<String, String> env) {
        Objects.requireNonNull(env, "env");
        return new DatabaseConfig(url(env), value(env, USER), value(env, PASSWORD), ttl(env));
    }

    /** The URL without its parameters, which may hold a password: fit for messages and logs. */
    public Optional<String> displayUrl() {
        return url.map(DatabaseConfig::withoutParameters);
    }

    /** Says whether a password is set, never what it is. */
    @Override
    public String toString() {
        return "DatabaseConfig[url=" + displayUrl().orElse("(SQLite file)") + ", user=" + user.orElse("(from URL)")
                + ", password=" + (password.isPresent() ? "(set)" : "(none)") + ", conversationTtl=" + conversationTtl
                + "]";
    }

    private static Optional<String> url(Map<String, String> env) {
        Optional<String> value = value(env, URL).map(String::strip);
        if (value.isPresent()
                && (!value.get().startsWith(POSTGRES_PREFIX) || value.get().length() == POSTGRES_PREFIX.length())) {
            throw new InvalidConfigurationException(URL + " must be a jdbc:postgresql://host:port/database URL (the"
                    + " SQLite file is set by " + RunnerConfig.TICKET_DATABASE_PATH + "), but was '"
                    + withoutParameters(value.get()) + "'");
        }
        return value;
    }

    private static Duration ttl(Map<String, String> env) {
        Optional<String> value = value(env, CONVERSATION_TTL);
        if (value.isEmpty()) {
            return DEFAULT_CONVERSATION_TTL;
        }
        String text = value.get().strip();
        Duration ttl;
        Matcher simple = SIMPLE_DURATION.matcher(text.toLowerCase(Locale.ROOT));
        if (simple.matches()) {
            long amount = Long.parseLong(simple.group(1));
            ttl = switch (simple.group(2)) {
                case "d" -> Duration.ofDays(amount);
                case "h" -> Duration.ofHours(amount);
                case "m", "min" -> Duration.ofMinutes(amount);
                default -> Duration.ofSeconds(amount);
            };
        } else {
            try {
                ttl = Duration.parse(text);
            } catch (DateTimeParseException e) {
                throw new InvalidConfigurationException(CONVERSATION_TTL + " must be a duration such as 24h, 30m, 2d or"
                        + " PT24H, but was '" + value.get() + "'");
            }
        }
        if (ttl.isNegative() || ttl.isZero()) {
            throw new InvalidConfigurationException(
                    CONVERSATION_TTL + " must be longer than zero, but was '" + value.get() + "'");
        }
        return ttl;
    }

    private static String withoutParameters(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    private static Optional<String> value(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }
}
