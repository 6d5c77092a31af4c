package dev.escalation.llm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.Department;
import dev.escalation.core.Intent;
import dev.escalation.core.Interpretation;
import dev.escalation.core.InterpretationRequest;
import dev.escalation.core.Priority;
import dev.escalation.core.Question;
import dev.escalation.core.Slots;
import dev.escalation.core.State;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlainAnswersTest {

    private static final Slots SUMMARISED = Slots.EMPTY
            .withDepartment(Department.BILLING, false)
            .withPriority(Priority.HIGH, false)
            .withReasonGiven()
            .withDetailsGiven();

    private static Optional<Interpretation> read(State state, String text) {
        Question asked = state.equals(State.CONFIRMATION) ? Question.CONFIRMATION : Question.NONE;
        return PlainAnswers.read(new InterpretationRequest(state, SUMMARISED, asked, text));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Yes, please create the ticket.",
                "yes",
                "Yes please!",
                "Yep, go ahead.",
                "OK, sounds good, thank you",
                "Sure, that's right.",
                "Yes \u2019 that\u2019s correct"
            })
    void aBareYesToTheSummaryIsReadAsAConfirmationWithNothingElse(String text) {
        assertThat(read(State.CONFIRMATION, text)).contains(Interpretation.of(Intent.CONFIRM));
    }

    @ParameterizedTest
    @ValueSource(strings = {"No.", "no thanks", "Nope, not now.", "No, don't create it."})
    void aBareNoToTheSummaryIsReadAsADenial(String text) {
        assertThat(read(State.CONFIRMATION, text)).contains(Interpretation.of(Intent.DENY));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Yes but make it urgent",
                "Yes, for Sales please",
                "yes, and my email is ann@example.com",
                "Maybe",
                "Please create the ticket", // no yes in it: the model judges whether it is one
                "thanks",
                "Yes, please add this to ticket TK-7QX2M9PA",
                "No, please cancel it.",
                "No, the priority is wrong",
                "Not yes",
                "yes no",
                ""
            })
    void aYesOrNoWithAnythingMoreIsLeftToTheModel(String text) {
        assertThat(read(State.CONFIRMATION, text)).isEmpty();
    }

    @Test
    void aYesOutsideTheConfirmationIsLeftToTheModel() {
        assertThat(read(State.DETAILS, "yes")).isEmpty();
        assertThat(read(State.TICKET_CREATED, "Yes please")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "What's the status of ticket TK-7QX2M9PA?",
                "status of tk-7qx2m9pa please",
                "Hi, any news on TK 7QX2M9PA?",
                "TK-7QX2M9PA status"
            })
    void aBareStatusQuestionNamingOneTicketIsReadInEveryState(String text) {
        for (State state : new State[] {State.REASON, State.DETAILS, State.CONFIRMATION, State.TICKET_CREATED}) {
            Optional<Interpretation> reading = read(state, text);

            assertThat(reading).as("%s in %s", text, state).isPresent();
            assertThat(reading.get().intent()).isEqualTo(Intent.STATUS_QUERY);
            assertThat(reading.get().ticketReference()).isEqualTo("TK-7QX2M9PA");
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "What's the status of TK-7QX2M9PA? I'm still waiting and it's urgent.",
                "Please add to TK-7QX2M9PA: my new number is 555",
                "What is the status of TK-7QX2M9PA and TK-ABCDEFGH?",
                "TK-7QX2M9PA",
                "What's the status of my ticket?",
                "Any news on TK-7QX2M9PX0?" // not an id: 0 is not in the alphabet
            })
    void aStatusQuestionWithMoreOrWithoutOneIdIsLeftToTheModel(String text) {
        assertThat(read(State.TICKET_CREATED, text)).isEmpty();
    }
}
