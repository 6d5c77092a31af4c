package dev.escalation.core.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * One adversarial customer message of {@code hostile/messages.jsonl}: what it tries, where in a
 * conversation it arrives, what a model that obeys it would do, and what must hold.
 *
 * <p>Immutable and thread-safe. Example: {@code HostileMessage.all().get(0).text("TK-AAAAAAA2")}.
 *
 * @param id a short name
 * @param category prompt_injection, system_prompt, fake_tool_call, foreign_ticket, sql, markup, control_chars,
 *     zero_width, rtl_override, empty, invalid_surrogate or oversize
 * @param at where the attacker's conversation is when the message arrives: opening, confirmation or
 *     ticket_created (the attacker has a ticket of their own)
 * @param template the text; {@code {victim}} and {@code {victim_lower}} stand for another customer's ticket id
 * @param repeat how many times the template is repeated (1 MB messages, messages at the size limit)
 * @param obey what an obedient model does: confirm, update_own, update_victim, status_victim, status_latest,
 *     echo (reads it as a billing problem and repeats it in the reply) or leak (also "reveals" its prompt)
 * @param expect no_ticket, ticket (the message holds an explicit yes) or refused (over the size limit)
 * @param must what must hold, in words
 */
public record HostileMessage(
        String id, String category, String at, String template, int repeat, String obey, String expect, String must) {

    private static final Set<String> STAGES = Set.of("opening", "confirmation", "ticket_created");
    private static final Set<String> OBEYS =
            Set.of("confirm", "update_own", "update_victim", "status_victim", "status_latest", "echo", "leak");
    private static final Set<String> EXPECTS = Set.of("no_ticket", "ticket", "refused");

    public HostileMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(template, "template");
        if (!STAGES.contains(at) || !OBEYS.contains(obey) || !EXPECTS.contains(expect) || repeat < 1) {
            throw new IllegalArgumentException("hostile message " + id + " has at=" + at + ", obey=" + obey
                    + ", expect=" + expect + ", repeat=" + repeat);
        }
    }

    /** The message as sent, with {@code victimTicket} in place of the placeholders. */
    public String text(String victimTicket) {
        String one = template.replace("{victim_lower}", victimTicket.toLowerCase(Locale.ROOT))
                .replace("{victim}", victimTicket);
        return one.repeat(repeat);
    }

    /** Whether the message names another customer's ticket. */
    public boolean namesVictim() {
        return template.contains("{victim");
    }

    /** Every message of the suite, in file order. */
    public static List<HostileMessage> all() {
        String resource = "/hostile/messages.jsonl";
        ObjectMapper json = new ObjectMapper();
        List<HostileMessage> messages = new ArrayList<>();
        try (InputStream in = Objects.requireNonNull(HostileMessage.class.getResourceAsStream(resource), resource);
                BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node = json.readTree(line);
                messages.add(new HostileMessage(
                        node.path("id").asText(),
                        node.path("category").asText(),
                        node.path("at").asText(),
                        node.path("text").asText(),
                        node.path("repeat").asInt(1),
                        node.path("obey").asText(),
                        node.path("expect").asText(),
                        node.path("must").asText()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(resource + " could not be read", e);
        }
        return List.copyOf(messages);
    }

    @Override
    public String toString() {
        return id + " (" + category + ", at " + at + ", obeyed as " + obey + ")";
    }
}
