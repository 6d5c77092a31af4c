package dev.escalation.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ValuesTest {

    @Test
    void slotsTakeWhatAReadingAddsAndKeepWhatItLeavesOut() {
        Slots before = Slots.EMPTY.withDepartment(Department.BILLING, true);
        Interpretation reading = new Interpretation(
                Intent.PROVIDE_INFO,
                null,
                false,
                Priority.HIGH,
                false,
                "Charged twice since March.",
                true,
                true,
                " ana@example.com ",
                null,
                null,
                java.util.Map.of("order", "A1"));

        Slots after = before.with(reading);

        assertThat(after.department()).isEqualTo(Department.BILLING);
        assertThat(after.departmentFromCustomer()).isTrue();
        assertThat(after.priority()).isEqualTo(Priority.HIGH);
        assertThat(after.description()).isEqualTo("Charged twice since March.");
        assertThat(after.reasonGiven()).isTrue();
        assertThat(after.detailsGiven()).isTrue();
        assertThat(after.contact()).isEqualTo("ana@example.com");
        assertThat(after.extra()).containsEntry("order", "A1");
    }

    @Test
    void generatedTicketIdsHaveThePrefixAndOnlyUnambiguousCharacters() {
        TicketIdGenerator generator = TicketIdGenerator.secureRandom();
        Set<String> seen = new HashSet<>();

        for (int i = 0; i < 10_000; i++) {
            String id = generator.next().value();
            assertThat(id).matches("TK-[A-HJ-NP-Z2-9]{8}");
            seen.add(id);
        }

        assertThat(seen).as("2^40 ids: no repeats in 10,000 draws").hasSize(10_000);
    }

    @Test
    void ticketIdsTypedByPeopleAreReadCaseInsensitively() {
        assertThat(TicketId.parse(" tk-7qx2m9pa ")).contains(TicketId.of("TK-7QX2M9PA"));
        assertThat(TicketId.parse("TK-0OI1AAAA"))
                .as("look-alike characters are never issued")
                .isEmpty();
        assertThat(TicketId.parse("TK-123")).isEmpty();
        assertThat(TicketId.parse(null)).isEmpty();
    }

    @Test
    void aBadTicketIdIsRejectedWithTheValueInTheMessage() {
        assertThatThrownBy(() -> TicketId.of("TK-12"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'TK-12'");
    }

    @Test
    void departmentsAreReadFromTheWaysPeopleWriteThem() {
        assertThat(Department.parse("Technical Support")).contains(Department.TECHNICAL_SUPPORT);
        assertThat(Department.parse("technical_support")).contains(Department.TECHNICAL_SUPPORT);
        assertThat(Department.parse("tech support")).contains(Department.TECHNICAL_SUPPORT);
        assertThat(Department.parse("BILLING")).contains(Department.BILLING);
        assertThat(Department.parse("Legal")).as("outside the list").isEmpty();
        assertThatThrownBy(() -> Department.of("Legal")).hasMessageContaining("'Legal'");
    }

    @Test
    void prioritiesAndStatusesUseLowerCaseWireNames() {
        assertThat(Priority.of("High")).isEqualTo(Priority.HIGH);
        assertThat(Priority.HIGH.wireName()).isEqualTo("high");
        assertThat(Priority.parse("urgent")).isEmpty();
        assertThat(TicketStatus.of("in-progress")).isEqualTo(TicketStatus.IN_PROGRESS);
        assertThat(TicketStatus.WAITING_ON_CUSTOMER.wireName()).isEqualTo("waiting_on_customer");
        assertThatThrownBy(() -> TicketStatus.of("done")).hasMessageContaining("'done'");
    }

    @Test
    void aGuessNeverReplacesWhatTheCustomerSaid() {
        Slots slots = Slots.EMPTY.withDepartment(Department.SALES, true).withPriority(Priority.LOW, true);

        Slots guessed = slots.withDepartment(Department.BILLING, false).withPriority(Priority.HIGH, false);

        assertThat(guessed.department()).isEqualTo(Department.SALES);
        assertThat(guessed.priority()).isEqualTo(Priority.LOW);
        assertThat(guessed.withDepartment(Department.BILLING, true).department())
                .isEqualTo(Department.BILLING);
    }

    @Test
    void theDescriptionKeepsTheCustomersWordsWithoutRepeatsAndWithinItsLimit() {
        Slots slots = Slots.EMPTY
                .withMoreDescription("My app crashes.")
                .withMoreDescription("My app crashes.")
                .withMoreDescription(" Since Monday. ");

        assertThat(slots.description()).isEqualTo("My app crashes.\nSince Monday.");
        Slots huge = Slots.EMPTY.withMoreDescription("word ".repeat(2_000));
        assertThat(huge.description().length()).isLessThanOrEqualTo(Slots.MAX_DESCRIPTION_LENGTH);
    }

    @Test
    void aTicketChangeNeedsAStatusOrANote() {
        Instant now = Instant.parse("2026-11-23T10:00:00Z");

        assertThatThrownBy(() -> new TicketChange(TicketId.of("TK-AAAAAAAA"), "operator:ana", null, "  ", now))
                .hasMessageContaining("needs a new status or a note");
    }

    @Test
    void aCustomerMessageNeedsBothIds() {
        assertThatThrownBy(() -> new CustomerMessage(" ", "u1", "hi")).hasMessageContaining("conversationId");
        assertThatThrownBy(() -> new CustomerMessage("c1", "u".repeat(201), "hi"))
                .hasMessageContaining("201");
    }
}
