package dev.escalation.core.internal.offline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OfflineReplyWriterTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "One.",
                "One. Two? Three!\nFour",
                "no punctuation at all",
                "a...b!!  c\n\nd ",
                "Here's what I have:\nDepartment: Billing\nShall I? Yes."
            })
    void thePiecesConcatenateToTheText(String text) {
        List<String> pieces = OfflineReplyWriter.pieces(text);

        assertThat(String.join("", pieces)).isEqualTo(text);
        assertThat(pieces).allSatisfy(piece -> assertThat(piece).isNotEmpty());
    }

    @Test
    void aReplyIsStreamedSentenceBySentence() {
        assertThat(OfflineReplyWriter.pieces("One. Two? Three!")).containsExactly("One. ", "Two? ", "Three!");
    }

    @Test
    void aShortDescriptionIsShownWholeOnOneLine() {
        assertThat(OfflineReplyWriter.shorten("first line\nsecond  line")).isEqualTo("first line second line");
    }

    @Test
    void aLongDescriptionIsCutAtAWordBoundary() {
        String shortened = OfflineReplyWriter.shorten("abcdefghi ".repeat(50));

        assertThat(shortened)
                .endsWith("abcdefghi…")
                .hasSizeLessThanOrEqualTo(OfflineReplyWriter.SUMMARY_DESCRIPTION_LENGTH + 1);
    }
}
