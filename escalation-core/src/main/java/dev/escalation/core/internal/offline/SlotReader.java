package dev.escalation.core.internal.offline;

import dev.escalation.core.FlowDefinition;
import dev.escalation.core.InterpretationRequest;
import dev.escalation.core.Question;
import dev.escalation.core.SlotSpec;
import dev.escalation.core.SlotType;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the flow's own slots in a message: an enum value by its cue words (or its name, in answer to
 * the question for it), a pattern, number or date value as a word that fits the type, and a text
 * value named ("my policy number is A20417") or given in answer to the question for it. Every value
 * is checked against the slot's type before it is returned.
 *
 * <p>Stateless and thread-safe. Example: {@code SlotReader.read(vocabulary, request, text, tokens)}.
 */
final class SlotReader {

    private static final Pattern EDGE = Pattern.compile("^[\\p{Punct}&&[^-#]]+|[\\p{Punct}&&[^-]]+$");
    /** A slot about money, by its name or description. */
    private static final Pattern MONEY_SLOT =
            Pattern.compile("(?i)amount|price|cost|fee|charge|payment|paid|refund|balance|money|sum\\b");
    /** An amount with its currency: "250 euros", "EUR 250", "£30", "$1,200.50". */
    private static final Pattern MONEY = Pattern.compile(
            "(?i)(?:[€$£]|\\b(?:eur|usd|gbp|chf)\\b)\\s?(\\d[\\d,]*(?:\\.\\d+)?)"
                    + "|(\\d[\\d,]*(?:\\.\\d+)?)\\s?(?:[€$£]|(?:eur|euros?|usd|dollars?|gbp|pounds?|quid|chf|francs?|bucks)\\b)");
    /** A long run of digits with no currency or cents: an identifier (account, card, phone), not an amount. */
    private static final Pattern IDENTIFIER = Pattern.compile("\\d{8,}");

    private SlotReader() {}

    /** The values of the flow's own slots in {@code text}, by slot name. */
    static Map<String, String> read(Vocabulary v, InterpretationRequest request, String text, List<Token> tokens) {
        FlowDefinition flow = request.flow();
        Map<String, String> found = new TreeMap<>();
        if (flow.extraSlots().isEmpty()) {
            return found;
        }
        String asked = askedSlot(request);
        String lower = " " + Tokens.clean(text).toLowerCase(Locale.ROOT) + " ";
        for (SlotSpec slot : flow.extraSlots()) {
            boolean answering = slot.name().equals(asked);
            Optional<String> value = switch (slot.type()) {
                case ENUM -> enumValue(slot, lower, answering);
                case TEXT -> textValue(v, slot, text, answering);
                case NUMBER -> number(flow, slot, text, answering);
                case PATTERN, DATE -> typedWord(slot, text, answering);
            };
            value.ifPresent(found1 -> found.put(slot.name(), found1));
        }
        return found;
    }

    /**
     * The values of {@code flow}'s own slots that {@code text} gives without being asked for them (an
     * amount with its currency, a value a pattern fully describes, an enum's cue words, a named value).
     */
    static Map<String, String> unasked(FlowDefinition flow, String text) {
        Map<String, String> found = new TreeMap<>();
        Vocabulary v = Vocabulary.of(flow);
        String lower = " " + Tokens.clean(text).toLowerCase(Locale.ROOT) + " ";
        for (SlotSpec slot : flow.extraSlots()) {
            Optional<String> value = switch (slot.type()) {
                case ENUM -> enumValue(slot, lower, false);
                case TEXT -> textValue(v, slot, text, false);
                case NUMBER -> number(flow, slot, text, false);
                case PATTERN, DATE -> typedWord(slot, text, false);
            };
            value.ifPresent(found1 -> found.put(slot.name(), found1));
        }
        return found;
    }

    // The slot the agent asked for last: the first one the current state still lacks.
    private static String askedSlot(InterpretationRequest request) {
        if (request.pendingQuestion() != Question.EXTRA_SLOT) {
            return null;
        }
        return request.flow()
                .stateSpec(request.state())
                .flatMap(state -> request.flow().missingSlot(state, request.slots()))
                .or(() -> request.flow().missingRequiredSlot(request.slots()))
                .orElse(null);
    }

    private static Optional<String> enumValue(SlotSpec slot, String lower, boolean answering) {
        for (String value : slot.values()) {
            for (String cue : slot.valueCues().getOrDefault(value, List.of())) {
                if (lower.contains(" " + Tokens.clean(cue).toLowerCase(Locale.ROOT) + " ")) {
                    return Optional.of(value);
                }
            }
        }
        if (answering) {
            for (String value : slot.values()) {
                if (lower.contains(" " + Tokens.clean(value).toLowerCase(Locale.ROOT) + " ")) {
                    return Optional.of(value);
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> textValue(Vocabulary v, SlotSpec slot, String text, boolean answering) {
        Pattern named = v.namedSlots.get(slot.name());
        if (named != null) {
            Matcher m = named.matcher(text);
            if (m.find()) {
                return slot.accept(m.group(1));
            }
        }
        if (answering) {
            String code = Extract.anyCode(text);
            return slot.accept(code != null ? code : text);
        }
        return Optional.empty();
    }

    // A number: for a slot about money, an amount said with its currency wherever the customer says it;
    // else, in answer to its question, a number that is no other slot's value (an 8-digit account
    // number fits the account number's pattern, not the payment amount) and, for money, no identifier.
    private static Optional<String> number(FlowDefinition flow, SlotSpec slot, String text, boolean answering) {
        boolean money = MONEY_SLOT
                .matcher(slot.name() + " " + (slot.description() == null ? "" : slot.description()))
                .find();
        if (money) {
            Matcher m = MONEY.matcher(text);
            if (m.find()) {
                return slot.accept(m.group(1) != null ? m.group(1) : m.group(2));
            }
        }
        if (!answering) {
            return Optional.empty();
        }
        for (String word : text.split("\\s+")) {
            String bare = EDGE.matcher(word).replaceAll("");
            Optional<String> value = slot.accept(bare);
            if (value.isPresent()
                    && !anotherSlots(flow, slot, bare)
                    && !(money && IDENTIFIER.matcher(bare).matches())) {
                return value;
            }
        }
        return Optional.empty();
    }

    // Whether {@code word} is fully the value of another of the flow's pattern slots.
    private static boolean anotherSlots(FlowDefinition flow, SlotSpec slot, String word) {
        return flow.extraSlots().stream()
                .anyMatch(other -> other != slot
                        && other.type() == SlotType.PATTERN
                        && other.accept(word).isPresent());
    }

    // A word that fits the type; unasked, only one the pattern or a date format fully describes.
    private static Optional<String> typedWord(SlotSpec slot, String text, boolean answering) {
        for (String word : text.split("\\s+")) {
            Optional<String> value = slot.accept(EDGE.matcher(word).replaceAll(""));
            if (value.isPresent()) {
                return value;
            }
        }
        return answering ? slot.accept(text) : Optional.empty();
    }
}
