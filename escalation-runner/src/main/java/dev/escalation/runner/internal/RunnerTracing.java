package dev.escalation.runner.internal;

import dev.escalation.core.EscalationListener;
import dev.escalation.core.TracingListener;
import dev.escalation.runner.TracingConfig;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OpenTelemetry SDK of one run: spans batched in the background and exported over OTLP/HTTP when
 * {@value TracingConfig#ENDPOINT} is set, so a slow or unreachable collector never holds up a turn;
 * nothing at all otherwise.
 *
 * <p>Thread-safe. Example: {@code try (RunnerTracing tracing = RunnerTracing.start(config)) { tracing.listener(); }}.
 */
final class RunnerTracing implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RunnerTracing.class);
    private static final Duration EXPORT_TIMEOUT = Duration.ofSeconds(2);

    private final Optional<SdkTracerProvider> provider;
    private final EscalationListener listener;

    private RunnerTracing(Optional<SdkTracerProvider> provider, EscalationListener listener) {
        this.provider = provider;
        this.listener = listener;
    }

    /** Starts the SDK if an endpoint is configured. */
    static RunnerTracing start(TracingConfig config) {
        if (config.endpoint().isEmpty()) {
            return new RunnerTracing(Optional.empty(), EscalationListener.NONE);
        }
        String base = config.endpoint().get().toString().replaceAll("/+$", "");
        OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder()
                .setEndpoint(base + "/v1/traces")
                .setTimeout(EXPORT_TIMEOUT)
                .build();
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .setResource(Resource.getDefault()
                        .merge(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "escalation"))))
                .addSpanProcessor(BatchSpanProcessor.builder(exporter)
                        .setExporterTimeout(EXPORT_TIMEOUT)
                        .build())
                .build();
        OpenTelemetrySdk sdk =
                OpenTelemetrySdk.builder().setTracerProvider(provider).build();
        log.debug("traces exported to {}/v1/traces", base);
        return new RunnerTracing(
                Optional.of(provider),
                TracingListener.builder()
                        .openTelemetry(sdk)
                        .traceContent(config.traceContent())
                        .build());
    }

    /** The engine listener that records spans; does nothing when traces are off. */
    EscalationListener listener() {
        return listener;
    }

    /** Flushes what is left, waiting at most a few seconds for the collector. */
    @Override
    public void close() {
        provider.ifPresent(p -> p.shutdown().join(EXPORT_TIMEOUT.toSeconds() + 1, TimeUnit.SECONDS));
    }
}
