package dev.escalation.runner.eggai;

/**
 * The transport (the Kafka broker) could not be reached or refused an operation.
 *
 * <p>Example: {@code throw new UnableToReachTransportException("broker localhost:19092 is down", e)}.
 */
public final class UnableToReachTransportException extends RuntimeException {

    /** With what failed and why. */
    public UnableToReachTransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
