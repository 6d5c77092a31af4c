package dev.escalation.llm.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.escalation.core.Department;
import dev.escalation.core.DepartmentSpec;
import dev.escalation.core.FlowDefinition;
import dev.escalation.core.FlowWording;
import dev.escalation.core.Interpretation;
import dev.escalation.core.InterpretationRequest;
import dev.escalation.core.ModelToolCall;
import dev.escalation.core.OfflineLanguageModel;
import dev.escalation.core.ReplyAct;
import dev.escalation.core.ReplyRequest;
import dev.escalation.core.SlotSpec;
import dev.escalation.core.StateSpec;
import dev.escalation.core.TurnDecision;
import dev.escalation.llm.LanguageModelConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One model call per customer turn: a single streamed call whose JSON answer holds the reading of
 * the message, the move the model expects the desk to make ({@code next}) and the reply for it, last.
 * The reading is complete before any word of the reply arrives, so the flow decides and stores the
 * turn first; the reply's characters are then passed on as they stream in, but only when the flow's
 * move is the one they were worded for. Otherwise none of them is shown and the built-in templates
 * word the flow's reply, so a turn never costs a second call; a ticket's status or a note added,
 * whose facts the model could not know when it answered, is always worded by the templates from the
 * stored ticket. Facts the model could not know (the new ticket's id) are appended, as by
 * {@link ChatReplyWriter}. Servers that reject the request's format or tools, an answer that is not the
 * JSON asked for, and configured demonstrations (chosen for the reading prompt) take the two-call
 * path of {@link Interpreter} and {@link ChatReplyWriter}. Not part of the API.
 *
 * <p>The prompt is kept small, since it is sent on every turn, and cacheable. The start of the system
 * message is the same in every state and conversation; the rest of it and the schema are what the state
 * reads (the departments' descriptions and the priority rubric only where a department or a priority is
 * read, the intents and moves the state can take; never a ticket id, which is read from the customer's
 * text), the same in every conversation and shared by the states that collect a request, so servers'
 * prefix caches hold them too; only the user message changes from turn to turn: the state, the known
 * slots with a few words of the description, the last question and the message.
 *
 * <p>A plain answer ({@link PlainAnswers}: a bare yes or no to the summary, a bare status question with
 * one ticket id) makes no call at all when {@link LanguageModelConfig#plainAnswers()} is on: its reading
 * is beyond doubt and the built-in templates word its reply from what the flow and the store know.
 *
 * <p>Thread-safe.
 */
public final class TurnWriter {
    private static final Logger log = LoggerFactory.getLogger(TurnWriter.class);
    private static final int MAX_READING_TOKENS = 300;
    // What the customer said so far, as far as the model needs it to place a message: a few words of it.
    private static final int MAX_KNOWN_DESCRIPTION = 80;
    private static final OfflineLanguageModel TEMPLATES = new OfflineLanguageModel();

    private final LanguageModelConfig config;
    private final ChatClient client;
    private final EndpointMemory memory;
    private final Interpreter interpreter;
    private final ChatReplyWriter writer;

    public TurnWriter(
            LanguageModelConfig config,
            ChatClient client,
            EndpointMemory memory,
            Interpreter interpreter,
            ChatReplyWriter writer) {
        this.config = config;
        this.client = client;
        this.memory = memory;
        this.interpreter = interpreter;
        this.writer = writer;
    }

    /** Reads, lets the flow decide, and words the reply; see the class comment. */
    public String converse(InterpretationRequest request, TurnDecision decision, Consumer<String> chunks) {
        if (config.plainAnswers()) {
            Optional<Interpretation> plain = PlainAnswers.read(request);
            if (plain.isPresent()) {
                // The reading is beyond doubt and the reply says only what the flow and the store know.
                return TEMPLATES.reply(decision.decide(plain.get()), chunks);
            }
        }
        if (!config.demonstrations().isEmpty()) {
            return twoCalls(request, decision, chunks);
        }
        EndpointMemory.Capabilities capabilities = memory.get(config.baseUrl());
        EndpointMemory.OutputMode mode = capabilities.outputMode();
        // No tools are offered: a status question or a note is read as an intent like any other message,
        // which spares every call the tools' definitions (about 200 tokens).
        boolean tools = false;
        boolean streamOptions = capabilities.streamOptions();
        Answer answer = new Answer(request, decision, chunks);
        Completion completion;
        try {
            completion = client.stream(
                    body(request, mode, tools, streamOptions),
                    "turn",
                    request.deadline(),
                    request.calls(),
                    answer::accept);
        } catch (ChatFailure failure) {
            if (answer.wanted != null) {
                throw ChatFailures.toPublic(failure, config, "word a reply");
            }
            if (!rejected(failure, mode, tools, streamOptions)) {
                throw ChatFailures.toPublic(failure, config, "read a message");
            }
            return twoCalls(request, decision, chunks);
        }
        return answer.finish(completion);
    }

    // A server that rejects part of the request is remembered as the two-call path remembers it, and
    // that path (which tries the next format on its own) serves this turn.
    private boolean rejected(
            ChatFailure failure, EndpointMemory.OutputMode mode, boolean tools, boolean streamOptions) {
        if (mode != EndpointMemory.OutputMode.PROMPT && ChatFailures.rejectsResponseFormat(failure)) {
            EndpointMemory.OutputMode next = memory.rejectOutputMode(config.baseUrl(), mode);
            log.info(
                    "{} rejected response_format {} ({}); using {} from now on",
                    config.baseUrl(),
                    mode,
                    failure.serverMessage(),
                    next);
            return true;
        }
        if (tools && ChatFailures.rejectsTools(failure)) {
            memory.rejectTools(config.baseUrl());
            log.info(
                    "{} rejected tools ({}); status and update requests go through the JSON intent from now on",
                    config.baseUrl(),
                    failure.serverMessage());
            return true;
        }
        if (streamOptions && ChatFailures.rejectsStreamOptions(failure)) {
            memory.rejectStreamOptions(config.baseUrl());
            log.info("{} rejected stream_options; token usage is counted locally from now on", config.baseUrl());
            return true;
        }
        return false;
    }

    private String twoCalls(InterpretationRequest request, TurnDecision decision, Consumer<String> chunks) {
        return writer.reply(decision.decide(interpreter.interpret(request)), chunks);
    }

    /**
     * The stable start of a one-call turn's system message in {@code flow}: the same in every state and
     * conversation, so that it is a prefix servers cache; what only some states need follows it in
     * {@link #systemMessage}.
     */
    public static String systemPrompt(FlowDefinition flow) {
        StringBuilder slots = new StringBuilder();
        for (SlotSpec slot : flow.extraSlots()) {
            slots.append('\n')
                    .append(slot.name())
                    .append(": ")
                    .append(slot.description() == null ? "the " + slot.readableName() : slot.description())
                    .append(InterpretationSchema.typeHint(slot))
                    .append(", only when given.");
        }
        return Prompts.render("turn", Map.of("slots", slots.toString()));
    }

    /**
     * The system message of a one-call turn in {@code request}'s state: {@link #systemPrompt} first, then
     * what the state reads (the departments' descriptions and the priority rubric only where a department
     * or a priority is read, the intents and moves the state can take). Each state's message is the same
     * in every conversation, and the states that collect a request share theirs, so servers' prefix
     * caches hold it.
     */
    public static String systemMessage(InterpretationRequest request) {
        return systemPrompt(request.flow()) + "\n" + stateBlock(request);
    }

    /** The user message of a one-call turn: the state, what is known, the last question and the message. */
    public static String userMessage(InterpretationRequest request) {
        return "State: " + request.state().name() + ".\n" + Interpreter.userMessage(request, MAX_KNOWN_DESCRIPTION);
    }

    /** What the model needs to read a message and choose the next move in {@code request}'s state. */
    static String stateBlock(InterpretationRequest request) {
        FlowDefinition flow = request.flow();
        StateSpec.Kind kind = kind(request);
        Map<String, String> values = Map.of(
                "departments",
                departments(flow),
                "department_names",
                FlowWording.departmentList(flow.departments()),
                "priorities",
                priorities(flow),
                "asks",
                asks(flow));
        if (kind == StateSpec.Kind.CONFIRM) {
            return Prompts.render("turn-confirm", values);
        }
        if (kind == StateSpec.Kind.TICKET) {
            return Prompts.render("turn-ticket", values);
        }
        return Prompts.render("turn-collect", values);
    }

    private static StateSpec.Kind kind(InterpretationRequest request) {
        StateSpec.Kind kind =
                request.flow().stateSpec(request.state()).map(StateSpec::kind).orElse(StateSpec.Kind.COLLECT);
        return kind == StateSpec.Kind.CONFIRM || kind == StateSpec.Kind.TICKET ? kind : StateSpec.Kind.COLLECT;
    }

    /** The strict JSON schema of the one-call answer in {@code request}'s state. */
    static ObjectNode schema(InterpretationRequest request) {
        return InterpretationSchema.turnSchema(request.flow(), kind(request));
    }

    // One terse line each, from the flow's own descriptions: "Billing (charges, refunds); Sales (...)".
    private static String departments(FlowDefinition flow) {
        StringBuilder departments = new StringBuilder();
        for (DepartmentSpec spec : flow.departmentSpecs()) {
            departments
                    .append(departments.length() == 0 ? "" : "; ")
                    .append(spec.department().displayName())
                    .append(spec.description() == null ? "" : " (" + terse(spec.description()) + ")");
        }
        return departments.toString();
    }

    private static String priorities(FlowDefinition flow) {
        StringBuilder priorities = new StringBuilder();
        flow.priorityRubric()
                .forEach((priority, text) -> priorities
                        .append(priorities.length() == 0 ? "" : "; ")
                        .append(priority.wireName())
                        .append(" (")
                        .append(terse(text))
                        .append(')'));
        return priorities.toString();
    }

    private static String asks(FlowDefinition flow) {
        StringBuilder asks = new StringBuilder("ask_reason, ask_details, ask_department");
        for (SlotSpec slot : flow.extraSlots()) {
            if (slot.isEverRequired()) {
                asks.append(", ask_").append(slot.name());
            }
        }
        return asks.toString();
    }

    private static String terse(String description) {
        return description.strip().replaceAll("\\s+", " ").replaceAll("\\.$", "");
    }

    private ObjectNode body(
            InterpretationRequest request, EndpointMemory.OutputMode mode, boolean tools, boolean streamOptions) {
        ObjectNode body = ModelJson.object();
        body.put("model", config.model());
        String system = systemMessage(request);
        if (mode != EndpointMemory.OutputMode.JSON_SCHEMA) {
            system += "\n" + Prompts.render("json-only", Map.of("schema", ModelJson.write(schema(request))));
        }
        body.putArray("messages")
                .add(Interpreter.message("system", system))
                .add(Interpreter.message("user", userMessage(request)));
        body.put("temperature", config.temperature());
        body.put(
                config.provider() == LanguageModelConfig.Provider.OPENAI ? "max_completion_tokens" : "max_tokens",
                MAX_READING_TOKENS + config.maxReplyTokens());
        switch (mode) {
            case JSON_SCHEMA -> {
                ObjectNode format = body.putObject("response_format");
                format.put("type", "json_schema");
                ObjectNode schema = format.putObject("json_schema");
                schema.put("name", InterpretationSchema.TURN_NAME);
                schema.put("strict", true);
                schema.set("schema", schema(request));
            }
            case JSON_OBJECT -> body.putObject("response_format").put("type", "json_object");
            case PROMPT -> {}
        }
        if (tools) {
            body.set("tools", TicketTools.definitions());
            body.put("tool_choice", "auto");
            if (config.provider() == LanguageModelConfig.Provider.OPENAI) {
                body.put("parallel_tool_calls", false);
            }
        }
        body.put("stream", true);
        if (streamOptions) {
            body.putObject("stream_options").put("include_usage", true);
        }
        return body;
    }

    /**
     * How the words the model streams are used once the flow has decided: passed on, never shown, or
     * passed on until a sentence contradicted the flow (then the rest is the built-in wording).
     */
    private enum Use {
        STREAM,
        TEMPLATE,
        WITHHELD
    }

    private static final java.util.regex.Pattern TICKET_DONE =
            java.util.regex.Pattern.compile("(?i)\\bticket\\b.*\\b(created|opened|raised|logged|submitted|filed)\\b"
                    + "|\\b(created|opened|raised|logged|submitted|filed)\\b.*\\bticket\\b");
    private static final java.util.regex.Pattern NEGATED =
            java.util.regex.Pattern.compile("(?i)\\b(no|not|never|nothing|before)\\b|n't\\b");

    /** One streamed answer: scanned as it arrives, decided once, its reply passed on or withheld. */
    private final class Answer {
        final InterpretationRequest request;
        final TurnDecision decision;
        final Consumer<String> chunks;
        final AnswerScanner scanner = new AnswerScanner();
        final StringBuilder shown = new StringBuilder();
        final StringBuilder held = new StringBuilder();
        ReplyRequest wanted;
        Use use;
        boolean deferred;

        Answer(InterpretationRequest request, TurnDecision decision, Consumer<String> chunks) {
            this.request = request;
            this.decision = decision;
            this.chunks = chunks;
        }

        void accept(String piece) {
            scanner.accept(piece);
            if (wanted == null && !deferred && scanner.replyStarted()) {
                ObjectNode before = objectIn(scanner.beforeReply());
                InterpretationSchema.Reading reading = before == null
                        ? null
                        : InterpretationSchema.read(before, request.flow(), request.state(), request.text());
                if (reading instanceof InterpretationSchema.Reading.Valid valid
                        && before.hasNonNull(InterpretationSchema.NEXT)) {
                    decide(valid, before.path(InterpretationSchema.NEXT).asText());
                } else {
                    deferred = true; // read the whole answer once it is complete
                }
            }
            if (use == Use.STREAM) {
                show(scanner.takeReply());
            }
        }

        void decide(InterpretationSchema.Reading.Valid valid, String next) {
            wanted = decision.decide(valid.interpretation());
            use = fits(next, wanted) ? Use.STREAM : Use.TEMPLATE;
            if (use != Use.STREAM && !"lookup".equals(next)) {
                log.debug(
                        "{} worded its reply for '{}', but the flow's reply is {}; the built-in wording is used",
                        config.spec(),
                        next,
                        acts(wanted));
            }
        }

        // Words stream on as they arrive; only a sentence that mentions a ticket or a department is held
        // until it ends, and is withheld, with all that follows, when it contradicts the flow's reply.
        void show(String text) {
            if (use != Use.STREAM) {
                return;
            }
            int pass = 0;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (held.length() == 0 && !watched(text.substring(pass, i + 1))) {
                    if (c == '.' || c == '!' || c == '?' || c == '\n') {
                        pass(text.substring(pass, i + 1));
                        pass = i + 1;
                    }
                    continue;
                }
                if (held.length() == 0) {
                    held.append(text, pass, i);
                    pass = i;
                }
                held.append(c);
                pass = i + 1;
                if (c == '.' || c == '!' || c == '?' || c == '\n') {
                    release();
                    if (use != Use.STREAM) {
                        return;
                    }
                }
            }
            if (held.length() == 0 && pass < text.length()) {
                pass(text.substring(pass));
            }
        }

        private void pass(String text) {
            if (!text.isEmpty()) {
                shown.append(text);
                chunks.accept(text);
            }
        }

        // The part of the current sentence already shown.
        private String shownOfSentence() {
            int start = Math.max(
                            Math.max(shown.lastIndexOf("."), shown.lastIndexOf("?")),
                            Math.max(shown.lastIndexOf("!"), shown.lastIndexOf("\n")))
                    + 1;
            return shown.substring(start);
        }

        // The sentence so far, as shown and about to be shown, mentions what a reply may get wrong.
        private boolean watched(String next) {
            String sentence = (shownOfSentence() + next).toLowerCase(Locale.ROOT);
            return sentence.contains("ticket")
                    || request.flow().departments().stream()
                            .anyMatch(d -> sentence.contains(d.displayName().toLowerCase(Locale.ROOT)));
        }

        // Ends a held sentence: shown when it agrees with the flow's reply, else withheld with the rest.
        void release() {
            String part = held.toString();
            String sentence = shownOfSentence() + part;
            held.setLength(0);
            if (contradicts(wanted, sentence)) {
                log.debug(
                        "{} wrote a sentence its move '{}' contradicts; the built-in wording follows what was shown",
                        config.spec(),
                        acts(wanted));
                use = Use.WITHHELD;
                return;
            }
            pass(part);
        }

        String finish(Completion completion) {
            if (wanted == null) {
                String fromTools = completion.hasToolCalls()
                        ? toolTurn(completion.toolCalls().get(0))
                        : null;
                if (fromTools != null) {
                    return fromTools;
                }
                ObjectNode whole = objectIn(completion.content());
                InterpretationSchema.Reading reading = whole == null
                        ? new InterpretationSchema.Reading.Invalid("not JSON")
                        : InterpretationSchema.read(whole, request.flow(), request.state(), request.text());
                if (reading instanceof InterpretationSchema.Reading.ToolRequest toolRequest) {
                    String answered = toolTurn(toolRequest.call());
                    if (answered != null) {
                        return answered;
                    }
                }
                if (!(reading instanceof InterpretationSchema.Reading.Valid valid)) {
                    log.debug(
                            "{} gave no usable one-call answer; reading the message with the extraction prompt",
                            config.spec());
                    return twoCalls(request, decision, chunks);
                }
                decide(valid, whole.path(InterpretationSchema.NEXT).asText(""));
                if (use == Use.STREAM) {
                    show(whole.path(AnswerScanner.REPLY).asText(""));
                }
            } else if (use == Use.STREAM) {
                show(scanner.takeReply());
            }
            if (use == Use.STREAM && held.length() > 0) {
                release();
            }
            if (use != Use.STREAM || shown.toString().isBlank()) {
                String separator =
                        shown.length() == 0 || Character.isWhitespace(shown.charAt(shown.length() - 1)) ? "" : " ";
                if (!separator.isEmpty()) {
                    chunks.accept(separator);
                }
                return shown + separator + TEMPLATES.reply(wanted, chunks);
            }
            String suffix = corrections(wanted, shown.toString());
            if (!suffix.isEmpty()) {
                log.debug("the reply from {} left out or contradicted facts; appending: {}", config.spec(), suffix);
                chunks.accept(suffix);
            }
            return shown + suffix;
        }

        // A native or JSON-written tool call: a valid one is the reading, and its reply is the looked-up
        // facts in the built-in wording; an invalid one goes to the extraction loop, which answers it.
        private String toolTurn(ToolCall call) {
            TicketTools.Check check = TicketTools.check(call, request.text());
            String name = call.name().equals(TicketTools.STATUS) || call.name().equals(TicketTools.UPDATE)
                    ? call.name()
                    : "unknown";
            request.calls()
                    .toolCalled(new ModelToolCall(
                            name,
                            call.id() == null || call.id().isBlank() ? null : call.id(),
                            check instanceof TicketTools.Check.Accepted ? "accepted" : "rejected"));
            if (check instanceof TicketTools.Check.Accepted accepted) {
                wanted = decision.decide(accepted.interpretation());
                use = Use.TEMPLATE;
                return TEMPLATES.reply(wanted, chunks);
            }
            return null;
        }
    }

    private static ObjectNode objectIn(String text) {
        try {
            return text == null ? null : ModelJson.objectIn(text);
        } catch (ModelJson.NotAnObjectException e) {
            return null;
        }
    }

    /** True when the flow's reply is the single move {@code next} names. */
    static boolean fits(String next, ReplyRequest wanted) {
        if (wanted.acts().size() != 1) {
            return false;
        }
        String move = move(wanted.acts().get(0));
        return move != null && move.equals(next);
    }

    /** The name of the move an act is, as the one-call answer's {@code next} says it; null for others. */
    static String move(ReplyAct act) {
        if (act instanceof ReplyAct.AskReason) {
            return "ask_reason";
        }
        if (act instanceof ReplyAct.AskDetails) {
            return "ask_details";
        }
        if (act instanceof ReplyAct.AskDepartment) {
            return "ask_department";
        }
        if (act instanceof ReplyAct.AskExtraSlot extra) {
            return "ask_" + extra.name();
        }
        if (act instanceof ReplyAct.Summarize) {
            return "summarize";
        }
        if (act instanceof ReplyAct.TicketCreated) {
            return "ticket_created";
        }
        if (act instanceof ReplyAct.Cancelled) {
            return "cancelled";
        }
        return null;
    }

    private static List<String> acts(ReplyRequest wanted) {
        List<String> names = new ArrayList<>();
        wanted.acts().forEach(act -> names.add(act.getClass().getSimpleName()));
        return names;
    }

    /**
     * True when a sentence of a reply says what the flow's reply does not: a ticket created when the
     * flow created none, or, in a summary, another of the flow's departments than the ticket's.
     */
    static boolean contradicts(ReplyRequest wanted, String sentence) {
        boolean created = wanted.acts().stream().anyMatch(act -> act instanceof ReplyAct.TicketCreated);
        if (!created
                && TICKET_DONE.matcher(sentence).find()
                && !NEGATED.matcher(sentence).find()) {
            return true;
        }
        if (wanted.acts().get(0) instanceof ReplyAct.Summarize summarize) {
            String lower = sentence.toLowerCase(Locale.ROOT);
            return wanted.flow().departments().stream()
                    .filter(d -> !d.equals(summarize.slots().department()))
                    .anyMatch(d -> lower.contains(d.displayName().toLowerCase(Locale.ROOT)));
        }
        return false;
    }

    /**
     * What to append to a streamed reply: the facts it left out (the ticket id above all), and for a
     * summary that names another of the flow's departments than the ticket's, the summary's facts again.
     */
    static String corrections(ReplyRequest wanted, String text) {
        String missing = ChatReplyWriter.missingFacts(wanted, text);
        if (!missing.isEmpty() || !(wanted.acts().get(0) instanceof ReplyAct.Summarize summarize)) {
            return missing;
        }
        Department department = summarize.slots().department();
        String lower = text.toLowerCase(Locale.ROOT);
        boolean other = wanted.flow().departments().stream()
                .filter(d -> !d.equals(department))
                .anyMatch(d -> lower.contains(d.displayName().toLowerCase(Locale.ROOT)));
        return other ? " " + ChatReplyWriter.point(summarize, wanted.flow()).factSentence() : "";
    }
}
