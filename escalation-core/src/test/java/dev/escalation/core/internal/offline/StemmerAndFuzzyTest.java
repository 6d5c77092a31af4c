package dev.escalation.core.internal.offline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StemmerAndFuzzyTest {

    @ParameterizedTest
    @CsvSource({
        "charge,charges",
        "charge,charged",
        "charge,charging",
        "crash,crashes",
        "log,logged",
        "log,logging",
        "try,tried",
        "try,tries",
        "invoice,invoices",
        "bill,billing",
        "bill,billed",
        "minute,minuts",
        "update,updated"
    })
    void formsOfAWordShareAStem(String word, String form) {
        assertThat(Stemmer.stem(form)).isEqualTo(Stemmer.stem(word));
    }

    @ParameterizedTest
    @CsvSource({
        "pasword,password",
        "acess,access",
        "invoc,invoic",
        "qoute,quote",
        "frustated,frustrated",
        "refnd,refund",
        "biling,billing"
    })
    void oneTypingSlipIsForgiven(String typed, String known) {
        assertThat(Fuzzy.similar(typed, known)).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"bill,fill", "chang,charg", "login,logic", "form,farm", "password,passport"})
    void shortWordsAndRealWordsAreNotTakenForEachOther(String typed, String known) {
        assertThat(Fuzzy.similar(typed, known)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"acount,amount", "change,charge"})
    void aTypoOfAFrequentWordIsNotTakenForACue(String typed, String cue) {
        assertThat(Fuzzy.typoOf(typed, cue)).isFalse();
    }
}
