package dev.escalation.core.internal.offline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExtractTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "status of TK-ABCD2345?|TK-ABCD2345",
                "any news on tk-7qx2m9pa|tk-7qx2m9pa",
                "ticket tk 7qx2m9pa please|tk-7qx2m9pa",
                "TK-X|TK-X"
            })
    void aTicketIdIsTakenAsTyped(String text, String reference) {
        assertThat(Extract.ticketReference(text)).isEqualTo(reference);
    }

    @Test
    void textWithoutATicketIdHasNoReference() {
        assertThat(Extract.ticketReference("my ticket from Tuesday")).isNull();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "mail me at jo.doe@example.com|jo.doe@example.com",
                "call +1 (555) 010-2233 after 5|+1 (555) 010-2233"
            })
    void contactDataIsAnEmailAddressOrAPhoneNumber(String text, String contact) {
        assertThat(Extract.contact(text)).isEqualTo(contact);
    }

    @Test
    void amountsDatesAndReferencesAreNoPhoneNumbers() {
        assertThat(Extract.contact("I paid $1,250.00 on 2024-03-05, bank ref TRX-55810"))
                .isNull();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "My policy number is A12345.|A12345",
                "under policy a20417|A20417",
                "Policy #: 88-1234|88-1234",
                "It's A33812.|A33812"
            })
    void aPolicyNumberIsFoundByItsWordOrItsShape(String text, String policy) {
        assertThat(Extract.policyNumber(text)).isEqualTo(policy);
    }
}
