package dev.escalation.core;

import java.security.SecureRandom;

/**
 * Makes new ticket ids; injected into the engine so tests can choose them.
 *
 * <p>Implementations must be thread-safe. Example: {@code TicketIdGenerator.secureRandom().next()}.
 */
@FunctionalInterface
public interface TicketIdGenerator {

    /** Returns a fresh id; the store rejects one that already exists and the engine asks again. */
    TicketId next();

    /** Ids drawn from a {@link SecureRandom}: 8 characters of 32 give 2^40 possibilities. */
    static TicketIdGenerator secureRandom() {
        SecureRandom random = new SecureRandom();
        return () -> {
            char[] chars = new char[TicketId.LENGTH];
            for (int i = 0; i < chars.length; i++) {
                chars[i] = TicketId.ALPHABET.charAt(random.nextInt(TicketId.ALPHABET.length()));
            }
            return new TicketId("TK-" + new String(chars));
        };
    }
}
