package dev.escalation.llm;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Which language model the agent talks to and how, grouped by concern: where it runs ({@link Endpoint},
 * absent for the offline model), how long it may take ({@link Timeouts}), how failed calls are tried
 * again ({@link Retries}), how it samples ({@link Sampling}), how it calls tools ({@link ToolCalling}),
 * whether failing turns fall back to the offline model, and the few-shot demonstrations. Build one with
 * {@link #builder()} or read it from the environment with {@link #fromSpec(String, Map)}; pass it to
 * {@link LanguageModels#create(LanguageModelConfig)}.
 *
 * <p>Every part is a record checked when it is made, so a configuration compares by value; the API key
 * never appears in {@link #toString()}. The flat accessors ({@link #timeout()}, {@link #model()}, ...)
 * read through to the part that holds the value.
 *
 * <p>Immutable and thread-safe. Example:
 * {@code LanguageModelConfig.builder().provider(Provider.OPENAI).model("gpt-4o-mini").apiKey(key).build()}.
 *
 * @param provider where the model runs
 * @param endpoint the server, model and key; null exactly when the provider is {@link Provider#OFFLINE}
 * @param timeouts how long a turn, a connection and a silent response may take
 * @param retries how failed calls are tried again
 * @param sampling the sampling temperatures and the reply's length
 * @param toolCalling the tool-calling loop's bound and whether native tools are offered
 * @param offlineFallback whether failing turns are served by the offline model
 * @param plainAnswers whether plain answers (a bare yes or no to the summary, a bare status question
 *     naming one ticket id) are read by fixed rules and answered in the built-in wording, with no model call
 * @param demonstrations the few-shot demonstrations, in order; empty for the offline model
 */
public record LanguageModelConfig(
        Provider provider,
        @Nullable Endpoint endpoint,
        Timeouts timeouts,
        Retries retries,
        Sampling sampling,
        ToolCalling toolCalling,
        boolean offlineFallback,
        boolean plainAnswers,
        List<Demonstration> demonstrations) {

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
    /** The environment variable turning the model-free reading of plain answers on ({@code true}) or off. */
    public static final String PLAIN_ANSWERS_SETTING = "ESCALATION_LLM_PLAIN_ANSWERS";
    /** What {@value #MODEL_SETTING} means when it is not set. */
    public static final String DEFAULT_SPEC = "lm_studio/gemma-3-12b-it";

    /**
     * Checks that the parts fit together: an endpoint exactly when the provider needs one, a key for
     * OpenAI, neither native tools nor demonstrations for the offline model.
     *
     * @throws IllegalArgumentException naming the part that does not fit
     */
    public LanguageModelConfig {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(timeouts, "timeouts");
        Objects.requireNonNull(retries, "retries");
        Objects.requireNonNull(sampling, "sampling");
        Objects.requireNonNull(toolCalling, "toolCalling");
        demonstrations = ConfigChecks.elements(demonstrations, "demonstrations");
        if (provider == Provider.OFFLINE) {
            if (endpoint != null) {
                throw new IllegalArgumentException("endpoint must be null for provider offline, but was " + endpoint);
            }
            if (toolCalling.nativeTools() || !demonstrations.isEmpty()) {
                throw new IllegalArgumentException(
                        "the offline model takes neither native tools nor demonstrations, but was given "
                                + (toolCalling.nativeTools()
                                        ? "native tools"
                                        : demonstrations.size() + " demonstrations"));
            }
        } else if (endpoint == null) {
            throw new IllegalArgumentException("endpoint must be set for provider " + provider.id() + ", but was null");
        } else if (provider == Provider.OPENAI && endpoint.apiKey() == null) {
            throw new IllegalArgumentException(
                    endpoint.apiKeySetting() + " must be set for provider openai, but it was not set");
        }
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
     * the default, or {@code none}) and {@value #NATIVE_TOOLS_SETTING} ({@code true}/{@code false}) and {@value #PLAIN_ANSWERS_SETTING} ({@code
     * true}/{@code false}).
     * A blank or null spec means {@value #DEFAULT_SPEC}.
     *
     * @throws InvalidLanguageModelConfigException naming the setting to fix and the bad value (never a key)
     */
    public static LanguageModelConfig fromSpec(@Nullable String spec, Map<String, String> env) {
        return LanguageModelSettings.read(spec, env);
    }

    /** The model id the server knows, for example {@code gemma-3-12b-it}; null for {@link Provider#OFFLINE}. */
    public @Nullable String model() {
        return endpoint == null ? null : endpoint.model();
    }

    /** The base URL without a trailing slash, for example {@code http://localhost:1234/v1}; null when offline. */
    public @Nullable String baseUrl() {
        return endpoint == null ? null : endpoint.baseUrl();
    }

    /** The API key sent as a bearer token, or null to send none. Never logged. */
    public @Nullable String apiKey() {
        return endpoint == null ? null : endpoint.apiKey();
    }

    /** The setting to name when the key is missing or rejected, for example {@code OPENAI_API_KEY}; null offline. */
    public @Nullable String apiKeySetting() {
        return endpoint == null ? null : endpoint.apiKeySetting();
    }

    /** How long a whole turn may take ({@value #TIMEOUT_SETTING}); also bounds one call when a request has no deadline. */
    public Duration timeout() {
        return timeouts.turn();
    }

    /** How long to wait for a connection. */
    public Duration connectTimeout() {
        return timeouts.connect();
    }

    /** How long a response may stay silent, between any two bytes; a stalled stream fails after this. */
    public Duration readTimeout() {
        return timeouts.read();
    }

    /** How many model calls one tool-calling loop may make ({@value #MAX_ITERATIONS_SETTING}). */
    public int maxIterations() {
        return toolCalling.maxIterations();
    }

    /** How many times a failed call is retried (connection errors, 408, 409, 429, 5xx), deadline permitting. */
    public int maxRetries() {
        return retries.maxRetries();
    }

    /** The first retry's backoff before jitter; doubles per retry. */
    public Duration initialBackoff() {
        return retries.initialBackoff();
    }

    /** The largest backoff between two retries (a server's Retry-After is honoured up to the deadline). */
    public Duration maxBackoff() {
        return retries.maxBackoff();
    }

    /** Sampling temperature for reading messages. */
    public double temperature() {
        return sampling.temperature();
    }

    /** Sampling temperature for wording replies. */
    public double replyTemperature() {
        return sampling.replyTemperature();
    }

    /** The most tokens a reply may have. */
    public int maxReplyTokens() {
        return sampling.maxReplyTokens();
    }

    /**
     * Whether {@code get_ticket_status} and {@code update_ticket} are offered as native tools; when false
     * (or when the server rejects tools) the JSON schema's intent carries status and update requests.
     */
    public boolean nativeTools() {
        return toolCalling.nativeTools();
    }

    /** {@code provider/model}, or {@code offline}; used in logs and call reports. */
    public String spec() {
        return endpoint == null ? "offline" : provider.id() + "/" + endpoint.model();
    }

    /** A builder holding this configuration, to change a few properties. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.provider = provider;
        if (endpoint != null) {
            b.model = endpoint.model();
            b.baseUrl = endpoint.baseUrl();
            b.apiKey = endpoint.apiKey();
            b.apiKeySetting = endpoint.apiKeySetting();
        }
        b.timeouts(timeouts).retries(retries).sampling(sampling);
        b.maxIterations = toolCalling.maxIterations();
        b.nativeTools = toolCalling.nativeTools();
        b.offlineFallback = offlineFallback;
        b.plainAnswers = plainAnswers;
        b.demonstrations = demonstrations;
        return b;
    }

    @Override
    public String toString() {
        return "LanguageModelConfig{" + spec() + (endpoint == null ? "" : " at " + endpoint.baseUrl())
                + ", apiKey=" + (apiKey() == null ? "none" : "(set)")
                + ", timeout=" + timeout() + ", maxIterations=" + maxIterations() + ", maxRetries=" + maxRetries()
                + ", nativeTools=" + nativeTools() + ", offlineFallback=" + offlineFallback
                + ", plainAnswers=" + plainAnswers
                + (demonstrations.isEmpty() ? "" : ", demonstrations=" + demonstrations.size()) + "}";
    }

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
        private final @Nullable String defaultBaseUrl;
        private final @Nullable String apiKeySetting;
        private final boolean nativeToolsByDefault;

        Provider(
                String id,
                @Nullable String defaultBaseUrl,
                @Nullable String apiKeySetting,
                boolean nativeToolsByDefault) {
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
        public @Nullable String defaultBaseUrl() {
            return defaultBaseUrl;
        }

        /** The environment variable the API key is read from, or null for {@link #OFFLINE}. */
        public @Nullable String apiKeySetting() {
            return apiKeySetting;
        }

        /** Whether native tools are offered unless the configuration says otherwise. */
        public boolean nativeToolsByDefault() {
            return nativeToolsByDefault;
        }

        /** Reads a provider id ({@code lm_studio}, {@code openai}, ...), ignoring case; null when unknown. */
        public static @Nullable Provider parse(@Nullable String value) {
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

    /**
     * The OpenAI-compatible server a model runs on. The key never appears in {@link #toString()}.
     *
     * <p>Immutable. Example: {@code new Endpoint("gpt-4o-mini", "https://api.openai.com/v1", key, "OPENAI_API_KEY")}.
     *
     * @param model the model id the server knows, not blank (surrounding blanks are dropped)
     * @param baseUrl an http(s) URL without user info, query or fragment (a trailing slash is dropped)
     * @param apiKey the key sent as a bearer token, printable ASCII, or null to send none (blank means none)
     * @param apiKeySetting the setting to name when the key is missing or rejected, not blank
     */
    public record Endpoint(
            String model, String baseUrl, @Nullable String apiKey, String apiKeySetting) {

        /**
         * Checks and normalises the values.
         *
         * @throws IllegalArgumentException naming the value that is not usable (never echoing a key)
         */
        public Endpoint {
            model = ConfigChecks.notBlank(model, "model").strip();
            baseUrl = ConfigChecks.httpUrl(baseUrl, "baseUrl");
            apiKeySetting = ConfigChecks.notBlank(apiKeySetting, "apiKeySetting");
            if (apiKey != null && apiKey.isBlank()) {
                apiKey = null;
            }
            if (apiKey != null && apiKey.chars().anyMatch(c -> c < 0x20 || c > 0x7e)) {
                throw new IllegalArgumentException(apiKeySetting + " must be printable ASCII without line breaks");
            }
        }

        @Override
        public String toString() {
            return "Endpoint{" + model + " at " + baseUrl + ", apiKey=" + (apiKey == null ? "none" : "(set)") + "}";
        }
    }

    /**
     * How long calls may take.
     *
     * <p>Immutable. Example: {@code new Timeouts(Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(20))}.
     *
     * @param turn how long a whole turn may take, positive; also bounds one call when a request has no deadline
     * @param connect how long to wait for a connection, positive
     * @param read how long a response may stay silent between any two bytes, positive
     */
    public record Timeouts(Duration turn, Duration connect, Duration read) {
        /** 30 seconds a turn, 5 to connect, 20 of silence. */
        public static final Timeouts DEFAULTS =
                new Timeouts(Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(20));

        /**
         * Checks the durations.
         *
         * @throws IllegalArgumentException naming the duration that is not positive
         */
        public Timeouts {
            ConfigChecks.positive(turn, "timeout");
            ConfigChecks.positive(connect, "connectTimeout");
            ConfigChecks.positive(read, "readTimeout");
        }
    }

    /**
     * How a failed call (connection errors, 408, 409, 429, 5xx) is tried again, within the turn's deadline:
     * a backoff from {@code initialBackoff} doubling up to {@code maxBackoff}, with jitter.
     *
     * <p>Immutable. Example: {@code new Retries(3, Duration.ofMillis(500), Duration.ofSeconds(8))}.
     *
     * @param maxRetries how many retries a failed call gets, zero or more
     * @param initialBackoff the first retry's backoff before jitter, positive
     * @param maxBackoff the largest backoff, at least {@code initialBackoff}
     */
    public record Retries(int maxRetries, Duration initialBackoff, Duration maxBackoff) {
        /** 3 retries, from 500 ms up to 8 seconds. */
        public static final Retries DEFAULTS = new Retries(3, Duration.ofMillis(500), Duration.ofSeconds(8));

        /**
         * Checks the values.
         *
         * @throws IllegalArgumentException naming the value that is not usable
         */
        public Retries {
            if (maxRetries < 0) {
                throw new IllegalArgumentException("maxRetries must not be negative, but was " + maxRetries);
            }
            ConfigChecks.positive(initialBackoff, "initialBackoff");
            ConfigChecks.positive(maxBackoff, "maxBackoff");
            if (maxBackoff.compareTo(initialBackoff) < 0) {
                throw new IllegalArgumentException(
                        "maxBackoff must be at least initialBackoff (" + initialBackoff + "), but was " + maxBackoff);
            }
        }
    }

    /**
     * How the model samples its answers.
     *
     * <p>Immutable. Example: {@code new Sampling(0.0, 0.4, 400)}.
     *
     * @param temperature the temperature for reading messages, from 0 to 2
     * @param replyTemperature the temperature for wording replies, from 0 to 2
     * @param maxReplyTokens the most tokens a reply may have, at least 16
     */
    public record Sampling(double temperature, double replyTemperature, int maxReplyTokens) {
        /** Temperature 0 for reading, 0.4 for replies, 400 tokens a reply. */
        public static final Sampling DEFAULTS = new Sampling(0.0, 0.4, 400);

        /**
         * Checks the values.
         *
         * @throws IllegalArgumentException naming the value that is out of range
         */
        public Sampling {
            ConfigChecks.temperature(temperature, "temperature");
            ConfigChecks.temperature(replyTemperature, "replyTemperature");
            if (maxReplyTokens < 16) {
                throw new IllegalArgumentException("maxReplyTokens must be at least 16, but was " + maxReplyTokens);
            }
        }
    }

    /**
     * How the model calls {@code get_ticket_status} and {@code update_ticket}.
     *
     * <p>Immutable. Example: {@code new ToolCalling(5, false)}.
     *
     * @param maxIterations how many model calls one tool-calling loop may make, at least 1
     * @param nativeTools whether the tools are offered as native tools; when false (or when the server
     *     rejects tools) the JSON schema's intent carries status and update requests
     */
    public record ToolCalling(int maxIterations, boolean nativeTools) {
        /**
         * Checks the bound.
         *
         * @throws IllegalArgumentException when {@code maxIterations} is below 1
         */
        public ToolCalling {
            if (maxIterations < 1) {
                throw new IllegalArgumentException("maxIterations must be at least 1, but was " + maxIterations);
            }
        }
    }

    /**
     * Collects the properties of a {@link LanguageModelConfig}, one method per property, named after it;
     * each value is checked when it is set, and the provider's defaults are filled in by {@link #build()}.
     * Not thread-safe.
     */
    public static final class Builder {
        private Provider provider = Provider.LM_STUDIO;
        private @Nullable String model;
        private @Nullable String baseUrl;
        private String baseUrlSetting = "baseUrl";
        private @Nullable String apiKey;
        private @Nullable String apiKeySetting;
        private Duration timeout = Timeouts.DEFAULTS.turn();
        private Duration connectTimeout = Timeouts.DEFAULTS.connect();
        private Duration readTimeout = Timeouts.DEFAULTS.read();
        private int maxIterations = 5;
        private int maxRetries = Retries.DEFAULTS.maxRetries();
        private Duration initialBackoff = Retries.DEFAULTS.initialBackoff();
        private Duration maxBackoff = Retries.DEFAULTS.maxBackoff();
        private Sampling sampling = Sampling.DEFAULTS;
        private @Nullable Boolean nativeTools;
        private boolean offlineFallback = true;
        private boolean plainAnswers = true;
        private List<Demonstration> demonstrations = List.of();

        private Builder() {}

        /** Where the model runs; {@link Provider#LM_STUDIO} by default. */
        public Builder provider(Provider value) {
            this.provider = Objects.requireNonNull(value, "provider");
            return this;
        }

        /** The model id, for example {@code gpt-4o-mini}; required unless the provider is offline. */
        public Builder model(@Nullable String value) {
            this.model = value == null ? null : value.strip();
            return this;
        }

        /** The base URL, for example {@code http://localhost:1234/v1}; the provider's default when unset. */
        public Builder baseUrl(@Nullable String value) {
            return baseUrl(value, "baseUrl");
        }

        /** The base URL as {@code setting} gave it: a bad URL is reported under that name. */
        Builder baseUrl(@Nullable String value, String setting) {
            this.baseUrl = value;
            this.baseUrlSetting = setting;
            return this;
        }

        /** The API key; LM Studio's default {@code lm-studio} when unset for LM Studio, none otherwise. */
        public Builder apiKey(@Nullable String value) {
            this.apiKey = value == null || value.isBlank() ? null : value;
            return this;
        }

        /** The setting named when the key is missing or rejected; the provider's variable by default. */
        public Builder apiKeySetting(@Nullable String value) {
            this.apiKeySetting = value;
            return this;
        }

        /** All three time limits at once (see {@link Timeouts}). */
        public Builder timeouts(Timeouts value) {
            Objects.requireNonNull(value, "timeouts");
            this.timeout = value.turn();
            this.connectTimeout = value.connect();
            this.readTimeout = value.read();
            return this;
        }

        /** How long a whole turn may take; 30 seconds by default. */
        public Builder timeout(Duration value) {
            this.timeout = ConfigChecks.positive(value, "timeout");
            return this;
        }

        /** How long to wait for a connection; 5 seconds by default. */
        public Builder connectTimeout(Duration value) {
            this.connectTimeout = ConfigChecks.positive(value, "connectTimeout");
            return this;
        }

        /** How long a response may stay silent; 20 seconds by default. */
        public Builder readTimeout(Duration value) {
            this.readTimeout = ConfigChecks.positive(value, "readTimeout");
            return this;
        }

        /** How many model calls one tool-calling loop may make; 5 by default. */
        public Builder maxIterations(int value) {
            this.maxIterations = new ToolCalling(value, false).maxIterations();
            return this;
        }

        /** The whole retry policy at once (see {@link Retries}). */
        public Builder retries(Retries value) {
            Objects.requireNonNull(value, "retries");
            this.maxRetries = value.maxRetries();
            this.initialBackoff = value.initialBackoff();
            this.maxBackoff = value.maxBackoff();
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
            this.initialBackoff = ConfigChecks.positive(value, "initialBackoff");
            return this;
        }

        /** The largest backoff; 8 seconds by default, raised to the initial backoff when below it. */
        public Builder maxBackoff(Duration value) {
            this.maxBackoff = ConfigChecks.positive(value, "maxBackoff");
            return this;
        }

        /** Both temperatures and the reply's length at once (see {@link Sampling}). */
        public Builder sampling(Sampling value) {
            this.sampling = Objects.requireNonNull(value, "sampling");
            return this;
        }

        /** Temperature for reading messages; 0 by default. */
        public Builder temperature(double value) {
            this.sampling = new Sampling(value, sampling.replyTemperature(), sampling.maxReplyTokens());
            return this;
        }

        /** Temperature for wording replies; 0.4 by default. */
        public Builder replyTemperature(double value) {
            this.sampling = new Sampling(sampling.temperature(), value, sampling.maxReplyTokens());
            return this;
        }

        /** The most tokens a reply may have; 400 by default. */
        public Builder maxReplyTokens(int value) {
            this.sampling = new Sampling(sampling.temperature(), sampling.replyTemperature(), value);
            return this;
        }

        /** Whether to offer native tools; true for OpenAI, false otherwise (Gemma 3 in LM Studio has none). */
        public Builder nativeTools(boolean value) {
            this.nativeTools = value;
            return this;
        }

        /** Whether failing turns are served by the offline model; true by default. */
        public Builder offlineFallback(boolean value) {
            this.offlineFallback = value;
            return this;
        }

        /**
         * Whether plain answers are read without the model: a bare yes or no to the summary ("Yes, please
         * create the ticket.", "No thanks") and a bare status question naming one ticket id ("What's the
         * status of TK-7QX2M9PA?"), each by a closed vocabulary, so a message with any other word is the
         * model's; their replies say only what the flow and the store know (the ticket created, nothing
         * created, the stored status), in the built-in wording. True by default; false sends every
         * message to the model.
         */
        public Builder plainAnswers(boolean value) {
            this.plainAnswers = value;
            return this;
        }

        /**
         * The few-shot demonstrations for the prompts that read messages (see {@link Demonstration}); none by
         * default. Each is sent on every call in its state, so a few per state are plenty.
         */
        public Builder demonstrations(List<Demonstration> value) {
            this.demonstrations = ConfigChecks.elements(value, "demonstrations");
            return this;
        }

        /**
         * Checks and freezes the configuration, filling in the provider's defaults: its base URL, its key
         * setting, LM Studio's key, whether it takes native tools. For the offline provider the endpoint,
         * native tools and demonstrations are dropped.
         *
         * @throws IllegalArgumentException naming the property and the bad value
         */
        public LanguageModelConfig build() {
            Timeouts timeouts = new Timeouts(timeout, connectTimeout, readTimeout);
            Retries retries = new Retries(
                    maxRetries, initialBackoff, maxBackoff.compareTo(initialBackoff) < 0 ? initialBackoff : maxBackoff);
            if (provider == Provider.OFFLINE) {
                return new LanguageModelConfig(
                        provider,
                        null,
                        timeouts,
                        retries,
                        sampling,
                        new ToolCalling(maxIterations, false),
                        offlineFallback,
                        plainAnswers,
                        List.of());
            }
            boolean tools = nativeTools == null ? provider.nativeToolsByDefault() : nativeTools;
            return new LanguageModelConfig(
                    provider,
                    endpoint(),
                    timeouts,
                    retries,
                    sampling,
                    new ToolCalling(maxIterations, tools),
                    offlineFallback,
                    plainAnswers,
                    demonstrations);
        }

        private Endpoint endpoint() {
            String id = model;
            if (id == null || id.isBlank()) {
                throw new IllegalArgumentException(
                        "model must be set for provider " + provider.id() + " (" + MODEL_SETTING + "=" + provider.id()
                                + "/<model>), but was " + (id == null ? "null" : "blank"));
            }
            String given = baseUrl;
            String base = given == null || given.isBlank() ? provider.defaultBaseUrl() : given.strip();
            if (base == null) {
                throw new IllegalArgumentException("baseUrl (" + API_BASE_SETTING + ") must be set for provider "
                        + provider.id() + ", but was not set");
            }
            String url = ConfigChecks.httpUrl(base, baseUrlSetting);
            String keySetting =
                    apiKeySetting != null ? apiKeySetting : Objects.requireNonNull(provider.apiKeySetting());
            String key = apiKey == null && provider == Provider.LM_STUDIO ? "lm-studio" : apiKey;
            return new Endpoint(id, url, key, keySetting);
        }
    }
}
