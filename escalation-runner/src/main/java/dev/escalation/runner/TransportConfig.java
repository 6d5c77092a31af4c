package dev.escalation.runner;

import dev.escalation.runner.eggai.Channels;
import dev.escalation.runner.eggai.EggAiCodec;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Where the agent talks to the other EggAI agents, from the environment: {@value #TRANSPORT}
 * ({@code console}, {@code memory} or {@code kafka}), {@value #BOOTSTRAP_SERVERS}, the namespace that
 * prefixes the topics ({@value #NAMESPACE}, else {@value #LEGACY_NAMESPACE}), {@value #MAX_MESSAGE_BYTES}
 * and {@value #AUTO_OFFSET_RESET}.
 *
 * <p>Immutable and thread-safe. Example: {@code TransportConfig.fromEnvironment(System::getenv).channels()}.
 *
 * @param transport {@code console}, {@code memory} or {@code kafka}
 * @param bootstrapServers the Kafka brokers
 * @param channels the channel (topic) names, prefixed with the namespace
 * @param maxMessageBytes longer messages on the agents channel are dead-lettered
 * @param autoOffsetReset where a new consumer group starts: {@code latest} or {@code earliest}
 */
public record TransportConfig(String transport, String bootstrapServers, Channels channels, int maxMessageBytes,
    String autoOffsetReset) {

  /**
   * The transport: {@code console} (the chat; the default when standard input is a terminal),
   * {@code memory} (in-process channels; the default otherwise) or {@code kafka}.
   */
  public static final String TRANSPORT = "ESCALATION_TRANSPORT";
  /** The Kafka brokers. */
  public static final String BOOTSTRAP_SERVERS = "ESCALATION_KAFKA_BOOTSTRAP_SERVERS";
  /** The namespace prefixing the topics. */
  public static final String NAMESPACE = "ESCALATION_DEPLOYMENT_NAMESPACE";
  /** The namespace as the other EggAI agents read it, used when {@value #NAMESPACE} is unset. */
  public static final String LEGACY_NAMESPACE = "DEPLOYMENT_NAMESPACE";
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
      throw new IllegalArgumentException("autoOffsetReset must be latest or earliest, but was " + autoOffsetReset);
    }
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
    String transport = value(env, TRANSPORT, interactive ? "console" : "memory").toLowerCase(Locale.ROOT);
    if (!TRANSPORTS.contains(transport)) {
      throw new InvalidConfigurationException(TRANSPORT + " must be console, memory or kafka, but was '"
          + transport + "'");
    }
    String namespace = value(env, NAMESPACE, value(env, LEGACY_NAMESPACE, ""));
    String bytesText = value(env, MAX_MESSAGE_BYTES, String.valueOf(EggAiCodec.DEFAULT_MAX_MESSAGE_BYTES));
    int bytes;
    try {
      bytes = Integer.parseInt(bytesText);
    } catch (NumberFormatException e) {
      bytes = -1;
    }
    if (bytes < 1) {
      throw new InvalidConfigurationException(MAX_MESSAGE_BYTES + " must be a positive number of bytes, but was '"
          + bytesText + "'");
    }
    String reset = value(env, AUTO_OFFSET_RESET, "latest").toLowerCase(Locale.ROOT);
    if (!List.of("latest", "earliest").contains(reset)) {
      throw new InvalidConfigurationException(AUTO_OFFSET_RESET + " must be latest or earliest, but was '"
          + reset + "'");
    }
    if (!namespace.isBlank() && !namespace.strip().matches("[A-Za-z0-9._-]+")) {
      throw new InvalidConfigurationException(NAMESPACE + " (or " + LEGACY_NAMESPACE
          + ") may hold only letters, digits, '.', '_' and '-', but was '" + namespace + "'");
    }
    return new TransportConfig(transport, value(env, BOOTSTRAP_SERVERS, DEFAULT_BOOTSTRAP_SERVERS),
        Channels.forNamespace(namespace), bytes, reset);
  }

  private static String value(UnaryOperator<String> env, String name, String fallback) {
    String value = env.apply(name);
    return value == null || value.isBlank() ? fallback : value.strip();
  }
}
