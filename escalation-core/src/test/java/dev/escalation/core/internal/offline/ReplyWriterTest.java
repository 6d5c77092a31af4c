package dev.escalation.core.internal.offline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ReplyWriterTest {

  @ParameterizedTest
  @ValueSource(strings = {"", "One.", "One. Two? Three!\nFour", "no punctuation at all", "a...b!!  c\n\nd ",
      "Here's what I have:\nDepartment: Billing\nShall I? Yes."})
  void thePiecesConcatenateToTheText(String text) {
    List<String> pieces = ReplyWriter.pieces(text);

    assertThat(String.join("", pieces)).isEqualTo(text);
    assertThat(pieces).allSatisfy(piece -> assertThat(piece).isNotEmpty());
  }

  @Test
  void aReplyIsStreamedSentenceBySentence() {
    assertThat(ReplyWriter.pieces("One. Two? Three!")).containsExactly("One. ", "Two? ", "Three!");
  }

  @Test
  void aShortDescriptionIsShownWholeOnOneLine() {
    assertThat(ReplyWriter.shorten("first line\nsecond  line")).isEqualTo("first line second line");
  }

  @Test
  void aLongDescriptionIsCutAtAWordBoundary() {
    String shortened = ReplyWriter.shorten("abcdefghi ".repeat(50));

    assertThat(shortened).endsWith("abcdefghi…").hasSizeLessThanOrEqualTo(ReplyWriter.SUMMARY_DESCRIPTION_LENGTH + 1);
  }
}
