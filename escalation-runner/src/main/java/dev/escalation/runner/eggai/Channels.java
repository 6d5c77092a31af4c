package dev.escalation.runner.eggai;

/**
 * The names of the channels (Kafka topics) the service uses.
 *
 * <p>The EggAI SDK's {@code Channel(name)} is the topic {@code {EGGAI_NAMESPACE}.{name}} (namespace
 * {@code eggai} by default), and the EggAI demo names its channels {@code {DEPLOYMENT_NAMESPACE}-{base}}
 * when a deployment namespace is set; {@link #eggai} puts the two rules together, so that the service
 * meets unmodified SDK agents on {@code eggai.agents}, {@code eggai.human} and {@code eggai.human_stream}.
 *
 * <p>Immutable and thread-safe. Example: {@code Channels.eggai("eggai", "prod", Channels.DEFAULT).agents()}
 * is {@code "eggai.prod-agents"}.
 *
 * @param agents where requests arrive
 * @param human where whole replies go ({@code agent_message}), when the reply form sends them
 * @param humanStream where streamed replies go ({@code agent_message_stream_*})
 * @param deadLetter where messages that cannot be taken go, with their original bytes
 */
public record Channels(String agents, String human, String humanStream, String deadLetter) {

    /**
     * The base names, without any namespace: {@code agents}, {@code human}, {@code human_stream},
     * {@code escalation_dlq}.
     */
    public static final Channels DEFAULT = new Channels("agents", "human", "human_stream", "escalation_dlq");
    /** The EggAI SDK's namespace when {@code EGGAI_NAMESPACE} is unset. */
    public static final String SDK_NAMESPACE = "eggai";
    /** The names an unmodified EggAI SDK agent uses: {@code eggai.agents}, {@code eggai.human}, … */
    public static final Channels SDK_DEFAULT = eggai(SDK_NAMESPACE, null, DEFAULT);

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
        return DEFAULT.withDeploymentNamespace(namespace);
    }

    /**
     * The SDK's names of the {@code bases}: each is {@code sdkNamespace.deploymentNamespace-base}, without
     * {@code deploymentNamespace-} when that is null or blank, and without {@code sdkNamespace.} when that is.
     */
    public static Channels eggai(String sdkNamespace, String deploymentNamespace, Channels bases) {
        Channels named = bases.withDeploymentNamespace(deploymentNamespace);
        if (sdkNamespace == null || sdkNamespace.isBlank()) {
            return named;
        }
        String prefix = sdkNamespace.strip() + ".";
        return new Channels(
                prefix + named.agents, prefix + named.human, prefix + named.humanStream, prefix + named.deadLetter);
    }

    private Channels withDeploymentNamespace(String namespace) {
        if (namespace == null || namespace.isBlank()) {
            return this;
        }
        String prefix = namespace.strip() + "-";
        return new Channels(prefix + agents, prefix + human, prefix + humanStream, prefix + deadLetter);
    }
}
