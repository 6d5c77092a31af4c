package dev.escalation.llm;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Which language model the agent talks to and how: provider, model, endpoint, key, time limits and
 * retry bounds. Build one with {@link #builder()} or read it from the environment with
 * {@link #fromSpec(String, Map)}; pass it to {@link LanguageModels#create(LanguageModelConfig)}.
 *
 * <p>The API key never appears in {@link #toString()}.
 *
 * <p>Immutable and thread-safe. Example:
 * {@code LanguageModelConfig.builder().provider(Provider.OPENAI).model("gpt-4o-mini").apiKey(key).build()}.
 */
public final class LanguageModelConfig {

    /** The environment variable holding {@code provider/model} or {@code offline}. */
    public static final String MODEL_SETTING = "ESCALATION_LANGUAGE_MODEL";
    /** The environment variable that overrides the provider's base URL. */
    public static final String API_BASE_SETTING = "ESCALATION_LANGUAGE_MODEL_API_BASE";
    /** The environment variable bounding a whole turn, in seconds. */
    public static final String TIMEOUT_SETTING = "ESCALATION_TIMEOUT_SECONDS";
    /** The environment variable bounding a tool-calling loop. */
    public static final String MAX_ITERATIONS_SETTING = "ESCALATION_MAX_ITERATIONS";
    /** The environment variable choosing what happens when the endpoint fails: {@code offline} or {@code none}. */
    public static final String FALLBACK_SETTING = "ESCALATION_LLM_FALLBACK";
    /** The environment variable forcing native tool calling on ({@code true}) or off ({@code false}). */
    public static final String NATIVE_TOOLS_SETTING = "ESCALATION_LLM_NATIVE_TOOLS";
    /** What {@value #MODEL_SETTING} means when it is not set. */
    public static final String DEFAULT_SPEC = "lm_studio/gemma-3-12b-it";

    /** Where a model runs; each has a default base URL and an API key setting. */
    public enum Provider {
        /** LM Studio's local server; key from {@code LM_STUDIO_API_KEY}, {@code lm-studio} when unset. */
        LM_STUDIO("lm_studio", "http://localhost:1234/v1", "LM_STUDIO_API_KEY", false),
        /** OpenAI; key from {@code OPENAI_API_KEY}, required. */
        OPENAI("openai", "https://api.openai.com/v1", "OPENAI_API_KEY", true),
        /** Ollama's OpenAI-compatible endpoint; key from {@code OLLAMA_API_KEY}, optional. */
        OLLAMA("ollama", "http://localhost:11434/v1", "OLLAMA_API_KEY", false),
        /** Any other OpenAI-compatible server; the base URL is required, key from {@code ESCALATION_LANGUAGE_MODEL_API_KEY}. */
        OPENAI_COMPATIBLE("openai_compatible", null, "ESCALATION_LANGUAGE_MODEL_API_KEY", false),
        /** The built-in deterministic model; no endpoint. */
        OFFLINE("offline", null, null, false);

        private final String id;
        private final String defaultBaseUrl;
        private final String apiKeySetting;
        private final boolean nativeToolsByDefault;

        Provider(String id, String defaultBaseUrl, String apiKeySetting, boolean nativeToolsByDefault) {
            this.id = id;
            this.defaultBaseUrl = defaultBaseUrl;
            this.apiKeySetting = apiKeySetting;
            this.nativeToolsByDefault = nativeToolsByDefault;
        }

        /** The name used in {@value #MODEL_SETTING}, for example {@code lm_studio}. */
        public String id() {
            return id;
        }

        /** The base URL used when none is given, or null when one is required (or none is needed). */
        public String defaultBaseUrl() {
            return defaultBaseUrl;
        }

        /** The environment variable the API key is read from, or null for {@link #OFFLINE}. */
        public String apiKeySetting() {
            return apiKeySetting;
        }

        /** Reads a provider id ({@code lm_studio}, {@code openai}, ...), ignoring case; null when unknown. */
        public static Provider parse(String value) {
            if (value == null) {
                return null;
            }
            String key = value.trim().toLowerCase(Locale.ROOT).replace('-', '_');
            for (Provider provider : values()) {
                if (provider.id.equals(key)) {
                    return provider;
                }
            }
            return null;
        }

        @Override
        public String toString() {
            return id;
        }
    }

    private final Provider provider;
    private final String model;
    private final String baseUrl;
    private final String apiKey;
    private final String apiKeySetting;
    private final Duration timeout;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final int maxIterations;
    private final int maxRetries;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final double temperature;
    private final double replyTemperature;
    private final int maxReplyTokens;
    private final boolean nativeTools;
    private final boolean offlineFallback;
    private final List<Demonstration> demonstrations;

    private LanguageModelConfig(Builder b) {
        this.provider = b.provider;
        this.model = b.model;
        this.baseUrl = b.baseUrl;
        this.apiKey = b.apiKey;
        this.apiKeySetting = b.apiKeySetting;
        this.timeout = b.timeout;
        this.connectTimeout = b.connectTimeout;
        this.readTimeout = b.readTimeout;
        this.maxIterations = b.maxIterations;
        this.maxRetries = b.maxRetries;
        this.initialBackoff = b.initialBackoff;
        this.maxBackoff = b.maxBackoff;
        this.temperature = b.temperature;
        this.replyTemperature = b.replyTemperature;
        this.maxReplyTokens = b.maxReplyTokens;
        this.nativeTools = b.nativeTools;
        this.offlineFallback = b.offlineFallback;
        this.demonstrations = b.demonstrations;
    }

    /** A new builder with the defaults described on each method. */
    public static Builder builder() {
        return new Builder();
    }

    /** The configuration for the built-in offline model. */
    public static LanguageModelConfig offline() {
        return builder().provider(Provider.OFFLINE).build();
    }

    /**
     * Reads the configuration from environment variables: {@value #MODEL_SETTING} (else
     * {@value #DEFAULT_SPEC}) and the others {@link #fromSpec(String, Map)} reads.
     *
     * @throws InvalidLanguageModelConfigException naming the setting to fix
     */
    public static LanguageModelConfig fromEnvironment(Map<String, String> env) {
        Objects.requireNonNull(env, "env");
        return fromSpec(env.get(MODEL_SETTING), env);
    }

    /**
     * Reads {@code provider/model} (or {@code offline}) plus these variables from {@code env}:
     * {@value #API_BASE_SETTING} (overrides the base URL), the provider's key variable
     * ({@code LM_STUDIO_API_KEY}, default {@code lm-studio}; {@code OPENAI_API_KEY}, required;
     * {@code OLLAMA_API_KEY}; {@code ESCALATION_LANGUAGE_MODEL_API_KEY}), {@value #MAX_ITERATIONS_SETTING}
     * (default 5), {@value #TIMEOUT_SETTING} (default 30), {@value #FALLBACK_SETTING} ({@code offline},
     * the default, or {@code none}) and {@value #NATIVE_TOOLS_SETTING} ({@code true}/{@code false}).
     * A blank or null spec means {@value #DEFAULT_SPEC}.
     *
     * @throws InvalidLanguageModelConfigException naming the setting to fix and the bad value (never a key)
     */
    public static LanguageModelConfig fromSpec(String spec, Map<String, String> env) {
        Objects.requireNonNull(env, "env");
        String value = spec == null || spec.isBlank() ? DEFAULT_SPEC : spec.strip();
        Builder builder = builder();
        Provider provider;
        if (value.equalsIgnoreCase("offline")) {
            provider = Provider.OFFLINE;
            builder.provider(provider);
        } else {
            int slash = value.indexOf('/');
            provider = slash < 0 ? null : Provider.parse(value.substring(0, slash));
            if (provider == null || provider == Provider.OFFLINE) {
                throw new InvalidLanguageModelConfigException(MODEL_SETTING + " must be offline or provider/model with "
                        + "provider one of lm_studio, openai, ollama, openai_compatible (for example " + DEFAULT_SPEC
                        + "), but was '" + value + "'");
            }
            String model = value.substring(slash + 1).strip();
            if (model.isEmpty()) {
                throw new InvalidLanguageModelConfigException(MODEL_SETTING + " must name a model after '"
                        + provider.id() + "/' (for example " + DEFAULT_SPEC + "), but was '" + value + "'");
            }
            builder.provider(provider).model(model);
            String base = env.get(API_BASE_SETTING);
            if (base != null && !base.isBlank()) {
                builder.baseUrl(base.strip(), API_BASE_SETTING);
            } else if (provider.defaultBaseUrl() == null) {
                throw new InvalidLanguageModelConfigException(API_BASE_SETTING + " must be set for provider "
                        + provider.id() + " (for example http://localhost:8000/v1), but it was not set");
            }
            String key = env.get(provider.apiKeySetting());
            if (key != null && !key.isBlank()) {
                builder.apiKey(key.strip());
            } else if (provider == Provider.OPENAI) {
                throw new InvalidLanguageModelConfigException(
                        "OPENAI_API_KEY must be set for " + MODEL_SETTING + "=" + value + ", but it was not set");
            }
        }
        builder.maxIterations(positiveInt(env, MAX_ITERATIONS_SETTING, 5));
        String timeout = env.get(TIMEOUT_SETTING);
        if (timeout != null && !timeout.isBlank()) {
            double seconds;
            try {
                seconds = Double.parseDouble(timeout.strip());
            } catch (NumberFormatException e) {
                seconds = -1;
            }
            if (!(seconds > 0) || seconds > 86_400) {
                throw new InvalidLanguageModelConfigException(TIMEOUT_SETTING
                        + " must be a positive number of seconds up to 86400, but was '" + timeout + "'");
            }
            builder.timeout(Duration.ofMillis(Math.round(seconds * 1000)));
        }
        String fallback = env.get(FALLBACK_SETTING);
        if (fallback != null && !fallback.isBlank()) {
            switch (fallback.strip().toLowerCase(Locale.ROOT)) {
                case "offline" -> builder.offlineFallback(true);
                case "none" -> builder.offlineFallback(false);
                default ->
                    throw new InvalidLanguageModelConfigException(
                            FALLBACK_SETTING + " must be offline or none, but was '" + fallback + "'");
            }
        }
        String tools = env.get(NATIVE_TOOLS_SETTING);
        if (tools != null && !tools.isBlank()) {
            switch (tools.strip().toLowerCase(Locale.ROOT)) {
                case "true" -> builder.nativeTools(true);
                case "false" -> builder.nativeTools(false);
                default ->
                    throw new InvalidLanguageModelConfigException(
                            NATIVE_TOOLS_SETTING + " must be true or false, but was '" + tools + "'");
            }
        }
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new InvalidLanguageModelConfigException(e.getMessage(), e);
        }
    }

    private static int positiveInt(Map<String, String> env, String name, int fallback) {
        String raw = env.get(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.strip());
            if (value >= 1 && value <= 100) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidLanguageModelConfigException(
                name + " must be a whole number from 1 to 100, but was '" + raw + "'");
    }

    /** Where the model runs. */
    public Provider provider() {
        return provider;
    }

    /** The model id the server knows, for example {@code gemma-3-12b-it}; null for {@link Provider#OFFLINE}. */
    public String model() {
        return model;
    }

    /** The OpenAI-compatible base URL without a trailing slash, for example {@code http://localhost:1234/v1}. */
    public String baseUrl() {
        return baseUrl;
    }

    /** The API key sent as a bearer token, or null to send none. Never logged. */
    public String apiKey() {
        return apiKey;
    }

    /** The setting to name when the key is missing or rejected, for example {@code OPENAI_API_KEY}. */
    public String apiKeySetting() {
        return apiKeySetting;
    }

    /** How long a whole turn may take ({@value #TIMEOUT_SETTING}); also bounds one call when a request has no deadline. */
    public Duration timeout() {
        return timeout;
    }

    /** How long to wait for a connection. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** How long a response may stay silent, between any two bytes; a stalled stream fails after this. */
    public Duration readTimeout() {
        return readTimeout;
    }

    /** How many model calls one tool-calling loop may make ({@value #MAX_ITERATIONS_SETTING}). */
    public int maxIterations() {
        return maxIterations;
    }

    /** How many times a failed call is retried (connection errors, 408, 409, 429, 5xx), deadline permitting. */
    public int maxRetries() {
        return maxRetries;
    }

    /** The first retry's backoff before jitter; doubles per retry. */
    public Duration initialBackoff() {
        return initialBackoff;
    }

    /** The largest backoff between two retries (a server's Retry-After is honoured up to the deadline). */
    public Duration maxBackoff() {
        return maxBackoff;
    }

    /** Sampling temperature for reading messages. */
    public double temperature() {
        return temperature;
    }

    /** Sampling temperature for wording replies. */
    public double replyTemperature() {
        return replyTemperature;
    }

    /** The most tokens a reply may have. */
    public int maxReplyTokens() {
        return maxReplyTokens;
    }

    /**
     * Whether {@code get_ticket_status} and {@code update_ticket} are offered as native tools; when false
     * (or when the server rejects tools) the JSON schema's intent carries status and update requests.
     */
    public boolean nativeTools() {
        return nativeTools;
    }

    /** Whether failing turns are served by the offline model ({@value #FALLBACK_SETTING}=offline); for the runner. */
    public boolean offlineFallback() {
        return offlineFallback;
    }

    /**
     * The few-shot demonstrations sent before the customer's message in the prompt of their state, in
     * order; empty by default.
     */
    public List<Demonstration> demonstrations() {
        return demonstrations;
    }

    /** {@code provider/model}, or {@code offline}; used in logs and call reports. */
    public String spec() {
        return provider == Provider.OFFLINE ? "offline" : provider.id() + "/" + model;
    }

    /** A builder holding this configuration, to change a few properties. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.provider = provider;
        b.model = model;
        b.baseUrl = baseUrl;
        b.baseUrlSetting = API_BASE_SETTING;
        b.apiKey = apiKey;
        b.apiKeySetting = apiKeySetting;
        b.timeout = timeout;
        b.connectTimeout = connectTimeout;
        b.readTimeout = readTimeout;
        b.maxIterations = maxIterations;
        b.maxRetries = maxRetries;
        b.initialBackoff = initialBackoff;
        b.maxBackoff = maxBackoff;
        b.temperature = temperature;
        b.replyTemperature = replyTemperature;
        b.maxReplyTokens = maxReplyTokens;
        b.nativeToolsSet = true;
        b.nativeTools = nativeTools;
        b.offlineFallback = offlineFallback;
        b.demonstrations = demonstrations;
        return b;
    }

    /** Equal when every setting is equal (the key included), so that configurations compare by value. */
    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof LanguageModelConfig that)) {
            return false;
        }
        return provider == that.provider
                && Objects.equals(model, that.model)
                && Objects.equals(baseUrl, that.baseUrl)
                && Objects.equals(apiKey, that.apiKey)
                && Objects.equals(apiKeySetting, that.apiKeySetting)
                && timeout.equals(that.timeout)
                && connectTimeout.equals(that.connectTimeout)
                && readTimeout.equals(that.readTimeout)
                && maxIterations == that.maxIterations
                && maxRetries == that.maxRetries
                && initialBackoff.equals(that.initialBackoff)
                && maxBackoff.equals(that.maxBackoff)
                && Double.compare(temperature, that.temperature) == 0
                && Double.compare(replyTemperature, that.replyTemperature) == 0
                && maxReplyTokens == that.maxReplyTokens
                && nativeTools == that.nativeTools
                && offlineFallback == that.offlineFallback
                && demonstrations.equals(that.demonstrations);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                provider,
                model,
                baseUrl,
                apiKey,
                apiKeySetting,
                timeout,
                connectTimeout,
                readTimeout,
                maxIterations,
                maxRetries,
                initialBackoff,
                maxBackoff,
                temperature,
                replyTemperature,
                maxReplyTokens,
                nativeTools,
                offlineFallback,
                demonstrations);
    }

    @Override
    public String toString() {
        return "LanguageModelConfig{" + spec() + (baseUrl == null ? "" : " at " + baseUrl)
                + ", apiKey=" + (apiKey == null ? "none" : "(set)")
                + ", timeout=" + timeout + ", maxIterations=" + maxIterations + ", maxRetries=" + maxRetries
                + ", nativeTools=" + nativeTools + ", offlineFallback=" + offlineFallback
                + (demonstrations.isEmpty() ? "" : ", demonstrations=" + demonstrations.size()) + "}";
    }

    /** Collects the properties of a {@link LanguageModelConfig}; not thread-safe. */
    public static final class Builder {
        private Provider provider = Provider.LM_STUDIO;
        private String model;
        private String baseUrl;
        private String baseUrlSetting = "baseUrl";
        private String apiKey;
        private String apiKeySetting;
        private Duration timeout = Duration.ofSeconds(30);
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration readTimeout = Duration.ofSeconds(20);
        private int maxIterations = 5;
        private int maxRetries = 3;
        private Duration initialBackoff = Duration.ofMillis(500);
        private Duration maxBackoff = Duration.ofSeconds(8);
        private double temperature = 0.0;
        private double replyTemperature = 0.4;
        private int maxReplyTokens = 400;
        private boolean nativeToolsSet;
        private boolean nativeTools;
        private boolean offlineFallback = true;
        private List<Demonstration> demonstrations = List.of();

        private Builder() {}

        /** Where the model runs; {@link Provider#LM_STUDIO} by default. */
        public Builder provider(Provider value) {
            this.provider = Objects.requireNonNull(value, "provider");
            return this;
        }

        /** The model id, for example {@code gpt-4o-mini}; required unless the provider is offline. */
        public Builder model(String value) {
            this.model = value == null ? null : value.strip();
            return this;
        }

        /** The base URL, for example {@code http://localhost:1234/v1}; the provider's default when unset. */
        public Builder baseUrl(String value) {
            return baseUrl(value, "baseUrl");
        }

        private Builder baseUrl(String value, String setting) {
            this.baseUrl = value;
            this.baseUrlSetting = setting;
            return this;
        }

        /** The API key; LM Studio's default {@code lm-studio} when unset for LM Studio, none otherwise. */
        public Builder apiKey(String value) {
            this.apiKey = value == null || value.isBlank() ? null : value;
            return this;
        }

        /** The setting named when the key is missing or rejected; the provider's variable by default. */
        public Builder apiKeySetting(String value) {
            this.apiKeySetting = value;
            return this;
        }

        /** How long a whole turn may take; 30 seconds by default. */
        public Builder timeout(Duration value) {
            this.timeout = positive(value, "timeout");
            return this;
        }

        /** How long to wait for a connection; 5 seconds by default. */
        public Builder connectTimeout(Duration value) {
            this.connectTimeout = positive(value, "connectTimeout");
            return this;
        }

        /** How long a response may stay silent; 20 seconds by default. */
        public Builder readTimeout(Duration value) {
            this.readTimeout = positive(value, "readTimeout");
            return this;
        }

        /** How many model calls one tool-calling loop may make; 5 by default. */
        public Builder maxIterations(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("maxIterations must be at least 1, but was " + value);
            }
            this.maxIterations = value;
            return this;
        }

        /** How many retries a failed call gets; 3 by default, 0 for none. */
        public Builder maxRetries(int value) {
            if (value < 0) {
                throw new IllegalArgumentException("maxRetries must not be negative, but was " + value);
            }
            this.maxRetries = value;
            return this;
        }

        /** The first retry's backoff; 500 ms by default. */
        public Builder initialBackoff(Duration value) {
            this.initialBackoff = positive(value, "initialBackoff");
            return this;
        }

        /** The largest backoff; 8 seconds by default. */
        public Builder maxBackoff(Duration value) {
            this.maxBackoff = positive(value, "maxBackoff");
            return this;
        }

        /** Temperature for reading messages; 0 by default. */
        public Builder temperature(double value) {
            this.temperature = temperatureOf(value, "temperature");
            return this;
        }

        /** Temperature for wording replies; 0.4 by default. */
        public Builder replyTemperature(double value) {
            this.replyTemperature = temperatureOf(value, "replyTemperature");
            return this;
        }

        /** The most tokens a reply may have; 400 by default. */
        public Builder maxReplyTokens(int value) {
            if (value < 16) {
                throw new IllegalArgumentException("maxReplyTokens must be at least 16, but was " + value);
            }
            this.maxReplyTokens = value;
            return this;
        }

        /** Whether to offer native tools; true for OpenAI, false otherwise (Gemma 3 in LM Studio has none). */
        public Builder nativeTools(boolean value) {
            this.nativeToolsSet = true;
            this.nativeTools = value;
            return this;
        }

        /** Whether failing turns are served by the offline model; true by default. */
        public Builder offlineFallback(boolean value) {
            this.offlineFallback = value;
            return this;
        }

        /**
         * The few-shot demonstrations for the prompts that read messages (see {@link Demonstration}); none by
         * default. Each is sent on every call in its state, so a few per state are plenty.
         */
        public Builder demonstrations(List<Demonstration> value) {
            Objects.requireNonNull(value, "demonstrations");
            for (int i = 0; i < value.size(); i++) {
                Objects.requireNonNull(value.get(i), "demonstrations[" + i + "]");
            }
            this.demonstrations = List.copyOf(value);
            return this;
        }

        /**
         * Checks and freezes the configuration.
         *
         * @throws IllegalArgumentException naming the property and the bad value
         */
        public LanguageModelConfig build() {
            if (provider == Provider.OFFLINE) {
                model = null;
                baseUrl = null;
                apiKey = null;
                apiKeySetting = null;
                nativeTools = false;
                demonstrations = List.of();
                return new LanguageModelConfig(this);
            }
            if (model == null || model.isBlank()) {
                throw new IllegalArgumentException(
                        "model must be set for provider " + provider.id() + " (" + MODEL_SETTING + "=" + provider.id()
                                + "/<model>), but was " + (model == null ? "null" : "blank"));
            }
            String base = baseUrl == null || baseUrl.isBlank() ? provider.defaultBaseUrl() : baseUrl.strip();
            if (base == null) {
                throw new IllegalArgumentException("baseUrl (" + API_BASE_SETTING + ") must be set for provider "
                        + provider.id() + ", but was not set");
            }
            baseUrl = checkedUrl(base, baseUrlSetting);
            if (apiKeySetting == null) {
                apiKeySetting = provider.apiKeySetting();
            }
            if (apiKey == null && provider == Provider.LM_STUDIO) {
                apiKey = "lm-studio";
            }
            if (apiKey == null && provider == Provider.OPENAI) {
                throw new IllegalArgumentException(
                        apiKeySetting + " must be set for provider openai, but it was not set");
            }
            if (apiKey != null && apiKey.chars().anyMatch(c -> c < 0x20 || c > 0x7e)) {
                throw new IllegalArgumentException(apiKeySetting + " must be printable ASCII without line breaks");
            }
            if (!nativeToolsSet) {
                nativeTools = provider.nativeToolsByDefault;
            }
            if (maxBackoff.compareTo(initialBackoff) < 0) {
                maxBackoff = initialBackoff;
            }
            return new LanguageModelConfig(this);
        }

        private static String checkedUrl(String value, String setting) {
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
            // A URL with user info or a query may carry a secret: do not echo it.
            String shown = value.contains("@") || value.contains("?")
                    ? "(a URL with user info or a query)"
                    : "'" + value + "'";
            throw new IllegalArgumentException(
                    setting + " must be an http(s) URL such as http://localhost:1234/v1, but was " + shown);
        }

        private static Duration positive(Duration value, String name) {
            Objects.requireNonNull(value, name);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, but was " + value);
            }
            return value;
        }

        private static double temperatureOf(double value, String name) {
            if (!(value >= 0 && value <= 2)) {
                throw new IllegalArgumentException(name + " must be from 0 to 2, but was " + value);
            }
            return value;
        }
    }
}
