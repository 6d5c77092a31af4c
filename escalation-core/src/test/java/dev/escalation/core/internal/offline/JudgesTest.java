package dev.escalation.core.internal.offline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.Department;
import dev.escalation.core.Priority;
import dev.escalation.core.Question;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The department, priority and detail judges on their own. */
class JudgesTest {

    private static Department infer(String earlier, String newest) {
        return DepartmentJudge.infer(Tokens.of(earlier), Tokens.of(newest));
    }

    @Test
    void oneStrongCueIsEnoughForADepartment() {
        assertThat(infer("", "my invoice")).isEqualTo(Department.BILLING);
        assertThat(infer("", "a quote please")).isEqualTo(Department.SALES);
    }

    @Test
    void placesWhereSomethingWasSeenAreNotEnough() {
        assertThat(infer("", "I saw it on the page when I log in")).isNull();
    }

    @Test
    void twoCloseDepartmentsLeaveItOpenUnlessTheNewestMessageIsClear() {
        assertThat(infer("", "the app shows my invoice")).isNull();
        assertThat(infer("The app shows an error.", "It's about the invoice amount."))
                .isEqualTo(Department.BILLING);
    }

    @Test
    void theFirstNamedDepartmentThatIsNotDeniedIsTheNamedOne() {
        assertThat(DepartmentJudge.named(Tokens.of("not sales, billing"))).isEqualTo(Department.BILLING);
        assertThat(DepartmentJudge.named(Tokens.of("tech support i guess"))).isEqualTo(Department.TECHNICAL_SUPPORT);
        assertThat(DepartmentJudge.named(Tokens.of("my bill is wrong"))).isNull();
    }

    @Test
    void whatTheCustomerSaysItIsNotAboutDoesNotVoteInACorrection() {
        assertThat(DepartmentJudge.votesAsserted(Vocabulary.standard(), Tokens.of("the invoice, not the app"))
                        .get(Department.TECHNICAL_SUPPORT))
                .isZero();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "Someone hacked my account|CRITICAL",
                "URGENT the site is down|CRITICAL",
                "I'm frustrated|HIGH",
                "it's urgent|HIGH",
                "not urgent|LOW",
                "no rush, just curious|LOW",
                "a little annoying but not the end of the world|LOW",
                "not urgent but I've called three times and I'm fed up|HIGH",
                "the app crashes|MEDIUM",
                "the app shuts down when I open it|MEDIUM",
                "I didn't make any changes but my plan looks different|MEDIUM",
                "there are two charges on my card that I did not make|CRITICAL",
                "a charge I don't recognise is on my bill|MEDIUM",
                "we lost access to the business account|HIGH",
                "no rush at all, just a suspicious looking email today|LOW",
                "our whole warehouse team can't print labels, 30 staff are idle|CRITICAL",
                "I've been passed between four people already|HIGH",
                "The smart thermostat has not worked for ten days and support keeps closing my tickets.|HIGH",
                "We've had no hot water for a week and the plumber you sent never came.|HIGH",
                "Your e-bike app will not unlock my bike, so I am stuck and cannot get to work.|HIGH",
                "I complained before and nothing happened, now the same error again.|HIGH",
                "There is a strong smell of gas coming from the new boiler you installed.|CRITICAL",
                "my password was changed but I did not do it|CRITICAL",
                "Someone opened a credit card in my name, I found out today.|CRITICAL",
                "All 40 of our staff are locked out of the system and we cannot serve customers.|CRITICAL",
                "The medical alarm of my mother is not working and she lives alone.|CRITICAL",
                "Out of interest, do you offer pet insurance for rabbits?|LOW",
                "It's only a minor thing, the email newsletter comes twice.|LOW",
                "Hi, just a quick question, can I pay quarterly instead of monthly?|LOW",
                "The credit you promised for the outage in February never showed up on my bill.|MEDIUM",
                "There is an outage and nobody in the office can work.|CRITICAL",
                "Our shop is losing orders because of your outage.|CRITICAL"
            })
    void theRubricWeighsTheCues(String text, Priority priority) {
        assertThat(PriorityJudge.rubric(Tokens.of(text))).isEqualTo(priority);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            nullValues = "null",
            value = {
                "please make this high priority|false|HIGH",
                "make it urgent|false|HIGH",
                "make it urgent, it is critical|false|CRITICAL",
                "set the priority to low|false|LOW",
                "mark it as normal|false|MEDIUM",
                "it is urgent for me|false|null",
                "it is urgent for me|true|HIGH",
                "it is not urgent|true|LOW",
                "my bill is high|true|null",
                "not high priority|false|null"
            })
    void anExplicitRequestNeedsAPriorityFrame(String text, boolean confirming, Priority priority) {
        assertThat(PriorityJudge.explicit(Tokens.of(text), Priority.MEDIUM, confirming))
                .isEqualTo(priority);
    }

    @Test
    void moreOrLessUrgentMovesOneLevelFromTheSummary() {
        assertThat(PriorityJudge.explicit(Tokens.of("make it more urgent"), Priority.MEDIUM, true))
                .isEqualTo(Priority.HIGH);
        assertThat(PriorityJudge.explicit(Tokens.of("please lower the priority"), Priority.HIGH, true))
                .isEqualTo(Priority.MEDIUM);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Get me a supervisor.", "I need to escalate something.", "hello", "I want a manager now!"})
    void escalationWordsAloneAreNoReason(String text) {
        assertThat(DetailJudge.statesReason(Tokens.of(text))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Account problem.",
                "Complaint about my account.",
                "I'd like to talk about my plan.",
                "I'm so frustrated!"
            })
    void aProblemWordOrAFeelingIsAReason(String text) {
        assertThat(DetailJudge.statesReason(Tokens.of(text))).isTrue();
    }

    @Test
    void anAnswerToTheDetailsQuestionNeedsSomeSubstance() {
        assertThat(DetailJudge.statesDetails(Tokens.of("ok"), "ok", Question.DETAILS))
                .isFalse();
        assertThat(DetailJudge.statesDetails(
                        Tokens.of("it fails each time I log in"), "it fails each time I log in", Question.DETAILS))
                .isTrue();
    }

    @Test
    void aShortEmotionalOpeningIsLessConcreteThanADescribedProblem() {
        double emotional = DetailJudge.concreteness(Tokens.of("I've been trying for weeks and I'm frustrated!"));
        double concrete = DetailJudge.concreteness(Tokens.of("There are five charges of $89 on my credit card from"
                + " you this morning that I did not make; my bank flagged them and I need them reversed."));

        assertThat(emotional).isLessThan(DetailJudge.CONCRETE);
        assertThat(concrete).isGreaterThanOrEqualTo(DetailJudge.CONCRETE);
    }
}
