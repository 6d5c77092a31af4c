package dev.escalation.core.internal.offline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.Department;
import dev.escalation.core.Intent;
import dev.escalation.core.Interpretation;
import dev.escalation.core.InterpretationRequest;
import dev.escalation.core.Priority;
import dev.escalation.core.ProblemRelation;
import dev.escalation.core.Question;
import dev.escalation.core.Slots;
import dev.escalation.core.State;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How the offline model reads a message's relation to the problem in hand, through {@link MessageReader}. */
class ProblemJudgeTest {

    // A Technical Support ticket about a login was just created.
    private static final Slots LOGIN_TICKET = Slots.EMPTY
            .withDepartment(Department.TECHNICAL_SUPPORT, false)
            .withPriority(Priority.HIGH, false)
            .withMoreDescription("I can't log in, it says my password is wrong.")
            .withReasonGiven()
            .withDetailsGiven();

    private static Interpretation read(State state, Slots slots, Question asked, String text) {
        return new MessageReader().read(new InterpretationRequest(state, slots, asked, text));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            nullValues = "none",
            value = {
                "I also want to upgrade to the premium plan, can someone call me? | NEW",
                "I have another question: do you offer a family plan?              | NEW",
                "Something else: I was charged twice for my subscription in May.    | NEW",
                "Can you add to my ticket that it also fails on the website?        | SAME",
                "The same problem happened again this morning.                      | SAME",
                "It also crashes on my tablet when I open the app.                  | SAME",
                "I'm also on Android 14, if that helps.                              | SAME",
                "The app shows error 503 when I open the settings page.             | UNCLEAR",
                "thanks, that's all                                                  | none"
            })
    void afterATicketAMessageIsTheSameProblemANewOneOrUnclear(String text, ProblemRelation expected) {
        assertThat(read(State.TICKET_CREATED, LOGIN_TICKET, Question.NONE, text).problem())
                .isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            nullValues = "none",
            value = {
                "Also, I have another problem: I want to upgrade to the premium plan. | NEW",
                "Oh and I was also charged twice for my subscription last month.      | NEW",
                "It also happens on the website, not only in the app.                 | none",
                "No, it's a billing problem actually.                                  | none",
                "It started on Monday after the update.                                | none"
            })
    void whileARequestIsCollectedOnlyAClearSecondProblemIsNew(String text, ProblemRelation expected) {
        assertThat(read(State.CONFIRMATION, LOGIN_TICKET, Question.CONFIRMATION, text)
                        .problem())
                .isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            nullValues = "none",
            value = {
                "Something new                  | NEW",
                "a different issue              | NEW",
                "no                             | NEW",
                "It's not the same thing        | NEW",
                "It's the same one              | SAME",
                "yes, add it to that ticket     | SAME",
                "not something new, the ticket  | SAME",
                "hmm                            | none"
            })
    void theAnswerToIsThisAboutTheTicketOrSomethingNewIsRead(String text, ProblemRelation expected) {
        assertThat(read(State.TICKET_CREATED, LOGIN_TICKET, Question.SAME_OR_NEW, text)
                        .problem())
                .isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"yes please | CONFIRM", "sure, go ahead | CONFIRM", "no thanks | DENY"})
    void theAnswerToTheOfferOfAParkedRequestIsAYesOrANo(String text, Intent expected) {
        assertThat(read(State.TICKET_CREATED, LOGIN_TICKET, Question.START_PARKED, text)
                        .intent())
                .isEqualTo(expected);
    }
}
