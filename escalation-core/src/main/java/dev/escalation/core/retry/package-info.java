/**
 * The one retry and deadline policy of the project: how often a failed call is tried again, how long
 * to wait between tries, and when to stop because the wait would pass a deadline. The model client,
 * the service's turn (a store that is down or busy, a reply the broker did not take), the Kafka
 * connection and the engine's turn that met another instance's commit (a version conflict) all retry through {@link dev.escalation.core.retry.Retrier}; time comes from an injected
 * {@link java.time.Clock} and waits go through a {@link dev.escalation.core.retry.Sleeper}, so tests of
 * deadlines are exact and never sleep.
 */
@NullMarked
package dev.escalation.core.retry;

import org.jspecify.annotations.NullMarked;
