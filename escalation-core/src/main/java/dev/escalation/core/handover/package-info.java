/**
 * Hand-over from a host agent: a LangChain4j or Spring AI agent (or any other) that talks to the
 * customer first starts an escalation from its own transcript, with what the customer already said
 * read into the flow's slots, then forwards each customer message and passes the reply on.
 * {@link dev.escalation.core.handover.Handover} is the entry point.
 */
@NullMarked
package dev.escalation.core.handover;

import org.jspecify.annotations.NullMarked;
