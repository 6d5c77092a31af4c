package dev.escalation.core.internal.offline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IntentReaderTest {

    private static boolean cancel(String text) {
        return IntentReader.isCancel(Tokens.of(text), text);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "cancel",
                "Cancel it please",
                "never mind",
                "forget about it",
                "stop",
                "I changed my mind",
                "don't bother",
                "leave it",
                "please cancel my request",
                "Actually, I've sorted it out myself, please cancel the escalation"
            })
    void givingUpIsACancel(String text) {
        assertThat(cancel(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "don't cancel",
                "I can't log in",
                "I cancelled my policy in June",
                "cancel my subscription please",
                "stop charging me",
                "I tried to leave it for a week but it's still broken",
                "Never mind the fee, the app is the real problem"
            })
    void mentioningCancellingOrStoppingIsNotACancel(String text) {
        assertThat(cancel(text)).isFalse();
    }

    @Test
    void aStatusQuestionMustReferToATicket() {
        assertThat(IntentReader.isStatusQuery("any news on my ticket?", null, false))
                .isTrue();
        assertThat(IntentReader.isStatusQuery("where is my refund?", null, false))
                .isFalse();
        assertThat(IntentReader.isStatusQuery("what's the status of my order?", null, false))
                .isFalse();
        assertThat(IntentReader.isStatusQuery("TK-ABCD2345", "TK-ABCD2345", false))
                .isTrue();
    }

    @Test
    void shortQuestionsForNewsAreAboutTheTicketOnlyOnceOneExists() {
        assertThat(IntentReader.isStatusQuery("any news?", null, true)).isTrue();
        assertThat(IntentReader.isStatusQuery("any news?", null, false)).isFalse();
    }

    @Test
    void theNoteIsWhatFollowsOrPrecedesTheRequestToAdd() {
        assertThat(IntentReader.addUpdate("add to my ticket: also on Wi-Fi", false)
                        .note())
                .isEqualTo("also on Wi-Fi");
        assertThat(IntentReader.addUpdate("My router is a TP-Link - please add this to my ticket", false)
                        .note())
                .isEqualTo("My router is a TP-Link");
        assertThat(IntentReader.addUpdate("please add to my ticket", false).note())
                .isNull();
    }

    @Test
    void addingWithoutSayingTicketIsAnUpdateOnlyRightAfterOneWasCreated() {
        assertThat(IntentReader.addUpdate("can you add that I'm on Android 14", true))
                .isNotNull();
        assertThat(IntentReader.addUpdate("can you add that I'm on Android 14", false))
                .isNull();
        assertThat(IntentReader.addUpdate("I'd like to add my wife to my plan", true))
                .isNull();
    }

    @Test
    void yesAndNoAreReadWithTheirNegations() {
        assertThat(IntentReader.isYes(Tokens.of("yep that's right"), "yep that's right"))
                .isTrue();
        assertThat(IntentReader.isYes(Tokens.of("that's not right"), "that's not right"))
                .isFalse();
        assertThat(IntentReader.isNo(Tokens.of("no"), "no")).isTrue();
        assertThat(IntentReader.isNo(Tokens.of("no rush"), "no rush")).isFalse();
        assertThat(IntentReader.isNo(Tokens.of("don't create it"), "don't create it"))
                .isTrue();
    }
}
