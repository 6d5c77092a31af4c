package dev.escalation.llm.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.escalation.core.FlowDefinition;
import dev.escalation.core.FlowWording;
import dev.escalation.core.ReplyAct;
import dev.escalation.core.ReplyRequest;
import dev.escalation.core.SlotSpec;
import dev.escalation.core.Slots;
import dev.escalation.core.Ticket;
import dev.escalation.core.TicketUpdate;
import dev.escalation.core.UnableToInterpretMessageException;
import dev.escalation.llm.LanguageModelConfig;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Words the reply the engine decided on in one streamed call: the prompt lists the acts as numbered
 * points with their facts (ticket id, department, priority, status, summary) and the state; text
 * reaches the engine's callback as it arrives. After the stream, any fact the model left out (a
 * ticket id above all) is appended as one more sentence, so the customer always gets it.
 *
 * <p>A failed stream throws; the engine then appends its own wording after what was streamed.
 * Not part of the API.
 *
 * <p>Thread-safe.
 */
public final class ChatReplyWriter {
    private static final Logger log = LoggerFactory.getLogger(ChatReplyWriter.class);
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final LanguageModelConfig config;
    private final ChatClient client;
    private final EndpointMemory memory;

    public ChatReplyWriter(LanguageModelConfig config, ChatClient client, EndpointMemory memory) {
        this.config = config;
        this.client = client;
        this.memory = memory;
    }

    /** One point of the prompt and the facts the reply must contain, with a sentence that states them. */
    record Point(String instruction, List<String> facts, String factSentence) {
        Point(String instruction) {
            this(instruction, List.of(), null);
        }
    }

    /** Streams the reply to {@code chunks} and returns it whole. */
    public String reply(ReplyRequest request, Consumer<String> chunks) {
        List<Point> points = new ArrayList<>();
        for (ReplyAct act : request.acts()) {
            points.add(point(act, request.flow()));
        }
        boolean streamOptions = memory.get(config.baseUrl()).streamOptions();
        StringBuilder streamed = new StringBuilder();
        Consumer<String> forward = chunk -> {
            streamed.append(chunk);
            chunks.accept(chunk);
        };
        Completion completion;
        try {
            completion = client.stream(
                    body(request, points, streamOptions), "reply", request.deadline(), request.calls(), forward);
        } catch (ChatFailure failure) {
            if (streamOptions && streamed.length() == 0 && ChatFailures.rejectsStreamOptions(failure)) {
                memory.rejectStreamOptions(config.baseUrl());
                log.info(
                        "{} rejected stream_options; token usage of replies is counted locally from now on",
                        config.baseUrl());
                try {
                    completion = client.stream(
                            body(request, points, false), "reply", request.deadline(), request.calls(), forward);
                } catch (ChatFailure again) {
                    throw ChatFailures.toPublic(again, config, "word a reply");
                }
            } else {
                throw ChatFailures.toPublic(failure, config, "word a reply");
            }
        }
        String text = completion.content() == null ? "" : completion.content();
        if (text.isBlank()) {
            throw new UnableToInterpretMessageException(config.spec() + " streamed no text for the reply"
                    + (completion.hasToolCalls() ? " (only tool calls)" : ""));
        }
        String suffix = missingFacts(points, text);
        if (!suffix.isEmpty()) {
            log.debug("the reply from {} left out facts; appending: {}", config.spec(), suffix);
            chunks.accept(suffix);
            return text + suffix;
        }
        return text;
    }

    /**
     * The sentences stating the facts of {@code request}'s acts that {@code text} left out (a ticket id
     * above all), to append to it; empty when it has them all. Shared with adapters of other model APIs.
     */
    public static String missingFacts(ReplyRequest request, String text) {
        List<Point> points = new ArrayList<>();
        for (ReplyAct act : request.acts()) {
            points.add(point(act));
        }
        return missingFacts(points, text);
    }

    private static String missingFacts(List<Point> points, String text) {
        StringBuilder missing = new StringBuilder();
        for (Point point : points) {
            boolean complete = point.facts().stream().allMatch(fact -> contains(text, fact));
            if (!complete) {
                missing.append(' ').append(point.factSentence());
            }
        }
        if (missing.length() == 0) {
            return "";
        }
        return text.endsWith(" ") || text.endsWith("\n") ? missing.substring(1) : missing.toString();
    }

    /** The system prompt of a reply. */
    public static String systemPrompt() {
        return Prompts.text("reply");
    }

    /** The user message of a reply: the acts as numbered points with their facts, the state and the message. */
    public static String userPrompt(ReplyRequest request) {
        List<Point> points = new ArrayList<>();
        for (ReplyAct act : request.acts()) {
            points.add(point(act));
        }
        return userPrompt(request, points);
    }

    private static String userPrompt(ReplyRequest request, List<Point> points) {
        StringBuilder user = new StringBuilder("Points to say, in order:\n");
        for (int i = 0; i < points.size(); i++) {
            user.append(i + 1).append(". ").append(points.get(i).instruction()).append('\n');
        }
        user.append("Conversation state: ").append(request.state().name()).append('\n');
        if (!request.customerText().isBlank()) {
            user.append("The customer's last message:\n")
                    .append(CustomerText.delimited(clip(request.customerText(), 2_000)));
        }
        return user.toString().strip();
    }

    private static boolean contains(String text, String fact) {
        return text.toLowerCase(Locale.ROOT).contains(fact.toLowerCase(Locale.ROOT));
    }

    private ObjectNode body(ReplyRequest request, List<Point> points, boolean streamOptions) {
        ObjectNode body = ModelJson.object();
        body.put("model", config.model());
        ArrayNode messages = body.putArray("messages");
        messages.add(Interpreter.message("system", systemPrompt()));
        messages.add(Interpreter.message("user", userPrompt(request, points)));
        body.put("temperature", config.replyTemperature());
        body.put(
                config.provider() == LanguageModelConfig.Provider.OPENAI ? "max_completion_tokens" : "max_tokens",
                config.maxReplyTokens());
        body.put("stream", true);
        if (streamOptions) {
            body.putObject("stream_options").put("include_usage", true);
        }
        return body;
    }

    /** The prompt point for one act, with the facts that must survive the model's wording. */
    static Point point(ReplyAct act) {
        return point(act, FlowDefinition.standard());
    }

    /** The prompt point for one act in {@code flow}: its departments, its slots' descriptions, its summary fields. */
    static Point point(ReplyAct act, FlowDefinition flow) {
        if (act instanceof ReplyAct.AskReason) {
            return new Point("Ask why they would like to escalate: what went wrong.");
        }
        if (act instanceof ReplyAct.AskDetails) {
            return new Point(
                    "Ask them to describe the problem in detail: what happens, since when, and what they already tried.");
        }
        if (act instanceof ReplyAct.AskDepartment) {
            return new Point("Ask whether this is for " + FlowWording.departmentList(flow.departments()) + ".");
        }
        if (act instanceof ReplyAct.AskExtraSlot extra) {
            String description =
                    flow.slot(extra.name()).map(SlotSpec::description).orElse(null);
            return new Point("Ask for their " + extra.name().replace('_', ' ')
                    + (description == null ? "" : " (" + description + ")") + ".");
        }
        if (act instanceof ReplyAct.AskAgain again) {
            String asked = FlowWording.askAgain(flow, again.slot(), again.unclear(), again.noted());
            return new Point("Their last message did not give what was asked. Say so briefly, and ask again in other"
                    + " words than before, as in: " + asked);
        }
        if (act instanceof ReplyAct.Summarize summarize) {
            Slots slots = summarize.slots();
            String department = slots.department().displayName();
            String priority = slots.priorityOrDefault().wireName();
            String description = slots.description() == null ? "(none)" : clip(slots.description(), 600);
            StringBuilder fields = new StringBuilder();
            FlowWording.extraFields(flow, slots)
                    .forEach((label, value) -> fields.append(", ")
                            .append(label.toLowerCase(java.util.Locale.ROOT))
                            .append(" ")
                            .append(clip(value, 200)));
            return new Point(
                    "Summarise the ticket to be created: department " + department + ", priority " + priority + fields
                            + ", description \"" + description
                            + "\". Ask them to reply yes to create it, or to say what to change.",
                    List.of(department, priority),
                    "To confirm: " + department + ", priority " + priority
                            + ". Reply yes to create the ticket, or tell me what to change.");
        }
        if (act instanceof ReplyAct.TicketCreated created) {
            Ticket ticket = created.ticket();
            String id = ticket.ticketId().value();
            return new Point(
                    "Tell them their ticket was created: ticket id " + id + ", department "
                            + ticket.department().displayName() + ", priority "
                            + ticket.priority().wireName() + ", status "
                            + ticket.status().displayName() + ". Give the ticket id exactly.",
                    List.of(id),
                    "Your ticket ID is " + id + ".");
        }
        if (act instanceof ReplyAct.Cancelled) {
            return new Point("Confirm the escalation is cancelled and no ticket was created.");
        }
        if (act instanceof ReplyAct.ReportStatus status) {
            Ticket ticket = status.ticket();
            String id = ticket.ticketId().value();
            String state = ticket.status().displayName();
            return new Point(
                    "Report ticket " + id + ": status " + state + ", department "
                            + ticket.department().displayName() + ", priority "
                            + ticket.priority().wireName()
                            + lastUpdate(status.lastUpdate()) + ".",
                    List.of(id, state),
                    "Ticket " + id + " is " + state + ".");
        }
        if (act instanceof ReplyAct.TicketNotFound notFound) {
            return new Point(
                    notFound.reference() == null
                            ? "Say they have no ticket with us yet."
                            : "Say no ticket \"" + clip(notFound.reference(), 40)
                                    + "\" was found on their account, and ask them to check the id.");
        }
        if (act instanceof ReplyAct.UpdateAdded added) {
            String id = added.ticket().ticketId().value();
            return new Point(
                    "Tell them their note was added to ticket " + id + ": \"" + clip(added.note(), 300) + "\".",
                    List.of(id),
                    "I added your note to ticket " + id + ".");
        }
        if (act instanceof ReplyAct.AskUpdateText) {
            return new Point("Ask what they would like to add to the ticket.");
        }
        if (act instanceof ReplyAct.OfferFurtherHelp offer) {
            Ticket ticket = offer.ticket();
            return new Point("Ask whether there is anything else you can help with"
                    + (ticket == null
                            ? "."
                            : " (their ticket " + ticket.ticketId().value() + " is "
                                    + ticket.status().displayName() + "; mention it only briefly)."));
        }
        if (act instanceof ReplyAct.AskSameOrNew ask) {
            String id = ask.ticket().ticketId().value();
            return new Point(
                    "Ask in one short question whether their message is about ticket " + id
                            + " or about something new.",
                    List.of(id),
                    "Is this about ticket " + id + " or something new?");
        }
        if (act instanceof ReplyAct.SecondProblemParked parked) {
            return new Point(
                    "Say that \"" + clip(parked.text(), 200) + "\" sounds like a separate request, that you have"
                            + " kept it and will take it up as its own request right after the current one.");
        }
        if (act instanceof ReplyAct.OfferParkedRequest offer) {
            return new Point("Remind them they also mentioned \"" + clip(offer.text(), 300)
                    + "\" and ask whether to start" + " a new request for it now (yes or no).");
        }
        if (act instanceof ReplyAct.ParkedRequestDropped) {
            return new Point("Say you have set that other request aside.");
        }
        if (act instanceof ReplyAct.Refused refused) {
            return new Point("Explain that the message could not be taken: " + refused.reason());
        }
        if (act instanceof ReplyAct.ConversationExpired expired) {
            long minutes = expired.after().toMinutes();
            String after = minutes % 60 == 0 ? minutes / 60 + " hours" : minutes + " minutes";
            return new Point("Say their earlier request was closed after " + after
                    + " without a message from them and no ticket was created from it, so you are starting again.");
        }
        if (act instanceof ReplyAct.Apology) {
            return new Point(
                    "Apologise: something went wrong on our side, nothing they said was lost; ask them to try again in a moment.");
        }
        throw new IllegalArgumentException("unknown reply act " + act);
    }

    private static String lastUpdate(TicketUpdate update) {
        if (update == null) {
            return "";
        }
        String when = DATE.format(update.at());
        return switch (update.kind()) {
            case CREATED -> ", created on " + when;
            case STATUS_CHANGED ->
                ", last change on " + when + ": status set to "
                        + update.toStatus().displayName()
                        + (update.note() == null ? "" : " (\"" + clip(update.note(), 200) + "\")");
            case NOTE_ADDED -> ", last note on " + when + ": \"" + clip(update.note(), 200) + "\"";
        };
    }

    private static String clip(String text, int max) {
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.length() > max ? flat.substring(0, max) + "…" : flat;
    }
}
