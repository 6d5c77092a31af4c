package dev.escalation.runner.internal;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.escalation.core.PersonalData;

/**
 * The log pattern's {@code %redactedMsg}: the formatted message with e-mail addresses, phone numbers
 * and card numbers masked by {@link PersonalData#redact}. Every log line of the runner goes through it
 * (LogConfiguration), so a customer's data cannot reach the logs from any module or library, whatever a
 * log statement or an error message of a model server quotes.
 *
 * <p>Stateless and thread-safe. Example: {@code <pattern>%redactedMsg%n%redactedEx</pattern>}.
 */
public final class RedactedMessage extends ClassicConverter {
    @Override
    public String convert(ILoggingEvent event) {
        return PersonalData.redact(event.getFormattedMessage());
    }
}
