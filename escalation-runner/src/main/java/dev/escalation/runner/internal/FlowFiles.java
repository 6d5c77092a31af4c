package dev.escalation.runner.internal;

import dev.escalation.core.FlowDefinition;
import dev.escalation.core.InvalidFlowException;
import java.io.UncheckedIOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** Reads the flow a command runs, reporting a bad file as a usage error (exit status 2). */
final class FlowFiles {
    /** The setting naming a flow file; unset, the standard flow runs. */
    static final String FLOW_SETTING = "ESCALATION_FLOW";

    private FlowFiles() {}

    /**
     * The flow every command runs: the file {@code ESCALATION_FLOW} names, or the standard flow.
     *
     * @throws CommandFailure with exit status 2 naming ESCALATION_FLOW and the file (and the line and
     *     field when it is not a valid flow), before any conversation starts
     */
    static FlowDefinition configured(EnvironmentVariables env) {
        String path = env.get(FLOW_SETTING, null);
        return path == null ? FlowDefinition.standard() : load(FLOW_SETTING, path);
    }

    /**
     * The flow file at {@code path}, which {@code setting} named ({@code ESCALATION_FLOW}, {@code --flow}).
     *
     * @throws CommandFailure with exit status 2 naming the setting and the file (and the line and field
     *     when it is not a valid flow)
     */
    static FlowDefinition load(String setting, String path) {
        try {
            return FlowDefinition.load(Path.of(path));
        } catch (UncheckedIOException | InvalidPathException e) {
            throw CommandFailure.usage(setting + "=" + path + ": the flow file cannot be read ("
                    + (e.getCause() == null ? e.getMessage() : e.getCause()) + ")");
        } catch (InvalidFlowException e) {
            throw CommandFailure.usage(setting + "=" + path + ": not a valid flow: " + e.getMessage());
        }
    }
}
