/**
 * Where tickets, conversations and their audit trail are kept: SQLite (a file) or PostgreSQL, both through
 * the same migrations. Nothing here is null unless annotated {@code @Nullable}.
 */
@NullMarked
package dev.escalation.store;

import org.jspecify.annotations.NullMarked;
