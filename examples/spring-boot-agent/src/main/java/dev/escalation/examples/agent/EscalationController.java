package dev.escalation.examples.agent;

import dev.escalation.core.handover.Handover;
import dev.escalation.core.handover.HandoverReply;
import dev.escalation.core.handover.TranscriptMessage;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Escalates a conversation over REST: {@code POST /escalations} hands a transcript over,
 * {@code POST /escalations/{conversationId}/messages} forwards the customer's next message; both
 * answer with the reply, the state and the ticket id once there is one.
 *
 * <p>Thread-safe. Example:
 * {@code curl -X POST localhost:8080/escalations -H 'Content-Type: application/json' -d '{"conversationId":"c1","customerId":"u1","transcript":[{"speaker":"CUSTOMER","text":"I was charged twice"}]}'}
 */
@RestController
public class EscalationController {

    /** A hand-over: the conversation, its customer and what was said so far. */
    public record Start(String conversationId, String customerId, List<TranscriptMessage> transcript) {
        public Start {
            Objects.requireNonNull(conversationId, "conversationId");
            Objects.requireNonNull(customerId, "customerId");
            Objects.requireNonNull(transcript, "transcript");
        }
    }

    /** The customer's next message. */
    public record Message(String customerId, String text) {
        public Message {
            Objects.requireNonNull(customerId, "customerId");
            Objects.requireNonNull(text, "text");
        }
    }

    /** What the agent answered. */
    public record Reply(String conversationId, String reply, String state, String ticketId, boolean finished) {
        static Reply of(HandoverReply reply) {
            return new Reply(
                    reply.conversationId(),
                    reply.reply(),
                    reply.state().name(),
                    reply.ticketId().orElse(null),
                    reply.finished());
        }
    }

    // README:begin
    private final Handover handover;

    /** A controller on the starter's {@link Handover}. */
    public EscalationController(Handover handover) {
        this.handover = handover;
    }

    /** Starts an escalation from a transcript. */
    @PostMapping("/escalations")
    public Reply start(@RequestBody Start start) {
        return Reply.of(handover.start(start.conversationId(), start.customerId(), start.transcript()));
    }

    /** Forwards the customer's next message. */
    @PostMapping("/escalations/{conversationId}/messages")
    public Reply forward(@PathVariable("conversationId") String conversationId, @RequestBody Message message) {
        return Reply.of(handover.forward(conversationId, message.customerId(), message.text()));
    }

    // README:end

    /** A request the engine refuses (an id too long, a transcript without the customer) is the caller's error. */
    @ExceptionHandler(IllegalArgumentException.class)
    public ResponseEntity<Map<String, String>> refused(IllegalArgumentException e) {
        return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
    }
}
