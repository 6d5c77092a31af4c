package dev.escalation.runner.internal;

import dev.escalation.core.FlowDefinition;
import dev.escalation.core.InvalidFlowException;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;

/**
 * {@code verify}: checks the flow the engine runs (every state reachable, a cycle end reachable from
 * every state, every event handled by exactly one transition, tickets only on an explicit confirm in
 * CONFIRMATION) and prints a counterexample when a rule is broken.
 *
 * <p>Not thread-safe; picocli runs it once. Example: {@code java -jar escalation-runner.jar verify}.
 */
@Command(
        name = "verify",
        description =
                "Verifies the flow: reachability, no dead ends, every event handled exactly once, tickets only"
                        + " from CONFIRMATION on an explicit confirm. Exit status 1 with a counterexample when a rule is broken.")
final class VerifyCommand implements Callable<Integer> {

    private final PrintStream out;
    private final Supplier<FlowDefinition> flow;

    VerifyCommand(PrintStream out, Supplier<FlowDefinition> flow) {
        this.out = out;
        this.flow = flow;
    }

    @Override
    public Integer call() {
        FlowDefinition flow;
        try {
            flow = this.flow.get().verify();
        } catch (InvalidFlowException e) {
            throw CommandFailure.failed("the flow is invalid: " + e.getMessage(), e);
        }
        out.println("flow verified: " + flow.states().size() + " states, "
                + flow.transitions().size()
                + " transitions; every state reachable from " + flow.initial() + ", a cycle end "
                + flow.cycleEnds()
                + " reachable from every state, every event handled by exactly one transition, tickets created only"
                + " from " + flow.confirmation() + " on CONFIRM, every required slot " + flow.requiredSlots()
                + " collected on every path to ticket creation.");
        out.flush();
        return ExitCodes.OK;
    }
}
