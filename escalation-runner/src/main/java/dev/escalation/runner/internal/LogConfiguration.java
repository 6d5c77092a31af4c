package dev.escalation.runner.internal;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.status.NopStatusListener;

/**
 * The runner's logging, set up in code when Logback starts (found through {@code META-INF/services}).
 * Logs go to standard error only: standard output carries the replay JSON lines and the chat text. The
 * library and third parties log at WARN, the runner itself at INFO; {@code ESCALATION_LOG_LEVEL} changes
 * the level of every {@code dev.escalation} logger at start-up ({@link Logging}). Messages and stack
 * traces pass through {@code PersonalData.redact} ({@code %redactedMsg}, {@code %redactedEx}): e-mail
 * addresses, phone numbers and card numbers never reach the logs, whichever module or library logs them.
 *
 * <p>Configured in code rather than in {@code logback.xml} because Logback's XML configurator loads and
 * runs an XML parser and several hundred classes of its own, a large part of {@code chat}'s time to its
 * first reply.
 *
 * <p>Used by Logback once, at start-up. Not a published API.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogConfiguration extends ContextAwareBase implements Configurator {

    /** The form of every log line. */
    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{36} - %redactedMsg%n%redactedEx";

    private static final String CONFIGURATION_FILE = "logback.configurationFile";

    /** Called by Logback's service loader. */
    public LogConfiguration() {}

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        // An operator's own file (-Dlogback.configurationFile=...) is read by Logback's XML configurator, as before.
        if (System.getProperty(CONFIGURATION_FILE) != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        // Logback's own status messages would reach standard error beside the runner's.
        NopStatusListener quiet = new NopStatusListener();
        context.getStatusManager().add(quiet);
        PatternLayout layout = new PatternLayout();
        layout.setContext(context);
        layout.getInstanceConverterMap().put("redactedMsg", RedactedMessage::new);
        layout.getInstanceConverterMap().put("redactedEx", RedactedThrowable::new);
        layout.setPattern(PATTERN);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName("STDERR");
        appender.setTarget("System.err");
        appender.setEncoder(encoder);
        appender.start();
        context.getLogger("dev.escalation.runner").setLevel(Level.INFO);
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(appender);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
