package dev.escalation.core;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One slot a flow collects: its type, whether it is required (always, never, or when a condition
 * holds), what the model is told about it, how the agent asks for it, and whether it is personal
 * data. The standard slots {@code reason}, {@code details}, {@code department} and {@code priority}
 * are built in: a flow may describe them and word their questions, but their types are fixed.
 *
 * <p>Immutable and thread-safe; the pattern is compiled once, when the flow is built. Example:
 * {@code SlotSpec.pattern("account_number", "^[0-9]{8}$").describedAs("the 8-digit account number")}.
 *
 * @param name lower-case letters, digits and underscores, starting with a letter
 * @param type how a value is checked
 * @param values the allowed values of an {@link SlotType#ENUM} slot (empty for other types)
 * @param valueCues for an enum slot, words in a message that give each value (the offline model reads them)
 * @param pattern the expression a {@link SlotType#PATTERN} value must match, or null
 * @param required whether a ticket needs it (ignored when {@code requiredWhen} is set)
 * @param requiredWhen the condition under which a ticket needs it, or null
 * @param description what the model is told the slot holds, or null
 * @param question how the agent asks for it, or null for "Could you tell me your ..., please?"
 * @param personal whether the value is personal data (masked wherever personal data is masked)
 */
public record SlotSpec(
        String name,
        SlotType type,
        List<String> values,
        Map<String, List<String>> valueCues,
        @Nullable Pattern pattern,
        boolean required,
        @Nullable SlotCondition requiredWhen,
        @Nullable String description,
        @Nullable String question,
        boolean personal) {

    /** The slots every flow has; their types are fixed. */
    public static final Set<String> BUILT_IN = Set.of("reason", "details", "department", "priority", "contact");

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    private static final int MAX_TEXT = 500;
    private static final List<DateTimeFormatter> DATES = List.of(
            DateTimeFormatter.ISO_LOCAL_DATE,
            DateTimeFormatter.ofPattern("d/M/uuuu"),
            DateTimeFormatter.ofPattern("d.M.uuuu"));

    /** Checks the values (see the parameters above) and keeps them as given or normalised. */
    public SlotSpec {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "slot name must be lower-case letters, digits or _ starting with a letter," + " but was '" + name
                            + "'");
        }
        Objects.requireNonNull(type, "type of slot " + name);
        values = values == null ? List.of() : List.copyOf(values);
        Map<String, List<String>> cues = new LinkedHashMap<>();
        if (valueCues != null) {
            valueCues.forEach((value, words) -> cues.put(value, List.copyOf(words)));
        }
        valueCues = java.util.Collections.unmodifiableMap(cues);
        if (type == SlotType.ENUM && values.isEmpty()) {
            throw new IllegalArgumentException("enum slot " + name + " needs at least one value, but values was empty");
        }
        if (type != SlotType.ENUM && !values.isEmpty()) {
            throw new IllegalArgumentException(
                    "only an enum slot has values, but " + type.wireName() + " slot " + name + " has " + values);
        }
        if (type == SlotType.PATTERN && pattern == null) {
            throw new IllegalArgumentException("pattern slot " + name + " needs a pattern, but pattern was null");
        }
        if (type != SlotType.PATTERN && pattern != null) {
            throw new IllegalArgumentException(
                    "only a pattern slot has a pattern, but " + type.wireName() + " slot " + name + " has " + pattern);
        }
        if (requiredWhen != null && requiredWhen.slot().equals(name)) {
            throw new IllegalArgumentException("slot " + name + " cannot be required on a condition on itself");
        }
        description = blankToNull(description);
        question = blankToNull(question);
    }

    /** An optional text slot. */
    public static SlotSpec text(String name) {
        return new SlotSpec(name, SlotType.TEXT, List.of(), Map.of(), null, false, null, null, null, false);
    }

    /** An optional enum slot with these values. */
    public static SlotSpec oneOf(String name, String... values) {
        return new SlotSpec(name, SlotType.ENUM, List.of(values), Map.of(), null, false, null, null, null, false);
    }

    /**
     * An optional pattern slot.
     *
     * @throws IllegalArgumentException naming the slot when {@code regex} is not a valid expression
     */
    public static SlotSpec pattern(String name, String regex) {
        return new SlotSpec(
                name, SlotType.PATTERN, List.of(), Map.of(), compile(name, regex), false, null, null, null, false);
    }

    /** An optional slot of {@code type} (text, number or date). */
    public static SlotSpec of(String name, SlotType type) {
        return new SlotSpec(name, type, List.of(), Map.of(), null, false, null, null, null, false);
    }

    /** Compiles a slot's pattern, naming the slot and the expression when it is not valid. */
    public static Pattern compile(String name, String regex) {
        try {
            return Pattern.compile(Objects.requireNonNull(regex, "pattern of slot " + name));
        } catch (java.util.regex.PatternSyntaxException e) {
            throw new IllegalArgumentException(
                    "slot " + name + " has a pattern that is not a regular expression: '" + regex + "' ("
                            + e.getDescription() + " at index " + e.getIndex() + ")",
                    e);
        }
    }

    /** This slot, required. */
    public SlotSpec asRequired() {
        return new SlotSpec(name, type, values, valueCues, pattern, true, null, description, question, personal);
    }

    /** This slot, required only when {@code condition} holds. */
    public SlotSpec requiredWhen(SlotCondition condition) {
        return new SlotSpec(
                name,
                type,
                values,
                valueCues,
                pattern,
                false,
                Objects.requireNonNull(condition, "condition"),
                description,
                question,
                personal);
    }

    /** This slot with what the model is told it holds. */
    public SlotSpec describedAs(@Nullable String text) {
        return new SlotSpec(name, type, values, valueCues, pattern, required, requiredWhen, text, question, personal);
    }

    /** This slot with the question the agent asks for it. */
    public SlotSpec askedAs(@Nullable String text) {
        return new SlotSpec(
                name, type, values, valueCues, pattern, required, requiredWhen, description, text, personal);
    }

    /** This slot marked as personal data. */
    public SlotSpec personalData() {
        return new SlotSpec(
                name, type, values, valueCues, pattern, required, requiredWhen, description, question, true);
    }

    /** This enum slot with words that give {@code value} (for the offline model). */
    public SlotSpec cues(String value, String... words) {
        Map<String, List<String>> copy = new LinkedHashMap<>(valueCues);
        copy.put(value, List.of(words));
        return new SlotSpec(name, type, values, copy, pattern, required, requiredWhen, description, question, personal);
    }

    /** Whether this is one of the built-in slots. */
    public boolean isBuiltIn() {
        return BUILT_IN.contains(name);
    }

    /** Whether a ticket needs this slot, given what is known. */
    public boolean isRequired(Slots slots) {
        return requiredWhen != null ? requiredWhen.test(slots) : required;
    }

    /** Whether the slot can ever be required. */
    public boolean isEverRequired() {
        return required || requiredWhen != null;
    }

    /**
     * The value as it is kept, when {@code raw} fits the type: trimmed text, the enum value as declared,
     * a number in plain notation, a date in ISO-8601; empty when it does not fit.
     */
    public Optional<String> accept(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        String value = raw.strip();
        return switch (type) {
            case TEXT -> value.length() <= MAX_TEXT ? Optional.of(value) : Optional.empty();
            case ENUM ->
                values.stream()
                        .filter(v -> Department.key(v).equals(Department.key(value)))
                        .findFirst();
            case PATTERN -> pattern != null && pattern.matcher(value).matches() ? Optional.of(value) : Optional.empty();
            case NUMBER -> number(value);
            case DATE -> date(value);
        };
    }

    private static Optional<String> number(String value) {
        try {
            return Optional.of(new BigDecimal(value.replace(",", "")).toPlainString());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> date(String value) {
        for (DateTimeFormatter format : DATES) {
            try {
                return Optional.of(LocalDate.parse(value, format).toString());
            } catch (DateTimeParseException e) {
                // try the next format
            }
        }
        return Optional.empty();
    }

    /** The words a person would use for the slot's name: {@code account_number} is "account number". */
    public String readableName() {
        return name.replace('_', ' ').toLowerCase(Locale.ROOT);
    }

    /** The value {@code slots} hold for the slot called {@code name}, as text, or null. */
    public static @Nullable String valueOf(String name, Slots slots) {
        return switch (name) {
            case "reason" -> slots.reasonGiven() || slots.detailsGiven() ? "given" : null;
            case "details" ->
                slots.detailsGiven() ? (slots.description() == null ? "given" : slots.description()) : null;
            case "department" ->
                slots.department() == null ? null : slots.department().displayName();
            case "priority" ->
                slots.priority() == null ? null : slots.priority().wireName();
            case "contact" -> slots.contact();
            default -> slots.extra().get(name);
        };
    }

    private static @Nullable String blankToNull(@Nullable String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
