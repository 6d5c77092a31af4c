package dev.escalation.core.internal.offline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.Department;
import dev.escalation.core.Intent;
import dev.escalation.core.Interpretation;
import dev.escalation.core.InterpretationRequest;
import dev.escalation.core.OfflineLanguageModel;
import dev.escalation.core.Priority;
import dev.escalation.core.Question;
import dev.escalation.core.Slots;
import dev.escalation.core.State;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The offline model against the simulated-customer profiles, message by message as the engine
 * would send them: opening, details, and for ambiguous profiles the answer to the department
 * question. Every one of the 40 development profiles must come out right; the extra profiles
 * (other wording, products and situations) show how well the rules generalise, and their accuracy
 * is reported.
 */
class RubricProfilesTest {

    private static final OfflineLanguageModel MODEL = new OfflineLanguageModel();

    static List<RubricProfile> devProfiles() {
        return RubricProfile.dev();
    }

    static Stream<RubricProfile> allInOneDevProfiles() {
        return RubricProfile.dev().stream().filter(p -> p.tagged("all_in_one"));
    }

    /** What the model made of one profile. */
    record Reading(RubricProfile profile, Interpretation opening, Slots slots, Interpretation departmentAnswer) {

        /** The rubric's department from opening and details, or for ambiguous profiles: none, then the answer's. */
        boolean departmentRight() {
            if (profile.tagged("ambiguous_department")) {
                return slots.department() == null
                        && departmentAnswer.department() == profile.department()
                        && departmentAnswer.departmentFromCustomer();
            }
            return slots.department() == profile.department();
        }

        boolean priorityRight() {
            return slots.priority() == profile.priority();
        }

        boolean detailsRight() {
            return !profile.tagged("all_in_one") || opening.statesDetails();
        }

        @Override
        public String toString() {
            return profile.id() + ": department " + slots.department() + " (answer " + departmentAnswer.department()
                    + "), expected " + profile.department() + "; priority " + slots.priority() + ", expected "
                    + profile.priority() + "; opening states details " + opening.statesDetails();
        }
    }

    /** Plays opening and details as the engine would, then answers the department question. */
    static Reading read(RubricProfile profile) {
        Interpretation opening =
                MODEL.interpret(new InterpretationRequest(State.REASON, Slots.EMPTY, Question.NONE, profile.opening()));
        Slots slots = merge(Slots.EMPTY, opening);
        boolean reasonKnown = slots.reasonGiven();
        Interpretation details = MODEL.interpret(new InterpretationRequest(
                reasonKnown ? State.DETAILS : State.REASON,
                slots,
                reasonKnown ? Question.DETAILS : Question.REASON,
                profile.details()));
        slots = merge(slots, details);
        Interpretation answer = MODEL.interpret(
                new InterpretationRequest(State.DETAILS, slots, Question.DEPARTMENT, profile.departmentAnswer()));
        return new Reading(profile, opening, slots, answer);
    }

    // The engine's merge rule: a guess never replaces what the customer said.
    static Slots merge(Slots slots, Interpretation reading) {
        Slots merged = slots.withMoreDescription(reading.description());
        if (reading.statesReason() || reading.statesDetails()) {
            merged = merged.withReasonGiven();
        }
        if (reading.statesDetails()) {
            merged = merged.withDetailsGiven();
        }
        if (reading.department() != null) {
            merged = merged.withDepartment(reading.department(), reading.departmentFromCustomer());
        }
        if (reading.priority() != null) {
            merged = merged.withPriority(reading.priority(), reading.priorityFromCustomer());
        }
        return merged;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("devProfiles")
    void theDepartmentFollowsTheRubricOrIsAskedForWhenTheProfileIsAmbiguous(RubricProfile profile) {
        Reading reading = read(profile);

        assertThat(reading.departmentRight()).as("%s", reading).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("devProfiles")
    void thePriorityFollowsTheRubricOverOpeningAndDetails(RubricProfile profile) {
        Reading reading = read(profile);

        assertThat(reading.slots().priority()).as("%s", reading).isEqualTo(profile.priority());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allInOneDevProfiles")
    void anAllInOneOpeningStatesTheDetails(RubricProfile profile) {
        Interpretation opening = read(profile).opening();

        assertThat(opening.statesDetails()).isTrue();
        assertThat(opening.department()).isEqualTo(profile.department());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("devProfiles")
    void aDepartmentCorrectionInPlainWordsNamesTheProfilesDepartment(RubricProfile profile) {
        Department wrong = profile.department() == Department.BILLING ? Department.SALES : Department.BILLING;
        Slots summary = read(profile).slots().withDepartment(wrong, false).withDetailsGiven();
        String text = "No, that's wrong - this is a "
                + profile.department().displayName().toLowerCase(Locale.ROOT) + " issue.";

        Interpretation correction =
                MODEL.interpret(new InterpretationRequest(State.CONFIRMATION, summary, Question.CONFIRMATION, text));

        assertThat(correction.intent()).isEqualTo(Intent.CORRECT);
        assertThat(correction.department()).isEqualTo(profile.department());
        assertThat(correction.departmentFromCustomer()).isTrue();
        assertThat(correction.priority()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("devProfiles")
    void aPriorityCorrectionInPlainWordsNamesTheProfilesPriority(RubricProfile profile) {
        Priority wrong = profile.priority() == Priority.MEDIUM ? Priority.HIGH : Priority.MEDIUM;
        Slots summary = read(profile)
                .slots()
                .withDepartment(profile.department(), false)
                .withPriority(wrong, false);
        String text = "Please make this " + profile.priority().wireName() + " priority"
                + (profile.priority().compareTo(Priority.MEDIUM) > 0
                        ? ", it is urgent for me."
                        : ", it is not urgent.");

        Interpretation correction =
                MODEL.interpret(new InterpretationRequest(State.CONFIRMATION, summary, Question.CONFIRMATION, text));

        assertThat(correction.intent()).isEqualTo(Intent.CORRECT);
        assertThat(correction.priority()).isEqualTo(profile.priority());
        assertThat(correction.priorityFromCustomer()).isTrue();
        assertThat(correction.department()).isNull();
    }

    @Test
    void theAccuracyOnTheDevelopmentAndTheExtraProfilesIsReported(TestReporter reporter) {
        Accuracy dev = Accuracy.of(RubricProfile.dev());
        Accuracy extra = Accuracy.of(RubricProfile.extra());

        reporter.publishEntry("development profiles", dev.toString());
        reporter.publishEntry("extra profiles", extra.toString());
        // Also on the build log, where the report entries do not show.
        System.err.println("offline model, development profiles: " + dev);
        System.err.println("offline model, extra profiles: " + extra);
        assertThat(dev.department).as("%s", dev).isEqualTo(dev.total);
        assertThat(dev.priority).as("%s", dev).isEqualTo(dev.total);
        assertThat(dev.details).as("%s", dev).isEqualTo(dev.allInOne);
        assertThat(extra.department).as("%s", extra).isGreaterThanOrEqualTo(extra.total * 95 / 100);
        assertThat(extra.priority).as("%s", extra).isGreaterThanOrEqualTo(extra.total * 95 / 100);
        assertThat(extra.details).as("%s", extra).isGreaterThanOrEqualTo(extra.allInOne * 8 / 10);
    }

    /** Counts of right answers over a set of profiles, and the readings that were wrong. */
    static final class Accuracy {
        int total;
        int department;
        int priority;
        int allInOne;
        int details;
        final List<String> misses = new ArrayList<>();

        static Accuracy of(List<RubricProfile> profiles) {
            Accuracy accuracy = new Accuracy();
            for (RubricProfile profile : profiles) {
                Reading reading = read(profile);
                accuracy.total++;
                accuracy.department += reading.departmentRight() ? 1 : 0;
                accuracy.priority += reading.priorityRight() ? 1 : 0;
                if (profile.tagged("all_in_one")) {
                    accuracy.allInOne++;
                    accuracy.details += reading.opening().statesDetails() ? 1 : 0;
                }
                if (!reading.departmentRight() || !reading.priorityRight() || !reading.detailsRight()) {
                    accuracy.misses.add(reading.toString());
                }
            }
            return accuracy;
        }

        @Override
        public String toString() {
            return "department " + department + "/" + total + ", priority " + priority + "/" + total
                    + ", all-in-one openings with details " + details + "/" + allInOne
                    + (misses.isEmpty() ? "" : "; wrong: " + String.join(" | ", misses));
        }
    }
}
