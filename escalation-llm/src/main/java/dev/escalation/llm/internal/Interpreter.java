package dev.escalation.llm.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.escalation.core.FlowDefinition;
import dev.escalation.core.FlowWording;
import dev.escalation.core.Interpretation;
import dev.escalation.core.InterpretationRequest;
import dev.escalation.core.ModelToolCall;
import dev.escalation.core.PersonalData;
import dev.escalation.core.Question;
import dev.escalation.core.Slots;
import dev.escalation.core.State;
import dev.escalation.core.UnableToInterpretMessageException;
import dev.escalation.llm.Demonstration;
import dev.escalation.llm.LanguageModelConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one customer message into an {@link Interpretation} with as few calls as possible: normally
 * one non-streamed call with the state's JSON schema, the known slots and the message (not the
 * history).
 *
 * <p>The call is a bounded ReAct loop ({@link LanguageModelConfig#maxIterations()} model calls at
 * most): a valid {@code get_ticket_status} or {@code update_ticket} call ends it as a
 * {@code STATUS_QUERY} or {@code ADD_UPDATE} interpretation (the engine executes it, with ownership
 * checks); an unknown tool or invalid arguments go back as an error observation; a call identical to
 * an earlier one is not checked again but answered with the earlier observation and a request not to
 * repeat it; a reply that does not match the schema gets one repair message. At the bound, after a
 * second invalid reply, or when the endpoint fails, it throws {@link UnableToInterpretMessageException}
 * and the engine reads the message with the offline model (degraded mode) and words a polite reply.
 *
 * <p>Servers that reject a {@code response_format} are asked again with the next one (json_schema,
 * json_object, a plain "JSON only" prompt), and what worked is remembered per endpoint in
 * {@link EndpointMemory}; these re-asks are not loop iterations. Not part of the API.
 *
 * <p>Thread-safe.
 */
public final class Interpreter {
    private static final Logger log = LoggerFactory.getLogger(Interpreter.class);
    private static final int MAX_TOKENS = 300;

    private final LanguageModelConfig config;
    private final ChatClient client;
    private final EndpointMemory memory;

    public Interpreter(LanguageModelConfig config, ChatClient client, EndpointMemory memory) {
        this.config = config;
        this.client = client;
        this.memory = memory;
    }

    /** Reads the message; see the class comment. */
    public Interpretation interpret(InterpretationRequest request) {
        EndpointMemory.Capabilities capabilities = memory.get(config.baseUrl());
        EndpointMemory.OutputMode mode = capabilities.outputMode();
        boolean tools = config.nativeTools() && capabilities.tools();
        List<ObjectNode> conversation = new ArrayList<>();
        conversation.add(message("user", userMessage(request)));
        Map<String, String> observations = new HashMap<>();
        boolean repaired = false;
        String operation = "interpret";
        String lastProblem = null;
        int iterations = 0;
        while (iterations < config.maxIterations()) {
            ObjectNode body = body(request.flow(), request.state(), mode, tools, conversation);
            Completion completion;
            try {
                completion = client.complete(body, operation, request.deadline(), request.calls());
            } catch (ChatFailure failure) {
                if (mode != EndpointMemory.OutputMode.PROMPT && ChatFailures.rejectsResponseFormat(failure)) {
                    EndpointMemory.OutputMode next = memory.rejectOutputMode(config.baseUrl(), mode);
                    log.info(
                            "{} rejected response_format {} ({}); using {} from now on",
                            config.baseUrl(),
                            mode,
                            failure.serverMessage(),
                            next);
                    mode = next;
                    continue;
                }
                if (tools && ChatFailures.rejectsTools(failure)) {
                    memory.rejectTools(config.baseUrl());
                    log.info(
                            "{} rejected tools ({}); status and update requests go through the JSON intent from now on",
                            config.baseUrl(),
                            failure.serverMessage());
                    tools = false;
                    continue;
                }
                throw ChatFailures.toPublic(failure, config, "read a message");
            }
            iterations++;

            if (completion.hasToolCalls()) {
                ArrayNode calls = ModelJson.array();
                for (ToolCall call : completion.toolCalls()) {
                    ObjectNode entry = calls.addObject();
                    entry.put("id", call.id());
                    entry.put("type", "function");
                    entry.putObject("function").put("name", call.name()).put("arguments", call.arguments());
                }
                ObjectNode assistant = ModelJson.object();
                assistant.put("role", "assistant");
                assistant.putNull("content");
                assistant.set("tool_calls", calls);
                List<ObjectNode> answers = new ArrayList<>();
                for (ToolCall call : completion.toolCalls()) {
                    String observation = observe(call, request.text(), observations);
                    request.calls().toolCalled(toolCall(call, call.id(), observation));
                    if (observation == null) {
                        client.report(request.calls(), operation, completion, "ok");
                        return accepted(call, request.text());
                    }
                    ObjectNode answer = message("tool", observation);
                    answer.put("tool_call_id", call.id());
                    answers.add(answer);
                }
                client.report(request.calls(), operation, completion, "tool_error");
                conversation.add(assistant);
                conversation.addAll(answers);
                lastProblem = answers.get(answers.size() - 1).path("content").asText();
                operation = "tool";
                continue;
            }

            String content = completion.content();
            InterpretationSchema.Reading reading;
            try {
                reading = InterpretationSchema.read(
                        ModelJson.objectIn(content), request.flow(), request.state(), request.text());
            } catch (ModelJson.NotAnObjectException e) {
                reading = new InterpretationSchema.Reading.Invalid(e.getMessage());
            }
            if (reading instanceof InterpretationSchema.Reading.Valid valid) {
                client.report(request.calls(), operation, completion, "ok");
                return valid.interpretation();
            }
            conversation.add(message("assistant", content == null ? "" : content));
            if (reading instanceof InterpretationSchema.Reading.ToolRequest toolRequest) {
                String observation = observe(toolRequest.call(), request.text(), observations);
                request.calls().toolCalled(toolCall(toolRequest.call(), null, observation));
                if (observation == null) {
                    client.report(request.calls(), operation, completion, "ok");
                    return accepted(toolRequest.call(), request.text());
                }
                client.report(request.calls(), operation, completion, "tool_error");
                conversation.add(message("user", "Tool result: " + observation));
                lastProblem = observation;
                operation = "tool";
                continue;
            }
            String error = ((InterpretationSchema.Reading.Invalid) reading).error();
            client.report(request.calls(), operation, completion, "invalid_json");
            if (repaired) {
                throw new UnableToInterpretMessageException(
                        config.spec() + " gave no valid interpretation after a repair" + " attempt: " + error);
            }
            log.debug(
                    "{} answered with invalid JSON ({}); asking once to repair it",
                    config.spec(),
                    PersonalData.redact(error));
            repaired = true;
            lastProblem = error;
            conversation.add(message("user", Prompts.render("repair", Map.of("error", error))));
            operation = "interpret";
        }
        throw new UnableToInterpretMessageException(config.spec() + " gave no valid interpretation within "
                + config.maxIterations() + " model calls (" + LanguageModelConfig.MAX_ITERATIONS_SETTING + ")"
                + (lastProblem == null ? "" : "; last problem: " + lastProblem));
    }

    /** Null when the call is valid (and so ends the loop); else the observation for the model. */
    private static String observe(ToolCall call, String text, Map<String, String> observations) {
        String earlier = observations.get(call.key());
        if (earlier != null) {
            return "You already called " + call.name() + " with these arguments and got: " + earlier
                    + " Do not repeat the same call; correct it or answer with the JSON object.";
        }
        TicketTools.Check check = TicketTools.check(call, text);
        if (check instanceof TicketTools.Check.Rejected rejected) {
            observations.put(call.key(), rejected.observation());
            return rejected.observation();
        }
        return null;
    }

    // A model may name any tool; names other than ours are reported as "unknown", so that metrics and
    // span names stay a small fixed set.
    private static ModelToolCall toolCall(ToolCall call, String id, String observation) {
        String name = call.name().equals(TicketTools.STATUS) || call.name().equals(TicketTools.UPDATE)
                ? call.name()
                : "unknown";
        return new ModelToolCall(
                name, id == null || id.isBlank() ? null : id, observation == null ? "accepted" : "rejected");
    }

    private static Interpretation accepted(ToolCall call, String text) {
        return ((TicketTools.Check.Accepted) TicketTools.check(call, text)).interpretation();
    }

    private ObjectNode body(
            FlowDefinition flow,
            State state,
            EndpointMemory.OutputMode mode,
            boolean tools,
            List<ObjectNode> conversation) {
        ObjectNode body = ModelJson.object();
        body.put("model", config.model());
        ArrayNode messages = body.putArray("messages");
        String system = Prompts.interpretation(flow, state, tools);
        if (mode != EndpointMemory.OutputMode.JSON_SCHEMA) {
            system += "\n"
                    + Prompts.render(
                            "json-only", Map.of("schema", ModelJson.write(InterpretationSchema.schema(flow, state))));
        }
        messages.add(message("system", system));
        // Few-shot demonstrations of this state, as earlier exchanges: the model sees the exact JSON it
        // should give for messages like the customer's, before the customer's own.
        for (Demonstration demonstration : config.demonstrations()) {
            if (demonstration.state().equals(state)) {
                messages.add(message("user", demonstrationMessage(demonstration)));
                messages.add(message(
                        "assistant",
                        ModelJson.write(InterpretationSchema.expected(demonstration.expected(), flow, state))));
            }
        }
        messages.addAll(conversation);
        body.put("temperature", config.temperature());
        body.put(
                config.provider() == LanguageModelConfig.Provider.OPENAI ? "max_completion_tokens" : "max_tokens",
                MAX_TOKENS);
        switch (mode) {
            case JSON_SCHEMA -> {
                ObjectNode format = body.putObject("response_format");
                format.put("type", "json_schema");
                ObjectNode schema = format.putObject("json_schema");
                schema.put("name", InterpretationSchema.NAME);
                schema.put("strict", true);
                schema.set("schema", InterpretationSchema.schema(flow, state));
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
        return body;
    }

    static ObjectNode message(String role, String content) {
        ObjectNode message = ModelJson.object();
        message.put("role", role);
        message.put("content", content);
        return message;
    }

    /** The user message that carries the known slots, the last question and the customer's delimited text. */
    public static String userMessage(InterpretationRequest request) {
        return userMessage(request, 300);
    }

    /** {@link #userMessage(InterpretationRequest)} with the known description cut to {@code maxDescription} characters. */
    static String userMessage(InterpretationRequest request, int maxDescription) {
        return "Known so far: " + known(request.slots(), maxDescription) + "\n"
                + "The agent last asked: " + asked(request.flow(), request.pendingQuestion()) + "\n"
                + CustomerText.delimited(request.text());
    }

    /** A demonstration's message, worded as a real one would be at the start of its state. */
    static String demonstrationMessage(Demonstration demonstration) {
        State state = demonstration.state();
        Question question = state.equals(State.REASON)
                ? Question.REASON
                : state.equals(State.DETAILS)
                        ? Question.DETAILS
                        : state.equals(State.CONFIRMATION) ? Question.CONFIRMATION : Question.NONE;
        return "Known so far: " + (state.equals(State.REASON) ? "nothing yet." : "reason given.") + "\n"
                + "The agent last asked: " + asked(FlowDefinition.standard(), question) + "\n"
                + CustomerText.delimited(demonstration.customerText());
    }

    /** The known slots in a few words; the description is shortened to keep the prompt small. */
    static String known(Slots slots) {
        return known(slots, 300);
    }

    private static String known(Slots slots, int maxDescription) {
        List<String> parts = new ArrayList<>();
        if (slots.department() != null) {
            parts.add("department " + slots.department().displayName()
                    + (slots.departmentFromCustomer() ? " (named by the customer)" : ""));
        }
        if (slots.priority() != null) {
            parts.add("priority " + slots.priority().wireName()
                    + (slots.priorityFromCustomer() ? " (asked for by the customer)" : ""));
        }
        if (slots.reasonGiven()) {
            parts.add("reason given");
        }
        if (slots.detailsGiven()) {
            parts.add("details given");
        }
        if (slots.description() != null) {
            String description = slots.description().replaceAll("\\s+", " ");
            parts.add("description \""
                    + (description.length() > maxDescription
                            ? description.substring(0, maxDescription) + "…"
                            : description)
                    + "\"");
        }
        if (slots.contact() != null) {
            parts.add("contact given");
        }
        return parts.isEmpty() ? "nothing yet." : String.join("; ", parts) + ".";
    }

    private static String asked(FlowDefinition flow, Question question) {
        return switch (question) {
            case NONE -> "nothing in particular.";
            case REASON -> "why they want to escalate.";
            case DETAILS -> "the details of the problem.";
            case DEPARTMENT -> "which department: " + FlowWording.departmentList(flow.departments()) + ".";
            case CONFIRMATION -> "to confirm the summary with an explicit yes.";
            case EXTRA_SLOT -> "for more information about the case.";
            case SAME_OR_NEW -> "whether their last message is about the ticket just created or about something new.";
            case START_PARKED -> "whether to start a new request for the other problem they mentioned earlier.";
        };
    }
}
