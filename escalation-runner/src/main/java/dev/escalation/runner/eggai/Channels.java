package dev.escalation.runner.eggai;

/**
 * The names of the channels (Kafka topics) the service uses.
 *
 * <p>Immutable and thread-safe. Example: {@code Channels.forNamespace("prod").agents()} is
 * {@code "prod-agents"}.
 *
 * @param agents where requests arrive
 * @param human where whole replies go ({@code agent_message})
 * @param humanStream where streamed replies go ({@code agent_message_stream_*})
 * @param deadLetter where messages that cannot be taken go, with their original bytes
 */
public record Channels(String agents, String human, String humanStream, String deadLetter) {

  /** The unprefixed names: {@code agents}, {@code human}, {@code human_stream}, {@code escalation_dlq}. */
  public static final Channels DEFAULT = new Channels("agents", "human", "human_stream", "escalation_dlq");

  public Channels {
    for (String name : new String[] {agents, human, humanStream, deadLetter}) {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("channel names must not be blank, but were " + agents + ", " + human
            + ", " + humanStream + ", " + deadLetter);
      }
    }
  }

  /** The names prefixed with {@code namespace-}; unprefixed when the namespace is null or blank. */
  public static Channels forNamespace(String namespace) {
    if (namespace == null || namespace.isBlank()) {
      return DEFAULT;
    }
    String prefix = namespace.strip() + "-";
    return new Channels(prefix + DEFAULT.agents, prefix + DEFAULT.human, prefix + DEFAULT.humanStream,
        prefix + DEFAULT.deadLetter);
  }
}
