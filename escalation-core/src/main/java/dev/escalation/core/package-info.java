/**
 * The escalation agent's core: the flow table ({@link dev.escalation.core.FlowDefinition}), the engine
 * that runs one turn per customer message ({@link dev.escalation.core.EscalationEngine}), the typed
 * conversation state, and the ports an application implements or picks (the language model, the
 * conversation and ticket stores, the listener). Nothing here is null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.escalation.core;

import org.jspecify.annotations.NullMarked;
