package dev.escalation.spring.boot;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;

/**
 * The {@code escalation.*} properties of the starter.
 *
 * <p>Not thread-safe; Spring binds it once at start-up. Example (application.yaml):
 * <pre>
 * escalation:
 *   model: auto
 *   conversation-ttl: 12h
 * </pre>
 */
@ConfigurationProperties(prefix = "escalation")
public class EscalationProperties {

    /**
     * Which language model reads messages and words replies: "auto" (the application's LanguageModel,
     * LangChain4j ChatModel or Spring AI ChatModel bean, else the built-in offline model), "offline",
     * or provider/model for the built-in OpenAI-compatible client (lm_studio/..., openai/..., ollama/...,
     * openai_compatible/...), as ESCALATION_LANGUAGE_MODEL.
     */
    private String model = "auto";

    /** The base URL of the OpenAI-compatible endpoint when model is provider/model; the provider's default if unset. */
    private String modelApiBase;

    /** The API key of the OpenAI-compatible endpoint when model is provider/model. */
    private String modelApiKey;

    /** How long a conversation may go without a message before its open request is closed without a ticket. */
    private Duration conversationTtl = Duration.ofHours(24);

    /** How long a whole turn may take, model calls included. */
    private Duration turnTimeout = Duration.ofSeconds(30);

    /** Whether the built-in offline model answers when the configured model fails (degraded mode). */
    private boolean offlineFallback = true;

    /** The SQLite file for tickets and conversations when the application has no DataSource. */
    private Path databasePath = Path.of("escalation.db");

    /**
     * The flow spec (YAML) the engine runs, as ESCALATION_FLOW: "classpath:flows/bank.yaml" or
     * "file:/etc/agent/flow.yaml"; the built-in standard flow when unset.
     */
    private Resource flow;

    /** Which language model: auto, offline or provider/model. */
    public String getModel() {
        return model;
    }

    /** Sets the model property. */
    public void setModel(String model) {
        this.model = model;
    }

    /** The endpoint's base URL, or null. */
    public String getModelApiBase() {
        return modelApiBase;
    }

    /** Sets the endpoint's base URL. */
    public void setModelApiBase(String modelApiBase) {
        this.modelApiBase = modelApiBase;
    }

    /** The endpoint's API key, or null. */
    public String getModelApiKey() {
        return modelApiKey;
    }

    /** Sets the endpoint's API key. */
    public void setModelApiKey(String modelApiKey) {
        this.modelApiKey = modelApiKey;
    }

    /** The conversation TTL. */
    public Duration getConversationTtl() {
        return conversationTtl;
    }

    /** Sets the conversation TTL. */
    public void setConversationTtl(Duration conversationTtl) {
        this.conversationTtl = conversationTtl;
    }

    /** The turn timeout. */
    public Duration getTurnTimeout() {
        return turnTimeout;
    }

    /** Sets the turn timeout. */
    public void setTurnTimeout(Duration turnTimeout) {
        this.turnTimeout = turnTimeout;
    }

    /** Whether degraded mode is on. */
    public boolean isOfflineFallback() {
        return offlineFallback;
    }

    /** Sets whether degraded mode is on. */
    public void setOfflineFallback(boolean offlineFallback) {
        this.offlineFallback = offlineFallback;
    }

    /** The flow spec, or null for the standard flow. */
    public Resource getFlow() {
        return flow;
    }

    /** Sets the flow spec. */
    public void setFlow(Resource flow) {
        this.flow = flow;
    }

    /** The SQLite file used without a DataSource. */
    public Path getDatabasePath() {
        return databasePath;
    }

    /** Sets the SQLite file used without a DataSource. */
    public void setDatabasePath(Path databasePath) {
        this.databasePath = databasePath;
    }
}
