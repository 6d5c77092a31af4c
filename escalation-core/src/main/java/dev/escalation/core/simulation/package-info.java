/**
 * Simulated customers that play written profiles against the engine, for the evaluation ({@code make eval}).
 * Nothing here is null unless annotated {@code @Nullable}.
 */
@NullMarked
package dev.escalation.core.simulation;

import org.jspecify.annotations.NullMarked;
