package dev.escalation.runner.internal;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.IThrowableProxy;
import dev.escalation.core.PersonalData;

/**
 * The log pattern's {@code %redactedEx}: a logged exception's stack trace with e-mail addresses, phone
 * numbers and card numbers in its messages masked, as {@link RedactedMessage} does for messages.
 *
 * <p>Thread-safe once started by logback. Example: {@code <pattern>%redactedMsg%n%redactedEx</pattern>}.
 */
public final class RedactedThrowable extends ThrowableProxyConverter {
    @Override
    protected String throwableProxyToString(IThrowableProxy proxy) {
        return PersonalData.redact(super.throwableProxyToString(proxy));
    }
}
