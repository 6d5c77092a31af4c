package dev.escalation.runner.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.escalation.core.CustomerMessage;
import dev.escalation.core.EscalationException;
import dev.escalation.core.TurnResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code replay FILE|-}: feeds JSON lines of customer messages to the engine and writes one JSON line
 * per message, flushed at once, so that another program can hold a conversation through a pipe.
 *
 * <p>Not thread-safe; picocli runs it once. Example: {@code echo '{"conversation_id":"c1",
 * "customer_id":"u1","text":"hi"}' | java -jar escalation-runner.jar replay -}.
 */
@Command(
        name = "replay",
        description = {
            "Replays JSON lines of customer messages; writes one JSON line per message,",
            "flushed at once. An input line is a whole conversation or one message:",
            "  {\"conversation_id\":\"c1\",\"customer_id\":\"u1\",\"turns\":[\"...\",\"...\"]}",
            "  {\"conversation_id\":\"c1\",\"customer_id\":\"u1\",\"text\":\"...\"}",
            "A one-message line may carry a message_id: a message whose id the conversation has",
            "processed already changes nothing and is answered with the stored reply, so a sender",
            "can send again whatever was not answered before a crash.",
            "An output line has conversation_id (and message_id if given), turn, reply, state,",
            "slots, ticket and llm (the model's calls and tokens), degraded:true when the",
            "offline model stood in, the transition taken and the reading (what the message was",
            "read as), from which impact --conversations replays it under another flow.",
            "A rejected line gives {\"line\":N,\"error\":\"...\"} and the replay goes on;",
            "the exit status is then 2."
        })
final class ReplayCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(ReplayCommand.class);

    private final Terminal terminal;
    private final AgentFactory agents;

    @Parameters(
            index = "0",
            paramLabel = "FILE|-",
            description = "The JSON-lines file to replay, or - for standard input.")
    String source;

    ReplayCommand(Terminal terminal, AgentFactory agents) {
        this.terminal = terminal;
        this.agents = agents;
    }

    /** A message ready for the engine, with the input line it came from. */
    private record Message(int line, CustomerMessage message) {}

    /** A line that cannot be replayed; the message names the field. */
    private static final class RejectedLine extends Exception {
        private static final long serialVersionUID = 1L;

        RejectedLine(String reason) {
            super(reason, null, false, false);
        }
    }

    @Override
    public Integer call() {
        try (BufferedReader reader = open();
                AgentFactory.Agent agent = agents.open(false)) {
            return replay(reader, agent);
        } catch (IOException e) {
            throw CommandFailure.failed("unable to read " + describeSource() + ": " + e.getMessage(), e);
        }
    }

    private int replay(BufferedReader reader, AgentFactory.Agent agent) throws IOException {
        boolean anyProblem = false;
        int lineNumber = 0;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            List<Message> messages;
            try {
                messages = parse(lineNumber, line);
            } catch (RejectedLine e) {
                anyProblem = true;
                agent.metrics().messageReceived("replay", "rejected");
                ObjectNode error = JsonLines.object();
                error.put("line", lineNumber);
                error.put("error", e.getMessage());
                JsonLines.writeLine(terminal.out(), error);
                continue;
            }
            for (Message message : messages) {
                anyProblem |= !handle(agent, message);
            }
        }
        return anyProblem ? ExitCodes.USAGE : ExitCodes.OK;
    }

    /** Returns false if the engine could not handle the message; the error line was written instead. */
    private boolean handle(AgentFactory.Agent agent, Message message) {
        TurnResult result;
        try {
            result = agent.engine().handle(message.message(), chunk -> {});
        } catch (EscalationException e) {
            agent.metrics().messageReceived("replay", "failed");
            writeFailure(message, e.getMessage());
            return false;
        } catch (RuntimeException e) {
            agent.metrics().messageReceived("replay", "failed");
            // An engine bug must not end a replay that another program is driving; report it on that line.
            log.warn(
                    "line {}: unexpected failure handling a message of conversation {}",
                    message.line(),
                    message.message().conversationId(),
                    e);
            writeFailure(message, "unexpected failure: " + e);
            return false;
        }
        agent.metrics().messageReceived("replay", "handled");
        JsonLines.writeLine(terminal.out(), withMessageId(JsonLines.turn(result), message));
        return true;
    }

    private void writeFailure(Message message, String reason) {
        ObjectNode error = JsonLines.object();
        error.put("line", message.line());
        error.put("conversation_id", message.message().conversationId());
        message.message().id().ifPresent(id -> error.put("message_id", id));
        error.put("error", reason);
        JsonLines.writeLine(terminal.out(), error);
    }

    // The sender matches answers to what it sent by this id, so it comes right after the conversation's.
    private static ObjectNode withMessageId(ObjectNode turn, Message message) {
        if (message.message().messageId() == null) {
            return turn;
        }
        ObjectNode line = JsonLines.object();
        line.set("conversation_id", turn.get("conversation_id"));
        line.put("message_id", message.message().messageId());
        line.setAll(turn);
        return line;
    }

    /** Validates the whole line before any of it reaches the engine, so a bad line changes nothing. */
    private static List<Message> parse(int lineNumber, String line) throws RejectedLine {
        JsonNode node;
        try {
            node = JsonLines.read(line);
        } catch (JsonProcessingException e) {
            throw new RejectedLine("not valid JSON: " + e.getOriginalMessage());
        }
        if (!node.isObject()) {
            throw new RejectedLine("a line must be a JSON object, but was " + typeName(node));
        }
        String conversationId = id(node, "conversation_id");
        String customerId = id(node, "customer_id");
        boolean hasTurns = node.has("turns");
        boolean hasText = node.has("text");
        if (hasTurns && hasText) {
            throw new RejectedLine("a line must have either turns or text, but had both");
        }
        String messageId = null;
        if (node.has("message_id")) {
            if (hasTurns) {
                throw new RejectedLine("message_id names one message, so it goes with text, but the line had turns");
            }
            messageId = id(node, "message_id");
        }
        List<String> texts = new ArrayList<>();
        if (hasTurns) {
            JsonNode turns = node.get("turns");
            if (!turns.isArray()) {
                throw new RejectedLine("turns must be an array of strings, but was " + typeName(turns));
            }
            if (turns.isEmpty()) {
                throw new RejectedLine("turns must hold at least one message, but was empty");
            }
            for (int i = 0; i < turns.size(); i++) {
                JsonNode turn = turns.get(i);
                if (!turn.isTextual()) {
                    throw new RejectedLine("turns[" + i + "] must be a string, but was " + typeName(turn));
                }
                texts.add(turn.textValue());
            }
        } else if (hasText) {
            JsonNode text = node.get("text");
            if (!text.isTextual()) {
                throw new RejectedLine("text must be a string, but was " + typeName(text));
            }
            // An empty text is a message like any other: the engine answers it.
            texts.add(text.textValue());
        } else {
            throw new RejectedLine("a line needs turns (an array of strings) or text (a string), but had neither");
        }
        List<Message> messages = new ArrayList<>(texts.size());
        for (String text : texts) {
            messages.add(new Message(lineNumber, new CustomerMessage(conversationId, customerId, text, messageId)));
        }
        return messages;
    }

    private static String id(JsonNode node, String field) throws RejectedLine {
        JsonNode value = node.get(field);
        if (value == null) {
            throw new RejectedLine(field + " is missing");
        }
        if (!value.isTextual()) {
            throw new RejectedLine(field + " must be a string, but was " + typeName(value));
        }
        String id = value.textValue();
        if (id.isBlank()) {
            throw new RejectedLine(field + " must not be blank");
        }
        if (id.length() > CustomerMessage.MAX_ID_LENGTH) {
            throw new RejectedLine(field + " must be at most " + CustomerMessage.MAX_ID_LENGTH + " characters, but was "
                    + id.length());
        }
        return id;
    }

    private static String typeName(JsonNode node) {
        JsonNodeType type = node.getNodeType();
        return switch (type) {
            case ARRAY -> "an array";
            case OBJECT, POJO -> "an object";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL, MISSING -> "null";
            case STRING -> "a string";
            case BINARY -> "binary";
        };
    }

    private BufferedReader open() throws IOException {
        InputStream input;
        if (source.equals("-")) {
            input = terminal.in();
        } else {
            try {
                if (Files.isDirectory(Path.of(source))) {
                    throw CommandFailure.usage("replay file " + source + " is a directory");
                }
                input = Files.newInputStream(Path.of(source));
            } catch (NoSuchFileException e) {
                throw CommandFailure.usage("replay file " + source + " does not exist");
            } catch (InvalidPathException e) {
                throw CommandFailure.usage("replay file '" + source + "' is not a valid path: " + e.getReason());
            } catch (IOException e) {
                throw CommandFailure.usage("unable to read replay file " + source + ": " + e.getMessage());
            }
        }
        return new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8));
    }

    private String describeSource() {
        return source.equals("-") ? "standard input" : "replay file " + source;
    }
}
