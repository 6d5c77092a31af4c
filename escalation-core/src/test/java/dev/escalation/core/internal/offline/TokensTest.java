package dev.escalation.core.internal.offline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TokensTest {

    private static List<String> words(String text) {
        return Tokens.of(text).stream().map(Token::lower).toList();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "I can't log in|i can not log in",
                "i cant log in|i can not log in",
                "It doesn't work|it does not work",
                "it doesnt work|it does not work",
                "I won't wait|i will not wait",
                "I'm sure it's fine|i am sure it is fine",
                "my wife's phone|my wife phone",
                "I\u2019ve tried|i have tried"
            })
    void contractionsAreExpandedAlsoWithoutApostrophe(String text, String expected) {
        assertThat(String.join(" ", words(text))).isEqualTo(expected);
    }

    @Test
    void aNegationReachesThreeWordsInTheSameClause() {
        List<Token> tokens = Tokens.of("it is not a big deal, urgent though");

        assertThat(tokens.stream().filter(Token::negated).map(Token::lower)).containsExactly("a", "big", "deal");
    }

    @Test
    void butStartsANewClauseSoTheNegationStops() {
        List<Token> tokens = Tokens.of("not urgent but angry");

        assertThat(tokens.stream()
                        .filter(t -> t.lower().equals("angry"))
                        .findFirst()
                        .orElseThrow()
                        .negated())
                .isFalse();
    }

    @Test
    void sentencesAndClausesAreNumbered() {
        List<Token> tokens = Tokens.of("One two, three. Four");

        assertThat(tokens).extracting(Token::sentence).containsExactly(0, 0, 0, 1);
        assertThat(tokens).extracting(Token::clause).containsExactly(0, 0, 1, 2);
    }

    @Test
    void emailAddressesLinksAndTicketIdsAreNotReadAsWords() {
        assertThat(words("send it to finance@billing.example or https://sales.example/x about TK-7QX2M9PA"))
                .containsExactly("send", "it", "to", "or", "about", "ticket");
    }

    @Test
    void wordsTypedInCapitalsAreShouted() {
        List<Token> tokens = Tokens.of("URGENT please");

        assertThat(tokens.get(0).shouted()).isTrue();
        assertThat(tokens.get(1).shouted()).isFalse();
    }

    @Test
    void amountsStayOneNumber() {
        assertThat(words("$14.99 at 9:15")).containsExactly("1499", "at", "915");
    }

    @Test
    void blankTextHasNoTokens() {
        assertThat(Tokens.of("  \n ")).isEmpty();
    }
}
