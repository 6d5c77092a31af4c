package dev.escalation.runner;

/**
 * An environment variable has a value the runner cannot use; the message names the variable and the
 * value. The command line reports it and exits with status 2.
 *
 * <p>Immutable once thrown. Example:
 * {@code catch (InvalidConfigurationException e) { System.err.println(e.getMessage()); }}.
 */
public class InvalidConfigurationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidConfigurationException(String message) {
        super(message);
    }
}
