package dev.escalation.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlowFileTest {

    private static final Path BANK = Path.of("../flows/bank.yaml");
    private static final Path HELPDESK = Path.of("../flows/it-helpdesk.yaml");

    private static String standardWith(String from, String to) throws Exception {
        String text = new String(
                FlowDefinition.class
                        .getClassLoader()
                        .getResourceAsStream(FlowDefinition.STANDARD_RESOURCE)
                        .readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(text).contains(from);
        return text.replace(from, to);
    }

    @Test
    void theStandardFlowFileGivesTheTableTheEngineAlwaysRan() {
        FlowDefinition flow = FlowDefinition.standard();

        assertThat(flow.source()).isEqualTo("classpath:escalation/flows/standard.yaml");
        assertThat(flow.departments())
                .containsExactly(Department.TECHNICAL_SUPPORT, Department.BILLING, Department.SALES);
        assertThat(flow.transitions()).hasSize(54);
    }

    @Test
    void theBankFlowHasItsOwnDepartmentsStatesAndTicketFields() {
        FlowDefinition bank = FlowDefinition.load(BANK);

        assertThat(bank.departments()).extracting(Department::displayName).containsExactly("Cards", "Loans", "Fraud");
        assertThat(bank.states()).contains(State.of("FRAUD_CHECK"), State.of("VERIFY_IDENTITY"));
        assertThat(bank.requiredSlots()).containsExactly("account_number", "payment_amount");
        assertThat(bank.ticketFields()).containsExactly("account_number", "payment_amount");
        assertThat(bank.accept("account_number", "1234567")).isEmpty();
        assertThat(bank.accept("account_number", "12345678")).contains("12345678");
    }

    @Test
    void aBankCustomerWithAnUnrecognisedPaymentGetsACriticalFraudTicketWithTheOfflineModel() {
        InMemoryStore store = new InMemoryStore();
        EscalationEngine engine = EscalationEngine.builder()
                .flow(FlowDefinition.load(BANK))
                .conversationStore(store)
                .ticketStore(store)
                .build();
        List<String> messages = List.of(
                "There is a card payment on my account that I did not make and I want this escalated now!",
                "Yesterday 250 pounds left my account at a shop I have never been to, I think it is fraud.",
                "12345678",
                "yes");
        TurnResult result = null;
        for (String text : messages) {
            result = engine.handle(new CustomerMessage("bank-1", "u1", text));
        }

        assertThat(result.ticket()).isPresent();
        Ticket ticket = result.ticket().get();
        assertThat(ticket.department().displayName()).isEqualTo("Fraud");
        assertThat(ticket.priority()).isEqualTo(Priority.CRITICAL);
        assertThat(ticket.fields()).containsEntry("account_number", "12345678").containsEntry("payment_amount", "250");
    }

    @Test
    void theHelpdeskFlowAsksForTheEmployeeIdAndDeviceBeforeTheSummary() {
        InMemoryStore store = new InMemoryStore();
        EscalationEngine engine = EscalationEngine.builder()
                .flow(FlowDefinition.load(HELPDESK))
                .conversationStore(store)
                .ticketStore(store)
                .build();
        engine.handle(
                new CustomerMessage("it-1", "u1", "My laptop screen stays black and I cannot work, please escalate"));
        TurnResult details = engine.handle(
                new CustomerMessage(
                        "it-1",
                        "u1",
                        "Since this morning the laptop screen is black after the docking station update, rebooting did not help."));
        TurnResult id = engine.handle(new CustomerMessage("it-1", "u1", "E12345"));
        TurnResult device = engine.handle(new CustomerMessage("it-1", "u1", "laptop"));

        assertThat(details.state()).isEqualTo(State.of("IDENTIFY"));
        assertThat(details.reply()).contains("employee id");
        assertThat(id.slots().extra()).containsEntry("employee_id", "E12345");
        assertThat(device.state()).isEqualTo(State.CONFIRMATION);
        assertThat(device.reply()).contains("Employee id: E12345").contains("Device: laptop");
    }

    @Test
    void anUnknownStateInATransitionNamesFileLineAndField() throws Exception {
        String yaml = standardWith("    pending: needs details\n", "    pending: needs details\n    next: NOWHERE\n");

        assertThatThrownBy(() -> FlowDefinition.parse(yaml, "my-flow.yaml"))
                .isInstanceOf(InvalidFlowFileException.class)
                .hasMessageMatching("(?s)my-flow\\.yaml:\\d+:\\d+: states\\[1\\]\\.next: unknown state NOWHERE.*");
    }

    @Test
    void aDuplicateDepartmentNamesTheLineOfBoth() throws Exception {
        String yaml = standardWith("  - name: Sales\n", "  - name: billing\n");

        assertThatThrownBy(() -> FlowDefinition.parse(yaml, "f.yaml"))
                .isInstanceOf(InvalidFlowFileException.class)
                .hasMessageContaining("departments[2].name: duplicate department billing (first at line");
    }

    @Test
    void anUnknownSlotTypeABadPatternAndAnUncollectedRequiredSlotAreNamed() throws Exception {
        String base = standardWith("slots:\n", "slots:\n  - name: account_number\n    type: %s\n    required: true\n");

        assertThatThrownBy(() -> FlowDefinition.parse(base.formatted("digits"), "f.yaml"))
                .hasMessageContaining("slots[0].type: unknown slot type 'digits'");
        assertThatThrownBy(() -> FlowDefinition.parse(base.formatted("pattern\n    pattern: '^[0-9{8}$'"), "f.yaml"))
                .hasMessageContaining(
                        "slots[0].pattern: slot account_number has a pattern that is not a regular expression");
        assertThatThrownBy(() -> FlowDefinition.parse(base.formatted("text"), "f.yaml"))
                .isInstanceOf(InvalidFlowFileException.class)
                .hasMessageMatching(
                        "(?s)f\\.yaml:\\d+:\\d+: slots\\[0\\]\\.required: required slot account_number is never"
                                + " collected.*");
    }

    @Test
    void aRequiredSlotNoPathCollectsIsACounterexampleFromTheVerifier() {
        FlowDefinition.Builder builder =
                FlowDefinition.builder().slot(SlotSpec.text("card_number").asRequired());

        assertThatThrownBy(builder::build)
                .isInstanceOf(InvalidFlowException.class)
                .hasMessageContaining("slot coverage: the required slot card_number is never collected")
                .hasMessageContaining("counterexample: REASON -PROVIDE_INFO-> CONFIRMATION -CONFIRM-> TICKET_CREATED");
    }

    @Test
    void aConversationStoredInAStateTheFlowNoLongerHasStartsAgainAtTheInitialStateKeepingKnownSlots() {
        InMemoryStore store = new InMemoryStore();
        EscalationEngine bank = EscalationEngine.builder()
                .flow(FlowDefinition.load(BANK))
                .conversationStore(store)
                .ticketStore(store)
                .build();
        bank.handle(new CustomerMessage("c9", "u1", "There is a card payment on my account that I did not make!"));
        bank.handle(new CustomerMessage(
                "c9",
                "u1",
                "Yesterday 250 pounds left my account at a shop I have never been to, I think it is fraud."));
        EscalationEngine standard = EscalationEngine.builder()
                .conversationStore(store)
                .ticketStore(store)
                .build();

        TurnResult next = standard.handle(new CustomerMessage("c9", "u1", "My invoice was charged twice this month."));

        assertThat(next.slots().extra()).doesNotContainKeys("unrecognised_payment", "payment_amount");
        assertThat(next.state()).isIn(State.DETAILS, State.CONFIRMATION, State.REASON);
    }

    private static TurnResult loginTicket(EscalationEngine engine) {
        engine.handle(
                new CustomerMessage("t-1", "u1", "I've been trying to resolve this for weeks and I'm frustrated!"));
        engine.handle(new CustomerMessage("t-1", "u1", "I can't log in to the app, it says my password is wrong."));
        return engine.handle(new CustomerMessage("t-1", "u1", "yes"));
    }

    @Test
    void aTicketStateWithNewProblemNoteAddsADifferentProblemToTheTicket() throws Exception {
        FlowDefinition flow =
                FlowDefinition.parse(standardWith("new_problem: new_request", "new_problem: note"), "notes.yaml");
        InMemoryStore store = new InMemoryStore();
        EscalationEngine engine = EscalationEngine.builder()
                .flow(flow)
                .conversationStore(store)
                .ticketStore(store)
                .build();
        Ticket ticket = loginTicket(engine).ticket().orElseThrow();

        TurnResult upgrade = engine.handle(
                new CustomerMessage("t-1", "u1", "I also want to upgrade to the premium plan, can someone call me?"));

        assertThat(flow.newProblemMove()).isEqualTo(NewProblemMove.NOTE);
        assertThat(upgrade.state()).isEqualTo(State.TICKET_CREATED);
        assertThat(store.history(ticket.ticketId()))
                .last()
                .satisfies(update -> assertThat(update.note()).contains("premium plan"));
    }

    @Test
    void aTicketStateWithUnclearNewRequestStartsARequestWithoutAskingAndTheStandardFlowAsks() throws Exception {
        FlowDefinition flow = FlowDefinition.parse(standardWith("unclear: ask", "unclear: new_request"), "new.yaml");
        InMemoryStore store = new InMemoryStore();
        EscalationEngine engine = EscalationEngine.builder()
                .flow(flow)
                .conversationStore(store)
                .ticketStore(store)
                .build();
        loginTicket(engine);

        TurnResult unclear = engine.handle(
                new CustomerMessage("t-1", "u1", "The app shows error 503 when I open the settings page."));

        assertThat(FlowDefinition.standard().unclearMove()).isEqualTo(NewProblemMove.ASK);
        assertThat(unclear.state()).isIn(State.DETAILS, State.CONFIRMATION);
        assertThat(unclear.slots().description()).contains("error 503");
    }

    @Test
    void aMoveAfterTheTicketThatIsUnknownOrOnAnotherStateIsAnErrorNamingIt() throws Exception {
        String unknown = standardWith("unclear: ask", "unclear: sometimes");
        String misplaced = standardWith("kind: confirm", "kind: confirm\n    unclear: note");

        assertThatThrownBy(() -> FlowDefinition.parse(unknown, "f.yaml"))
                .isInstanceOf(InvalidFlowFileException.class)
                .hasMessageContaining("unclear")
                .hasMessageContaining("'sometimes'");
        assertThatThrownBy(() -> FlowDefinition.parse(misplaced, "f.yaml"))
                .isInstanceOf(InvalidFlowFileException.class)
                .hasMessageContaining("only the ticket state has new_problem and unclear");
    }
}
