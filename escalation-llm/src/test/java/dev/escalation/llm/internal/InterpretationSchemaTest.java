package dev.escalation.llm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.Department;
import dev.escalation.core.FlowDefinition;
import dev.escalation.core.Intent;
import dev.escalation.core.Interpretation;
import dev.escalation.core.Priority;
import dev.escalation.core.State;
import dev.escalation.core.StateSpec;
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

    @Test
    void eachKindOfStateOffersOnlyItsOwnMovesSoNoStateBeforeTheYesCanAnnounceATicket() {
        FlowDefinition flow = FlowDefinition.standard();

        assertThat(InterpretationSchema.moves(flow, StateSpec.Kind.COLLECT))
                .containsExactly("ask_reason", "ask_details", "ask_department", "summarize", "cancelled", "lookup");
        assertThat(InterpretationSchema.moves(flow, StateSpec.Kind.CONFIRM))
                .containsExactly("summarize", "ticket_created", "cancelled", "lookup");
        assertThat(InterpretationSchema.moves(flow, StateSpec.Kind.TICKET))
                .containsExactly("ask_reason", "ask_details", "ask_department", "summarize", "lookup");
        assertThat(InterpretationSchema.turnSchema(flow, StateSpec.Kind.COLLECT)
                        .path("properties")
                        .path("next")
                        .path("enum")
                        .toString())
                .doesNotContain("ticket_created");
    }

    @Test
    void aOneCallAnswerAsksOnlyWhatItsStateReadsAndNeverATicketId() {
        FlowDefinition flow = FlowDefinition.standard();

        assertThat(InterpretationSchema.turnFields(flow, StateSpec.Kind.COLLECT))
                .contains("states_reason", "problem")
                .doesNotContain("ticket_reference")
                .startsWith("intent")
                .endsWith("next", "reply");
        assertThat(InterpretationSchema.turnFields(flow, StateSpec.Kind.CONFIRM))
                .contains("states_details", "department", "priority", "note", "problem")
                .doesNotContain("states_reason", "ticket_reference");
        assertThat(InterpretationSchema.turnSchema(flow, StateSpec.Kind.CONFIRM)
                        .path("required")
                        .size())
                .isEqualTo(InterpretationSchema.turnFields(flow, StateSpec.Kind.CONFIRM)
                        .size());
    }

    @Test
    void aStatusQuestionReadWithoutATicketIdGetsTheOneTheCustomerTypedAndNeverAnInventedOne() throws Exception {
        assertThat(valid("{\"intent\":\"STATUS_QUERY\"}", State.TICKET_CREATED, "how is tk 7qx2m9pa doing?")
                        .ticketReference())
                .isEqualTo("TK-7QX2M9PA");
        assertThat(valid(
                                "{\"intent\":\"STATUS_QUERY\",\"ticket_reference\":\"TK-ABCDEFGH\"}",
                                State.TICKET_CREATED,
                                "and TK-7QX2M9PA?")
                        .ticketReference())
                .as("an id the customer did not type is replaced by the one they did")
                .isEqualTo("TK-7QX2M9PA");
        assertThat(valid("{\"intent\":\"STATUS_QUERY\"}", State.TICKET_CREATED, "how is my ticket doing?")
                        .ticketReference())
                .isNull();
    }
}
