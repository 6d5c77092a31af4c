package dev.escalation.runner.internal;

import dev.escalation.core.Conversation;
import dev.escalation.core.CustomerMessage;
import dev.escalation.core.EscalationException;
import dev.escalation.core.State;
import dev.escalation.core.Ticket;
import dev.escalation.core.TicketId;
import dev.escalation.core.TurnResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code chat}: a conversation with the agent on the terminal, one line per message, the reply
 * streamed as it is worded. Reads piped input as well, echoing each line so the output reads as a
 * transcript.
 *
 * <p>Not thread-safe; picocli runs it once. Example: {@code java -jar escalation-runner.jar chat --customer u1}.
 */
@Command(
        name = "chat",
        description = {
            "Talks with the escalation agent on the terminal: type a message, read the reply.",
            "Type /quit (or end the input) to leave; the conversation is kept and can be resumed with --conversation."
        })
final class ChatCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(ChatCommand.class);

    static final String GREETING = "Hello! I'm the escalation assistant. Tell me what went wrong and I'll open a"
            + " support ticket with the right team, or ask me about a ticket you have, for example"
            + " \"What's the status of TK-...?\".";

    private final Terminal terminal;
    private final EnvironmentVariables env;
    private final AgentFactory agents;

    @Option(names = "--customer", paramLabel = "ID", description = "Who is talking; default: $USER, else 'customer'.")
    String customer;

    @Option(
            names = "--conversation",
            paramLabel = "ID",
            description = "The conversation to resume; default: a new one with a random id.")
    String conversation;

    ChatCommand(Terminal terminal, EnvironmentVariables env, AgentFactory agents) {
        this.terminal = terminal;
        this.env = env;
        this.agents = agents;
    }

    @Override
    public Integer call() throws IOException {
        String customerId = id("--customer", customer != null ? customer : env.get("USER", "customer"));
        String conversationId = id(
                "--conversation",
                conversation != null ? conversation : UUID.randomUUID().toString());
        PrintStream out = terminal.out();
        try (AgentFactory.Agent agent = agents.open(true)) {
            Optional<Conversation> resumed =
                    agent.database().conversationStore().load(conversationId);
            out.println("Agent: " + GREETING);
            out.println("  [customer " + customerId + ", conversation " + conversationId
                    + resumed.map(c -> ", resumed in state " + c.state()).orElse("") + "; /quit to leave]");
            agent.degradedNotice().ifPresent(notice -> out.println("  [" + notice + "]"));
            out.flush();
            converse(agent, customerId, conversationId);
            out.println("  [conversation " + conversationId + " saved; resume it with: chat --customer " + customerId
                    + " --conversation " + conversationId + "]");
            out.flush();
        }
        return ExitCodes.OK;
    }

    private void converse(AgentFactory.Agent agent, String customerId, String conversationId) throws IOException {
        PrintStream out = terminal.out();
        BufferedReader reader = new BufferedReader(new InputStreamReader(terminal.in(), StandardCharsets.UTF_8));
        TicketId announced = null;
        boolean degradedSaid = agent.degradedNotice().isPresent();
        while (true) {
            if (terminal.interactive()) {
                out.print("You: ");
                out.flush();
            }
            String line = reader.readLine();
            if (line == null) {
                if (terminal.interactive()) {
                    out.println(); // the cursor still stands after the prompt
                }
                return;
            }
            String text = line.strip();
            if (isQuit(text)) {
                return;
            }
            if (text.isEmpty()) {
                continue;
            }
            if (!terminal.interactive()) {
                out.println("You: " + text);
            }
            Optional<TurnResult> result = turn(agent, new CustomerMessage(conversationId, customerId, text));
            if (result.isPresent()) {
                announced = printStatus(result.get(), announced);
                if (result.get().degraded() && !degradedSaid) {
                    // Said once: the engine keeps answering with the offline model while the endpoint is down.
                    degradedSaid = true;
                    out.println("  [degraded mode: the language model failed, so the built-in offline model answered]");
                    out.flush();
                }
            }
        }
    }

    private static boolean isQuit(String text) {
        String command = text.toLowerCase(Locale.ROOT);
        return command.equals("/quit") || command.equals("/exit");
    }

    /** Streams the reply; on failure says so and carries on, since the engine stored nothing of the turn. */
    private Optional<TurnResult> turn(AgentFactory.Agent agent, CustomerMessage message) {
        PrintStream out = terminal.out();
        StringBuilder streamed = new StringBuilder();
        try {
            TurnResult result = agent.engine().handle(message, chunk -> {
                if (streamed.length() == 0) {
                    out.print("Agent: ");
                }
                streamed.append(chunk);
                out.print(chunk);
                out.flush();
            });
            if (streamed.length() == 0) {
                // A model that does not stream still has a reply to show.
                out.print("Agent: " + result.reply());
            }
            out.println();
            out.flush();
            agent.metrics().messageReceived("chat", "handled");
            return Optional.of(result);
        } catch (EscalationException e) {
            agent.metrics().messageReceived("chat", "failed");
            reportFailure(streamed, e.getMessage());
            return Optional.empty();
        } catch (RuntimeException e) {
            agent.metrics().messageReceived("chat", "failed");
            // An engine bug should cost the customer one message, not the whole conversation.
            log.debug("unexpected failure handling a message of conversation {}", message.conversationId(), e);
            reportFailure(streamed, "unexpected failure: " + e);
            return Optional.empty();
        }
    }

    private void reportFailure(StringBuilder streamed, String reason) {
        if (streamed.length() > 0) {
            terminal.out().println();
            terminal.out().flush();
        }
        terminal.err()
                .println("Sorry, that message could not be handled: " + reason
                        + ". Nothing of it was saved; please send it again.");
        terminal.err().flush();
    }

    private TicketId printStatus(TurnResult result, TicketId announced) {
        PrintStream out = terminal.out();
        StringBuilder status = new StringBuilder("  [state ").append(result.state());
        TicketId now = announced;
        Optional<Ticket> ticket = result.ticket();
        if (ticket.isPresent()
                && result.state().equals(State.TICKET_CREATED)
                && !ticket.get().ticketId().equals(announced)) {
            Ticket created = ticket.get();
            status.append(" | ticket ")
                    .append(created.ticketId())
                    .append(": ")
                    .append(created.department().displayName())
                    .append(", ")
                    .append(created.priority().wireName())
                    .append(" priority, ")
                    .append(created.status().wireName());
            now = created.ticketId();
        }
        out.println(status.append(']'));
        out.flush();
        return now;
    }

    private static String id(String option, String value) {
        if (value.isBlank()) {
            throw CommandFailure.usage(option + " must not be blank");
        }
        if (value.length() > CustomerMessage.MAX_ID_LENGTH) {
            throw CommandFailure.usage(option + " must be at most " + CustomerMessage.MAX_ID_LENGTH
                    + " characters, but was " + value.length());
        }
        return value;
    }
}
