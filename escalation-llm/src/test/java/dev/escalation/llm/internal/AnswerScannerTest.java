package dev.escalation.llm.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AnswerScannerTest {

    private static String scanInPieces(AnswerScanner scanner, String answer, int size) {
        StringBuilder reply = new StringBuilder();
        for (int i = 0; i < answer.length(); i += size) {
            scanner.accept(answer.substring(i, Math.min(answer.length(), i + size)));
            if (scanner.replyStarted()) {
                reply.append(scanner.takeReply());
            }
        }
        return reply.toString();
    }

    @Test
    void theReadingBeforeTheReplyIsCompleteBeforeAnyCharacterOfTheReply() {
        AnswerScanner scanner = new AnswerScanner();
        scanner.accept("{\"intent\":\"PROVIDE_INFO\",\"next\":\"ask_details\",\"reply\":\"");

        assertThat(scanner.replyStarted()).isTrue();
        assertThat(scanner.beforeReply())
                .isEqualTo("{\"intent\":\"PROVIDE_INFO\",\"next\":\"ask_details\",\"reply\":\"\"}");
        assertThat(scanner.takeReply()).isEmpty();
    }

    @Test
    void escapesInTheReplyAreDecodedEvenWhenSplitAcrossPieces() {
        AnswerScanner scanner = new AnswerScanner();
        String reply = scanInPieces(
                scanner,
                "{\"note\":\"a \\\"reply\\\": x\",\"reply\":\"Line one\\nsays \\\"hi\\\" \\u00e9t\\u00e9 \\\\ done\"}",
                3);

        assertThat(reply).isEqualTo("Line one\nsays \"hi\" été \\ done");
        assertThat(scanner.replyDone()).isTrue();
    }

    @Test
    void aKeyNamedReplyInsideANestedObjectOrAStringValueIsNotTheReply() {
        AnswerScanner scanner = new AnswerScanner();
        scanner.accept("{\"note\":\"reply\",\"extra\":{\"reply\":\"no\"},\"intent\":\"CANCEL\"");

        assertThat(scanner.replyStarted()).isFalse();
        assertThatThrownBy(scanner::beforeReply)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("has not started");
    }

    @Test
    void textAroundTheObjectSuchAsACodeFenceIsLeftOutOfTheReading() {
        AnswerScanner scanner = new AnswerScanner();
        scanner.accept("```json\n{\"intent\":\"CANCEL\",\"reply\":\"Done");

        assertThat(scanner.beforeReply()).isEqualTo("{\"intent\":\"CANCEL\",\"reply\":\"\"}");
        assertThat(scanner.takeReply()).isEqualTo("Done");
    }
}
