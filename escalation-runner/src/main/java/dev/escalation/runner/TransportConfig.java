package dev.escalation.runner;

import dev.escalation.runner.eggai.Channels;
import dev.escalation.runner.eggai.EggAiCodec;
import dev.escalation.runner.eggai.ReplyForm;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Where the agent talks to the other EggAI agents, from the environment: {@value #TRANSPORT}
 * ({@code console}, {@code memory} or {@code kafka}), {@value #BOOTSTRAP_SERVERS}, the topics,
 * {@value #REPLY_FORM}, {@value #MAX_MESSAGE_BYTES} and {@value #AUTO_OFFSET_RESET}.
 *
 * <p>The topics follow the EggAI SDK and demo: {@code {EGGAI_NAMESPACE}.{deployment}-{base}}, with
 * {@value #SDK_NAMESPACE} ({@code eggai} by default), the deployment namespace from {@value #NAMESPACE},
 * else {@value #CHANNEL_NAMESPACE}, else {@value #LEGACY_NAMESPACE} (none by default), and the demo's
 * base-name overrides {@code CHANNEL_AGENTS_BASE}, {@code CHANNEL_HUMAN_BASE} and
 * {@code CHANNEL_HUMAN_STREAM_BASE}; each whole topic name can be set instead with
 * {@value #AGENTS_TOPIC}, {@value #HUMAN_TOPIC}, {@value #HUMAN_STREAM_TOPIC} and {@value #DEAD_LETTER_TOPIC}.
 *
 * <p>Immutable and thread-safe. Example: {@code TransportConfig.fromEnvironment(System::getenv).channels()}.
 *
 * @param transport {@code console}, {@code memory} or {@code kafka}
 * @param bootstrapServers the Kafka brokers
 * @param channels the channel (topic) names, prefixed with the namespace
 * @param maxMessageBytes longer messages on the agents channel are dead-lettered
 * @param autoOffsetReset where a new consumer group starts: {@code latest} or {@code earliest}
 * @param replyForm how replies are sent: streamed (the default), as one message, or both
 */
public record TransportConfig(
        String transport,
        String bootstrapServers,
        Channels channels,
        int maxMessageBytes,
        String autoOffsetReset,
        ReplyForm replyForm) {

    /**
     * The transport: {@code console} (the chat; the default when standard input is a terminal),
     * {@code memory} (in-process channels; the default otherwise) or {@code kafka}.
     */
    public static final String TRANSPORT = "ESCALATION_TRANSPORT";
    /** The Kafka brokers. */
    public static final String BOOTSTRAP_SERVERS = "ESCALATION_KAFKA_BOOTSTRAP_SERVERS";
    /** The deployment namespace, {@code NS-} before each base name. */
    public static final String NAMESPACE = "ESCALATION_DEPLOYMENT_NAMESPACE";
    /** The deployment namespace as the EggAI demo's channel settings read it first. */
    public static final String CHANNEL_NAMESPACE = "CHANNEL_DEPLOYMENT_NAMESPACE";
    /** The deployment namespace as the other EggAI agents read it, used when the two above are unset. */
    public static final String LEGACY_NAMESPACE = "DEPLOYMENT_NAMESPACE";
    /** The EggAI SDK's namespace, {@code NS.} before each topic; {@code eggai} when unset. */
    public static final String SDK_NAMESPACE = "EGGAI_NAMESPACE";
    /** The whole name of the topic requests are read from, instead of the SDK's rule. */
    public static final String AGENTS_TOPIC = "ESCALATION_AGENTS_TOPIC";
    /** The whole name of the topic whole replies go to, instead of the SDK's rule. */
    public static final String HUMAN_TOPIC = "ESCALATION_HUMAN_TOPIC";
    /** The whole name of the topic streamed replies go to, instead of the SDK's rule. */
    public static final String HUMAN_STREAM_TOPIC = "ESCALATION_HUMAN_STREAM_TOPIC";
    /** The whole name of the dead-letter topic, instead of the SDK's rule. */
    public static final String DEAD_LETTER_TOPIC = "ESCALATION_DEAD_LETTER_TOPIC";
    /** How replies are sent: {@code stream} (the default), {@code message} or {@code both}. */
    public static final String REPLY_FORM = "ESCALATION_REPLY_FORM";
    /** The longest message accepted on the agents channel, in bytes. */
    public static final String MAX_MESSAGE_BYTES = "ESCALATION_MAX_MESSAGE_BYTES";
    /** Where a new consumer group starts reading. */
    public static final String AUTO_OFFSET_RESET = "ESCALATION_KAFKA_AUTO_OFFSET_RESET";
    /** The consumer group of the agent. */
    public static final String GROUP = "escalation_agent_group";
    /** The brokers when {@value #BOOTSTRAP_SERVERS} is unset. */
    public static final String DEFAULT_BOOTSTRAP_SERVERS = "localhost:19092";

    private static final List<String> TRANSPORTS = List.of("console", "memory", "kafka");

    public TransportConfig {
        Objects.requireNonNull(transport, "transport");
        if (!TRANSPORTS.contains(transport)) {
            throw new IllegalArgumentException("transport must be one of " + TRANSPORTS + ", but was " + transport);
        }
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(channels, "channels");
        if (maxMessageBytes < 1) {
            throw new IllegalArgumentException("maxMessageBytes must be at least 1, but was " + maxMessageBytes);
        }
        if (!List.of("latest", "earliest").contains(autoOffsetReset)) {
            throw new IllegalArgumentException(
                    "autoOffsetReset must be latest or earliest, but was " + autoOffsetReset);
        }
        Objects.requireNonNull(replyForm, "replyForm");
    }

    /**
     * Reads the settings; {@code env} answers null for an unset variable. Without {@value #TRANSPORT},
     * the transport is {@code console} when this process's standard input is a terminal, else
     * {@code memory}.
     *
     * @throws InvalidConfigurationException naming the variable and the value when one is not usable
     */
    public static TransportConfig fromEnvironment(UnaryOperator<String> env) {
        return fromEnvironment(env, System.console() != null);
    }

    /**
     * Like {@link #fromEnvironment(UnaryOperator)}, with {@code interactive} saying whether a person
     * types at a terminal (then {@code console} is the default transport, else {@code memory}).
     */
    public static TransportConfig fromEnvironment(UnaryOperator<String> env, boolean interactive) {
        String transport =
                value(env, TRANSPORT, interactive ? "console" : "memory").toLowerCase(Locale.ROOT);
        if (!TRANSPORTS.contains(transport)) {
            throw new InvalidConfigurationException(
                    TRANSPORT + " must be console, memory or kafka, but was '" + transport + "'");
        }
        String bytesText = value(env, MAX_MESSAGE_BYTES, String.valueOf(EggAiCodec.DEFAULT_MAX_MESSAGE_BYTES));
        int bytes;
        try {
            bytes = Integer.parseInt(bytesText);
        } catch (NumberFormatException e) {
            bytes = -1;
        }
        if (bytes < 1) {
            throw new InvalidConfigurationException(
                    MAX_MESSAGE_BYTES + " must be a positive number of bytes, but was '" + bytesText + "'");
        }
        String reset = value(env, AUTO_OFFSET_RESET, "latest").toLowerCase(Locale.ROOT);
        if (!List.of("latest", "earliest").contains(reset)) {
            throw new InvalidConfigurationException(
                    AUTO_OFFSET_RESET + " must be latest or earliest, but was '" + reset + "'");
        }
        ReplyForm replyForm;
        try {
            replyForm = ReplyForm.parse(value(env, REPLY_FORM, "stream"));
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(
                    REPLY_FORM + " must be stream, message or both, but was '" + env.apply(REPLY_FORM) + "'");
        }
        return new TransportConfig(
                transport,
                value(env, BOOTSTRAP_SERVERS, DEFAULT_BOOTSTRAP_SERVERS),
                channels(env),
                bytes,
                reset,
                replyForm);
    }

    // The SDK's rule over the demo's base names, then any topic set whole; every name checked as Kafka does.
    private static Channels channels(UnaryOperator<String> env) {
        String deploymentVariable =
                env.apply(NAMESPACE) != null && !env.apply(NAMESPACE).isBlank()
                        ? NAMESPACE
                        : env.apply(CHANNEL_NAMESPACE) != null
                                        && !env.apply(CHANNEL_NAMESPACE).isBlank()
                                ? CHANNEL_NAMESPACE
                                : LEGACY_NAMESPACE;
        String deployment = legal(deploymentVariable, value(env, deploymentVariable, ""), true);
        String sdk = legal(SDK_NAMESPACE, value(env, SDK_NAMESPACE, Channels.SDK_NAMESPACE), false);
        Channels bases = new Channels(
                legal("CHANNEL_AGENTS_BASE", value(env, "CHANNEL_AGENTS_BASE", "agents"), false),
                legal("CHANNEL_HUMAN_BASE", value(env, "CHANNEL_HUMAN_BASE", "human"), false),
                legal("CHANNEL_HUMAN_STREAM_BASE", value(env, "CHANNEL_HUMAN_STREAM_BASE", "human_stream"), false),
                Channels.DEFAULT.deadLetter());
        Channels byRule = Channels.eggai(sdk, deployment, bases);
        return new Channels(
                legal(AGENTS_TOPIC, value(env, AGENTS_TOPIC, byRule.agents()), false),
                legal(HUMAN_TOPIC, value(env, HUMAN_TOPIC, byRule.human()), false),
                legal(HUMAN_STREAM_TOPIC, value(env, HUMAN_STREAM_TOPIC, byRule.humanStream()), false),
                legal(DEAD_LETTER_TOPIC, value(env, DEAD_LETTER_TOPIC, byRule.deadLetter()), false));
    }

    // Kafka's rule for topic names: letters, digits, '.', '_' and '-', at most 249 characters.
    private static String legal(String variable, String name, boolean mayBeEmpty) {
        if ((mayBeEmpty && name.isEmpty()) || name.matches("[A-Za-z0-9._-]{1,200}")) {
            return name;
        }
        throw new InvalidConfigurationException(variable + " may hold only letters, digits, '.', '_' and '-' (at most"
                + " 200), but was '" + name + "'");
    }

    private static String value(UnaryOperator<String> env, String name, String fallback) {
        String value = env.apply(name);
        return value == null || value.isBlank() ? fallback : value.strip();
    }
}
