package dev.escalation.llm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.Department;
import dev.escalation.core.Intent;
import dev.escalation.core.Interpretation;
import dev.escalation.core.Priority;
import dev.escalation.core.State;
import org.junit.jupiter.api.Test;

class InterpretationSchemaTest {

    private static InterpretationSchema.Reading read(String json, State state, String text) throws Exception {
        return InterpretationSchema.read(ModelJson.objectIn(json), state, text);
    }

    private static Interpretation valid(String json, State state, String text) throws Exception {
        InterpretationSchema.Reading reading = read(json, state, text);
        assertThat(reading).isInstanceOf(InterpretationSchema.Reading.Valid.class);
        return ((InterpretationSchema.Reading.Valid) reading).interpretation();
    }

    @Test
    void readsLenientlyWhereItCannotHurt() throws Exception {
        Interpretation reading = valid(
                "Sure! {'intent': 'provide info', 'states_reason': 'true', department: 'billing',"
                        + " 'department_named': true, 'priority': 'HIGH',}",
                State.REASON,
                "billing question: charged twice");

        assertThat(reading.intent()).isEqualTo(Intent.PROVIDE_INFO);
        assertThat(reading.statesReason()).isTrue();
        assertThat(reading.department()).isEqualTo(Department.BILLING);
        assertThat(reading.departmentFromCustomer()).isTrue();
        assertThat(reading.priority()).isEqualTo(Priority.HIGH);
        assertThat(reading.description()).isEqualTo("billing question: charged twice");
    }

    @Test
    void rejectsWrongTypesAndUnknownIntents() throws Exception {
        assertThat(read("{\"intent\": 3}", State.REASON, "x")).isInstanceOf(InterpretationSchema.Reading.Invalid.class);
        assertThat(read("{\"intent\": \"ESCALATE\"}", State.REASON, "x"))
                .isEqualTo(
                        new InterpretationSchema.Reading.Invalid("intent must be one of PROVIDE_INFO, CONFIRM, DENY, "
                                + "CORRECT, CANCEL, STATUS_QUERY, ADD_UPDATE, but was 'ESCALATE'"));
        assertThat(read("{\"intent\": \"CONFIRM\", \"note\": {\"a\": 1}}", State.REASON, "x"))
                .isInstanceOf(InterpretationSchema.Reading.Invalid.class);
        assertThat(read("{\"states_reason\": true}", State.REASON, "x"))
                .isInstanceOf(InterpretationSchema.Reading.Invalid.class);
    }

    @Test
    void keepsOnlyTicketIdsAndContactsTheCustomerActuallyWrote() throws Exception {
        Interpretation invented = valid(
                "{\"intent\":\"STATUS_QUERY\",\"ticket_reference\":\"TK-ABCDEFGH\"}",
                State.REASON,
                "how is my ticket doing?");
        Interpretation typed = valid(
                "{\"intent\":\"STATUS_QUERY\",\"ticket_reference\":\"TK-7QX2M9PA\"}",
                State.REASON,
                "how is tk 7qx2m9pa doing?");
        Interpretation contact = valid(
                "{\"intent\":\"PROVIDE_INFO\",\"contact\":\"+1 555 0100\"}", State.DETAILS, "call me at +1-555-0100");
        Interpretation guessed =
                valid("{\"intent\":\"PROVIDE_INFO\",\"contact\":\"jane@example.com\"}", State.DETAILS, "I'm Jane");

        assertThat(invented.ticketReference()).isNull();
        assertThat(typed.ticketReference()).isEqualTo("TK-7QX2M9PA");
        assertThat(contact.contact()).isEqualTo("+1 555 0100");
        assertThat(guessed.contact()).isNull();
    }

    @Test
    void treatsAToolRequestWithoutIntentAsAToolCall() throws Exception {
        assertThat(read("{\"name\": \"get_ticket_status\", \"arguments\": {\"ticket_id\": null}}", State.REASON, "x"))
                .isEqualTo(new InterpretationSchema.Reading.ToolRequest(
                        new ToolCall(null, "get_ticket_status", "{\"ticket_id\":null}")));
    }
}
