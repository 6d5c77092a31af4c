package dev.escalation.runner.internal.impact;

import dev.escalation.core.ConversationTurn;
import dev.escalation.core.EscalationException;
import dev.escalation.runner.internal.impact.ConversationImpact.Difference;
import dev.escalation.runner.internal.impact.ConversationImpact.Status;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Replays each stored conversation under the current flow and under a candidate flow and says what
 * the candidate would change. The current flow's replay is checked against the rows the turns stored
 * first, so a change is reported only for conversations the replay reproduces.
 *
 * <p>Not thread-safe: one conversation at a time. Example: {@code impact.assess(store.turns("c1"))}.
 */
public final class FlowImpact {

    private final FlowReplay currentRecorded;
    private final FlowReplay candidateRecorded;
    private final FlowReplay currentAgain;
    private final FlowReplay candidateAgain;
    private final String readerName;

    private FlowImpact(
            FlowReplay currentRecorded,
            FlowReplay candidateRecorded,
            FlowReplay currentAgain,
            FlowReplay candidateAgain,
            String readerName) {
        this.readerName = readerName;
        this.currentRecorded = Objects.requireNonNull(currentRecorded, "currentRecorded");
        this.candidateRecorded = candidateRecorded;
        this.currentAgain = currentAgain;
        this.candidateAgain = candidateAgain;
    }

    /** Compares from the recorded readings only: no model is called, conversations without readings are skipped. */
    public static FlowImpact fromRecordedReadings(ImpactSettings settings) {
        return new FlowImpact(
                FlowReplay.recorded(settings.current(), settings.conversationTtl(), settings.offline()),
                FlowReplay.recorded(settings.candidate(), settings.conversationTtl(), settings.offline()),
                null,
                null,
                null);
    }

    /**
     * Has {@code reader} read every message again under the candidate flow; the current flow replays the
     * recorded readings, or has {@code reader} read them where a conversation has none.
     */
    public static FlowImpact readingAgain(ImpactSettings settings, dev.escalation.core.LanguageModel reader) {
        return new FlowImpact(
                FlowReplay.recorded(settings.current(), settings.conversationTtl(), settings.offline()),
                null,
                FlowReplay.readingAgain(settings.current(), settings.conversationTtl(), settings.offline(), reader),
                FlowReplay.readingAgain(settings.candidate(), settings.conversationTtl(), settings.offline(), reader),
                reader.name());
    }

    /** How many messages a model read again, and what it spent. */
    public String modelCost() {
        if (candidateAgain == null) {
            return "no model was called (the readings recorded with each turn were used)";
        }
        int reads = candidateAgain.reads() + currentAgain.reads();
        var usage = candidateAgain.usage();
        var current = currentAgain.usage();
        return reads + " messages were read again by " + readerName + ": " + (usage.calls() + current.calls())
                + " model calls, " + (usage.inputTokens() + current.inputTokens()) + " input and "
                + (usage.outputTokens() + current.outputTokens()) + " output tokens";
    }

    /** What the candidate flow does to one conversation's transcript (first turn first). */
    public ConversationImpact assess(List<ConversationTurn> transcript) {
        String id = transcript.get(0).conversationId();
        boolean recorded =
                transcript.stream().allMatch(turn -> turn.recordedReading().isPresent());
        if (!recorded && currentAgain == null) {
            return ConversationImpact.notCompared(
                    id, Status.WITHOUT_READINGS, "stored before readings were kept (migration 6)");
        }
        List<ReplayedTurn> before;
        List<ReplayedTurn> after;
        try {
            before = (recorded ? currentRecorded : currentAgain).replay(transcript);
            Difference unlike = firstUnlikeStored(transcript, before);
            if (unlike != null) {
                return ConversationImpact.notCompared(
                        id,
                        Status.NOT_REPRODUCIBLE,
                        "turn " + unlike.turn() + " took " + unlike.after() + " in the replay but " + unlike.before()
                                + " when it was handled");
            }
            after = (candidateAgain == null ? candidateRecorded : candidateAgain).replay(transcript);
        } catch (EscalationException | IllegalArgumentException | IllegalStateException e) {
            return ConversationImpact.notCompared(id, Status.FAILED, e.getMessage());
        }
        List<Difference> differences = differences(before, after);
        if (differences.isEmpty()) {
            return ConversationImpact.unchanged(id);
        }
        return new ConversationImpact(
                id,
                Status.CHANGED,
                changes(before, after),
                differences,
                differences.get(0).turn(),
                transcript,
                before,
                after,
                null);
    }

    private static Difference firstUnlikeStored(List<ConversationTurn> transcript, List<ReplayedTurn> replayed) {
        for (int i = 0; i < transcript.size(); i++) {
            ConversationTurn stored = transcript.get(i);
            ReplayedTurn turn = replayed.get(i);
            String storedPath = new ReplayedTurn(
                            stored.turn(),
                            stored.from().name(),
                            stored.event().name(),
                            stored.guard(),
                            stored.to().name(),
                            "",
                            null,
                            null,
                            java.util.Map.of(),
                            null,
                            "")
                    .path();
            if (!storedPath.equals(turn.path())) {
                return new Difference(stored.turn(), "path", storedPath, turn.path());
            }
        }
        return null;
    }

    /** Every field of every turn that differs, turn by turn. */
    static List<Difference> differences(List<ReplayedTurn> before, List<ReplayedTurn> after) {
        List<Difference> found = new ArrayList<>();
        for (int i = 0; i < before.size(); i++) {
            ReplayedTurn b = before.get(i);
            ReplayedTurn a = after.get(i);
            int turn = b.turn();
            compare(found, turn, "path", b.path(), a.path());
            compare(found, turn, "action", b.action(), a.action());
            compare(found, turn, "department", b.department(), a.department());
            compare(found, turn, "priority", b.priority(), a.priority());
            Set<String> names = new TreeSet<>(b.slots().keySet());
            names.addAll(a.slots().keySet());
            for (String name : names) {
                compare(
                        found,
                        turn,
                        "slot." + name,
                        b.slots().get(name),
                        a.slots().get(name));
            }
            compare(found, turn, "ticket", b.ticket(), a.ticket());
            compare(found, turn, "replies", b.replies(), a.replies());
        }
        return found;
    }

    private static void compare(List<Difference> found, int turn, String field, String before, String after) {
        if (!Objects.equals(before, after)) {
            found.add(new Difference(turn, field, before, after));
        }
    }

    /** What changed for the conversation as a whole, in a reviewer's words; the most telling first. */
    static List<String> changes(List<ReplayedTurn> before, List<ReplayedTurn> after) {
        Set<String> changes = new LinkedHashSet<>();
        ReplayedTurn lastBefore = before.get(before.size() - 1);
        ReplayedTurn lastAfter = after.get(after.size() - 1);
        List<String> ticketsBefore = tickets(before);
        List<String> ticketsAfter = tickets(after);
        if (!lastAfter.to().equals(lastBefore.to())) {
            changes.add("would stop at " + lastAfter.to() + " instead of " + lastBefore.to());
        }
        if (ticketsBefore.size() != ticketsAfter.size()) {
            changes.add("would create " + count(ticketsAfter.size()) + " instead of " + count(ticketsBefore.size()));
        } else {
            for (int i = 0; i < ticketsBefore.size(); i++) {
                String[] b = ticketsBefore.get(i).split(" / ");
                String[] a = ticketsAfter.get(i).split(" / ");
                if (!a[0].equals(b[0])) {
                    changes.add("would go to " + a[0] + " instead of " + b[0]);
                }
                if (!a[1].equals(b[1])) {
                    changes.add("would be " + a[1] + " priority instead of " + b[1]);
                }
            }
        }
        if (ticketsBefore.isEmpty()
                && ticketsAfter.isEmpty()
                && !Objects.equals(lastAfter.department(), lastBefore.department())) {
            changes.add(
                    "would go to " + orNone(lastAfter.department()) + " instead of " + orNone(lastBefore.department()));
        }
        Set<String> statesBefore = states(before);
        Set<String> statesAfter = states(after);
        // Where either run ends is said by "would stop at" already.
        Set<String> ends = new java.util.HashSet<>(List.of(lastBefore.to(), lastAfter.to()));
        for (String state : statesAfter) {
            if (!statesBefore.contains(state) && !ends.contains(state)) {
                changes.add("would pass through " + state);
            }
        }
        for (String state : statesBefore) {
            if (!statesAfter.contains(state) && !ends.contains(state)) {
                changes.add("would no longer pass through " + state);
            }
        }
        if (changes.isEmpty()) {
            changes.add(otherwise(before, after));
        }
        return List.copyOf(changes);
    }

    private static String otherwise(List<ReplayedTurn> before, List<ReplayedTurn> after) {
        List<Difference> differences = differences(before, after);
        Set<String> fields = new TreeSet<>();
        differences.forEach(d -> fields.add(d.field().startsWith("slot.") ? "slots" : d.field()));
        if (fields.contains("path") || fields.contains("action")) {
            return "would take other transitions to the same end";
        }
        if (fields.contains("slots") || fields.contains("department") || fields.contains("priority")) {
            return "would hold other values along the way";
        }
        return "would answer with other kinds of reply";
    }

    private static List<String> tickets(List<ReplayedTurn> turns) {
        return turns.stream().map(ReplayedTurn::ticket).filter(Objects::nonNull).toList();
    }

    private static Set<String> states(List<ReplayedTurn> turns) {
        Set<String> states = new LinkedHashSet<>();
        turns.forEach(turn -> {
            states.add(turn.from());
            states.add(turn.to());
        });
        return states;
    }

    private static String count(int tickets) {
        return tickets == 0 ? "no ticket" : tickets == 1 ? "1 ticket" : tickets + " tickets";
    }

    private static String orNone(String department) {
        return department == null ? "no department" : department;
    }
}
