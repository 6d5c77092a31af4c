package dev.escalation.core;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One state of a flow as its author wrote it: what kind of state it is, the slots it collects, the
 * question it asks on entry, and, for a collecting state, the condition under which it is entered at
 * all, the slot values it sets, and the state that follows it.
 *
 * <p>Immutable and thread-safe. Example:
 * {@code StateSpec.collect("VERIFY_IDENTITY", "account_number").asking("What is your account number?")}.
 *
 * @param state the state
 * @param kind what the state is for
 * @param collects the slots a collecting state asks for, in order (empty for other kinds)
 * @param question what the agent asks on entering the state, or null for the first missing slot's question
 * @param when a collecting state is entered only while this holds, or null for always
 * @param sets slot values the state sets (for example {@code priority: critical}): on entry, or for a
 *     state with a {@code when} condition as soon as it holds
 * @param next the collecting or confirming state that follows this collecting state, or null for the
 *     next one in reading order
 * @param pending the name diagrams give the condition "this state still lacks a slot", or null for
 *     "needs " and the state's name
 */
public record StateSpec(
        State state,
        Kind kind,
        List<String> collects,
        @Nullable String question,
        @Nullable SlotCondition when,
        Map<String, String> sets,
        @Nullable State next,
        @Nullable String pending) {

    /** What a state is for. */
    public enum Kind {
        /** Asks for slots until they are given. */
        COLLECT,
        /** Shows the summary and waits for an explicit yes; exactly one per flow. */
        CONFIRM,
        /** Ends a cycle with the ticket created; exactly one per flow. */
        TICKET,
        /** Ends a cycle without a ticket (the customer cancelled); exactly one per flow. */
        CANCEL;

        /** The lower-case name used in flow files. */
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Checks the values (see the parameters above) and keeps them as given or normalised. */
    public StateSpec {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(kind, "kind of state " + state);
        collects = collects == null ? List.of() : List.copyOf(collects);
        sets = sets == null ? Map.of() : Map.copyOf(sets);
        if (kind != Kind.COLLECT && (!collects.isEmpty() || when != null || next != null)) {
            throw new IllegalArgumentException("only a collect state has collects, when and next, but "
                    + kind.wireName() + " state " + state + " has them");
        }
        question = question == null || question.isBlank() ? null : question.strip();
        pending = pending == null || pending.isBlank() ? null : pending.strip();
    }

    /** A collecting state that asks for {@code slots}. */
    public static StateSpec collect(String name, String... slots) {
        return new StateSpec(State.of(name), Kind.COLLECT, List.of(slots), null, null, Map.of(), null, null);
    }

    /** The confirming state. */
    public static StateSpec confirm(String name) {
        return new StateSpec(State.of(name), Kind.CONFIRM, List.of(), null, null, Map.of(), null, null);
    }

    /** The state that ends a cycle with a ticket. */
    public static StateSpec ticket(String name) {
        return new StateSpec(State.of(name), Kind.TICKET, List.of(), null, null, Map.of(), null, null);
    }

    /** The state that ends a cycle without one. */
    public static StateSpec cancel(String name) {
        return new StateSpec(State.of(name), Kind.CANCEL, List.of(), null, null, Map.of(), null, null);
    }

    /** This state with the question it asks on entry. */
    public StateSpec asking(String text) {
        return new StateSpec(state, kind, collects, text, when, sets, next, pending);
    }

    /** This state, entered only while {@code condition} holds. */
    public StateSpec when(SlotCondition condition) {
        return new StateSpec(state, kind, collects, question, condition, sets, next, pending);
    }

    /** This state, setting {@code slot} to {@code value}. */
    public StateSpec sets(String slot, String value) {
        Map<String, String> copy = new java.util.LinkedHashMap<>(sets);
        copy.put(slot, value);
        return new StateSpec(state, kind, collects, question, when, copy, next, pending);
    }

    /** This state, followed by {@code state}. */
    public StateSpec next(String state) {
        return new StateSpec(this.state, kind, collects, question, when, sets, State.of(state), pending);
    }

    /** This state, whose "still lacks a slot" condition diagrams call {@code label}. */
    public StateSpec pending(String label) {
        return new StateSpec(state, kind, collects, question, when, sets, next, label);
    }

    /** The name diagrams give the condition "this state still lacks a slot". */
    public String pendingLabel() {
        return pending != null
                ? pending
                : "needs " + state.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
}
