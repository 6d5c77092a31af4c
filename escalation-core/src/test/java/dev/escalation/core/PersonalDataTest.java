package dev.escalation.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What {@link PersonalData#redact} masks and what it must keep. */
class PersonalDataTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ana@example.com",
                "ana.maria+billing@mail.eu.example.co.uk",
                "a_b-c%d@sub-domain.example.io",
                "X@Y.ORG"
            })
    void emailAddressesWithPlusTagsAndSubdomainsAreMasked(String email) {
        assertThat(PersonalData.redact("write to " + email + ", thanks")).isEqualTo("write to [email], thanks");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "+44 20 7946 0958",
                "+1 (555) 123-4567",
                "(555) 123-4567",
                "555-123-4567",
                "0049 30 1234567",
                "+49 30 1234567",
                "+33 1 23 45 67 89",
                "+81-3-1234-5678",
                "0412 345 678",
                "+91 98765 43210",
                "5551234567"
            })
    void phoneNumbersInInternationalAndLocalFormsAreMasked(String phone) {
        assertThat(PersonalData.redact("call me on " + phone + " after six")).isEqualTo("call me on [phone] after six");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "4111111111111111",
                "4111 1111 1111 1111",
                "4111-1111-1111-1111",
                "5500 0000 0000 0004",
                "378282246310005",
                "4222222222222",
                "6011 0009 9013 9424",
                "3530111333300000",
                "6304000000000000018"
            })
    void cardNumbersOfThirteenToNineteenDigitsThatPassLuhnAreMasked(String card) {
        assertThat(PersonalData.redact("my card " + card + " was charged")).isEqualTo("my card [card] was charged");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ticket TK-7QX2M9PA",
                "TK-2345ABCD",
                "order ORD-2024-000123",
                "order 20240001234",
                "invoice no. 4411223344",
                "tracking number 1Z999AA10123456784",
                "ref: 99887766",
                "#20240001234",
                "on 2024-03-01",
                "on 01.03.2024",
                "since March 2024",
                "3 times",
                "policy PN-42",
                "for 129.99 EUR",
                "at 10:00:30",
                "case 123456789"
            })
    void ticketIdsOrderNumbersDatesAndAmountsAreKept(String text) {
        assertThat(PersonalData.redact(text)).isEqualTo(text);
    }

    @Test
    void aLongCardLikeNumberThatFailsLuhnIsNotACard() {
        assertThat(PersonalData.redact("card 4111 1111 1111 1112")).doesNotContain("[card]");
    }

    @Test
    void aMillionCharactersOfDigitsLettersAndDotsAreMaskedWithoutBacktracking() {
        String digits = "1".repeat(1_000_000);
        String letters = "a.".repeat(500_000);

        assertThat(PersonalData.redact(digits)).isEqualTo(digits);
        assertThat(PersonalData.redact(letters)).isEqualTo(letters);
    }

    @Test
    void nullStaysNull() {
        assertThat(PersonalData.redact(null)).isNull();
    }
}
