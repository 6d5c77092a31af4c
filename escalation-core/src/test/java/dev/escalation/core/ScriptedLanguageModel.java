package dev.escalation.core;

import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * A language model for engine tests that reads a tiny command language instead of English, so a test
 * states exactly which event and slots a message carries:
 * {@code reason}, {@code details}, {@code details billing high}, {@code department sales},
 * {@code yes}, {@code no}, {@code correct priority critical}, {@code correct department billing},
 * {@code cancel}, {@code status TK-…}, {@code status}, {@code update TK-… some note}, {@code update - note},
 * {@code policy A123}, anything else: information without content. Replies list the acts' simple
 * names, one chunk per act, plus the ticket id for TicketCreated.
 */
class ScriptedLanguageModel implements LanguageModel {

    @Override
    public Interpretation interpret(InterpretationRequest request) {
        String[] words = request.text().trim().split("\\s+", 3);
        String command = words[0];
        String arg = words.length > 1 ? words[1] : null;
        String rest = words.length > 2 ? words[2] : null;
        return switch (command) {
            case "reason" -> info(request.text(), true, false, null, null);
            case "details" ->
                info(
                        request.text(),
                        true,
                        true,
                        arg == null ? null : Department.of(arg),
                        rest == null ? null : Priority.of(rest));
            case "department" ->
                new Interpretation(
                        Intent.PROVIDE_INFO,
                        Department.of(arg),
                        true,
                        null,
                        false,
                        null,
                        false,
                        false,
                        null,
                        null,
                        null,
                        Map.of());
            case "policy" ->
                new Interpretation(
                        Intent.PROVIDE_INFO,
                        null,
                        false,
                        null,
                        false,
                        null,
                        false,
                        false,
                        null,
                        null,
                        null,
                        Map.of("policy_number", arg));
            case "yes" -> Interpretation.of(Intent.CONFIRM);
            case "no" -> Interpretation.of(Intent.DENY);
            case "cancel" -> Interpretation.of(Intent.CANCEL);
            case "correct" ->
                "priority".equals(arg)
                        ? new Interpretation(
                                Intent.CORRECT,
                                null,
                                false,
                                Priority.of(rest),
                                true,
                                null,
                                false,
                                false,
                                null,
                                null,
                                null,
                                Map.of())
                        : new Interpretation(
                                Intent.CORRECT,
                                Department.of(rest),
                                true,
                                null,
                                false,
                                null,
                                false,
                                false,
                                null,
                                null,
                                null,
                                Map.of());
            case "status" ->
                new Interpretation(
                        Intent.STATUS_QUERY, null, false, null, false, null, false, false, null, arg, null, Map.of());
            case "update" ->
                new Interpretation(
                        Intent.ADD_UPDATE,
                        null,
                        false,
                        null,
                        false,
                        null,
                        false,
                        false,
                        null,
                        "-".equals(arg) ? null : arg,
                        rest,
                        Map.of());
            case "boom" -> throw new IllegalStateException("model exploded on purpose");
            default -> Interpretation.of(Intent.PROVIDE_INFO);
        };
    }

    private static Interpretation info(
            String text, boolean reason, boolean details, Department department, Priority priority) {
        return new Interpretation(
                Intent.PROVIDE_INFO,
                department,
                false,
                priority,
                false,
                text,
                reason,
                details,
                null,
                null,
                null,
                Map.of());
    }

    @Override
    public String reply(ReplyRequest request, Consumer<String> chunks) {
        String text = request.acts().stream()
                .map(act -> {
                    String chunk = act.getClass().getSimpleName();
                    if (act instanceof ReplyAct.TicketCreated created) {
                        chunk += " " + created.ticket().ticketId();
                    }
                    if (act instanceof ReplyAct.ReportStatus status) {
                        chunk += " " + status.ticket().ticketId() + " "
                                + status.ticket().status().wireName();
                    }
                    chunks.accept(chunk + "|");
                    return chunk + "|";
                })
                .collect(Collectors.joining());
        return text;
    }

    @Override
    public String name() {
        return "scripted";
    }
}
