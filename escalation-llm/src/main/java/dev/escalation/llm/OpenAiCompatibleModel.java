package dev.escalation.llm;

import dev.escalation.core.Interpretation;
import dev.escalation.core.InterpretationRequest;
import dev.escalation.core.LanguageModel;
import dev.escalation.core.ReplyRequest;
import dev.escalation.core.TurnDecision;
import dev.escalation.core.UnableToInterpretMessageException;
import dev.escalation.core.retry.Sleeper;
import dev.escalation.llm.internal.ChatClient;
import dev.escalation.llm.internal.ChatFailure;
import dev.escalation.llm.internal.ChatFailures;
import dev.escalation.llm.internal.ChatReplyWriter;
import dev.escalation.llm.internal.EndpointMemory;
import dev.escalation.llm.internal.Interpreter;
import dev.escalation.llm.internal.TurnWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link LanguageModel} on any OpenAI-compatible chat-completions endpoint: LM Studio, OpenAI,
 * Ollama or another server.
 *
 * <p>A turn ({@link #converse}) is one streamed call whose JSON answer carries the reading and then
 * the reply (see {@code TurnWriter}). {@link #interpret} makes one non-streamed call with a JSON schema holding the intent and the
 * slots the state needs (falling back to json_object, then to a "JSON only" prompt, for servers that
 * reject it, remembered per endpoint), validates the reply, repairs it once, and runs a bounded
 * tool-calling loop for {@code get_ticket_status} and {@code update_ticket}, which become
 * {@code STATUS_QUERY} and {@code ADD_UPDATE} interpretations for the engine to execute.
 * {@link #reply} streams the wording of the engine's acts, and appends any fact (a ticket id) the
 * model left out. Calls are retried with backoff within the request's deadline, and each is
 * reported once through the request's {@code calls} with its token usage. The config's
 * {@link LanguageModelConfig#demonstrations() demonstrations} of the request's state go before the
 * message as user/assistant pairs.
 *
 * <p>ChatFailures: a rejected key, a model the server does not have, or a wrong base URL throw
 * {@link InvalidLanguageModelConfigException} naming the setting to fix; anything else (unreachable,
 * overloaded, invalid replies) throws {@link UnableToInterpretMessageException}, which the engine
 * answers with the offline model in degraded mode.
 *
 * <p>Immutable and thread-safe. Example:
 * {@code LanguageModel model = new OpenAiCompatibleModel(LanguageModelConfig.fromEnvironment(System.getenv()));}
 */
public final class OpenAiCompatibleModel implements LanguageModel, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OpenAiCompatibleModel.class);

    private final LanguageModelConfig config;
    private final LanguageModelConfig.Endpoint endpoint;
    private final ChatClient client;
    private final Interpreter interpreter;
    private final ChatReplyWriter writer;
    private final TurnWriter turns;

    /**
     * A model for {@code config}; nothing is contacted until the first call or {@link #checkAvailable()}.
     *
     * @throws IllegalArgumentException when the config is the offline one (use {@link LanguageModels#create})
     */
    public OpenAiCompatibleModel(LanguageModelConfig config) {
        this(config, Clock.systemUTC());
    }

    /**
     * A model for {@code config} that reads the turn's deadline (and a server's {@code Retry-After} date)
     * on {@code clock}, the engine's clock when both are given one.
     *
     * @throws IllegalArgumentException when the config is the offline one (use {@link LanguageModels#create})
     */
    public OpenAiCompatibleModel(LanguageModelConfig config, Clock clock) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(clock, "clock");
        LanguageModelConfig.Endpoint given = config.endpoint();
        if (given == null) {
            throw new IllegalArgumentException("an OpenAiCompatibleModel needs an endpoint, but the config is offline;"
                    + " use LanguageModels.create(config)");
        }
        this.config = config;
        this.endpoint = given;
        this.client = new ChatClient(config, clock, Sleeper.SYSTEM);
        EndpointMemory memory = EndpointMemory.SHARED;
        this.interpreter = new Interpreter(config, client, memory);
        this.writer = new ChatReplyWriter(config, client, memory);
        this.turns = new TurnWriter(config, client, memory, interpreter, writer);
    }

    /** The configuration this model was built from. */
    public LanguageModelConfig config() {
        return config;
    }

    @Override
    public Interpretation interpret(InterpretationRequest request) {
        Objects.requireNonNull(request, "request");
        return interpreter.interpret(request);
    }

    @Override
    public String reply(ReplyRequest request, Consumer<String> chunks) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(chunks, "chunks");
        return writer.reply(request, chunks);
    }

    /**
     * One streamed call reads the message and words the reply: the reading comes first in the JSON
     * answer, the flow decides and stores the turn, and the reply's words are passed on as they arrive
     * only when they were worded for the flow's move; otherwise (and for a ticket's status or a note,
     * whose facts the model could not know) the built-in wording says it, so a turn is one call.
     */
    @Override
    public String converse(InterpretationRequest request, TurnDecision decision, Consumer<String> chunks) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(chunks, "chunks");
        return turns.converse(request, decision, chunks);
    }

    @Override
    public String name() {
        return config.spec();
    }

    /**
     * Asks the server which models it has ({@code GET /models}), for a check at start-up.
     *
     * @return true when the server answers and has the model (or cannot list models); false when it
     *     cannot be reached (logged at INFO only: the caller decides between degraded mode and failing
     *     turns, and says so)
     * @throws InvalidLanguageModelConfigException when the server rejects the key (naming the key's
     *     setting) or does not have the model (naming {@value LanguageModelConfig#MODEL_SETTING})
     */
    public boolean checkAvailable() {
        Duration timeout =
                config.timeout().compareTo(Duration.ofSeconds(5)) < 0 ? config.timeout() : Duration.ofSeconds(5);
        List<String> models;
        try {
            models = client.listModels(timeout);
        } catch (ChatFailure failure) {
            if (failure.kind() == ChatFailure.Kind.HTTP && (failure.status() == 401 || failure.status() == 403)) {
                throw (InvalidLanguageModelConfigException) ChatFailures.toPublic(failure, config, "list models");
            }
            if (failure.kind() == ChatFailure.Kind.HTTP || failure.kind() == ChatFailure.Kind.INVALID_RESPONSE) {
                log.info(
                        "{} cannot list its models ({}); the model is checked on first use",
                        endpoint.baseUrl(),
                        failure.getMessage());
                return true;
            }
            // The caller knows what happens next (degraded mode or failing turns) and says it once.
            log.info("the language model endpoint {} cannot be reached: {}", endpoint.baseUrl(), failure.getMessage());
            return false;
        }
        String wanted = endpoint.model().toLowerCase(Locale.ROOT);
        boolean found = models.isEmpty()
                || models.stream()
                        .map(id -> id.toLowerCase(Locale.ROOT))
                        .anyMatch(id -> id.equals(wanted) || id.endsWith("/" + wanted) || wanted.endsWith("/" + id));
        if (!found) {
            List<String> some = models.size() > 10 ? models.subList(0, 10) : models;
            throw new InvalidLanguageModelConfigException("the server at " + endpoint.baseUrl() + " has no model '"
                    + endpoint.model() + "'; set " + LanguageModelConfig.MODEL_SETTING + " to "
                    + config.provider().id()
                    + "/<model> with one of: " + String.join(", ", some) + (models.size() > 10 ? ", ..." : ""));
        }
        return true;
    }

    /** Releases the HTTP client's threads and idle connections. */
    @Override
    public void close() {
        client.close();
    }

    @Override
    public String toString() {
        return "OpenAiCompatibleModel{" + config + "}";
    }
}
