package dev.escalation.runner.eggai;

import dev.escalation.core.CustomerMessage;
import dev.escalation.core.EscalationEngine;
import dev.escalation.core.EscalationException;
import dev.escalation.core.TracingListener;
import dev.escalation.core.TurnResult;
import dev.escalation.core.UnableToAccessStoreException;
import dev.escalation.core.UnableToCreateTicketException;
import dev.escalation.core.UnableToStoreConversationException;
import dev.escalation.core.UnableToUpdateTicketException;
import dev.escalation.core.retry.Retrier;
import dev.escalation.core.retry.RetryPolicy;
import dev.escalation.core.retry.Sleeper;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Scope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The escalation agent on the EggAI channels: reads requests from the agents channel of a
 * {@link Transport}, runs each through the engine and streams the reply to the human channels.
 *
 * <p>Messages of one connection are handled one at a time in arrival order; different connections in
 * parallel on a bounded pool. At most {@code maxInFlight} messages are taken and not yet done; the
 * consumer waits for room before it takes more (back-pressure). A message is acknowledged only after
 * its turn is stored and its reply sent. Messages that cannot be taken are logged, counted and sent to
 * the dead-letter channel with their original bytes; the consumer goes on.
 *
 * <p>Thread-safe. Example:
 * <pre>{@code
 * EscalationService service = EscalationService.builder().engine(engine).transport(transport).build();
 * service.start();
 * ...
 * service.stop(Duration.ofSeconds(30));
 * }</pre>
 */
public final class EscalationService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EscalationService.class);
    private static final String APOLOGY =
            "I'm sorry, I could not handle your message just now. Please send it again" + " in a moment.";
    private static final Duration POLL = Duration.ofMillis(200);
    // One policy for a turn the store could not take and for a transport that cannot be reached:
    // 500 ms doubling up to 30 s, as long as the caller wants.
    private static final RetryPolicy BACKOFF = RetryPolicy.builder()
            .initialBackoff(Duration.ofMillis(500))
            .maxBackoff(Duration.ofSeconds(30))
            .build();

    private final EscalationEngine engine;
    private final Transport transport;
    private final Channels channels;
    private final ReplyForm replyForm;
    private final EggAiCodec codec;
    private final ExecutorService workers;
    private final Semaphore room;
    private final int maxInFlight;
    private final Duration turnRetryWindow;
    private final Clock clock;
    // A turn is tried again until it is stored and sent, the retry window (store failures) passes or the
    // service stops: 500 ms doubling up to 30 s, as the transport's own reconnection waits.
    private final Retrier turnRetrier;
    // The consumer's polls, tried again while the transport cannot be reached.
    private final Retrier pollRetrier;
    private final BiConsumer<String, String> messageListener;
    private final ServiceCounters counters = new ServiceCounters();
    // The last task of each connection, so its next message runs after it.
    private final Map<String, CompletableFuture<Void>> tails = new HashMap<>();
    private final Object lifecycle = new Object();
    private volatile boolean running;
    private Thread consumer;

    private EscalationService(Builder builder) {
        this.engine = Objects.requireNonNull(builder.engine, "engine must be set, but was null");
        this.transport = Objects.requireNonNull(builder.transport, "transport must be set, but was null");
        this.channels = builder.channels;
        this.replyForm = builder.replyForm;
        this.codec = new EggAiCodec(builder.maxMessageBytes, builder.clock);
        this.maxInFlight = builder.maxInFlight;
        this.turnRetryWindow = builder.turnRetryWindow;
        this.clock = builder.clock;
        this.turnRetrier = new Retrier(BACKOFF, builder.clock, builder.sleeper);
        this.pollRetrier = new Retrier(BACKOFF, builder.clock, builder.sleeper);
        this.messageListener = builder.messageListener;
        this.room = new Semaphore(builder.maxInFlight);
        AtomicInteger threads = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(
                builder.workers, builder.workers, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, "escalation-turn-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /**
     * A builder with the defaults: unprefixed channels, replies streamed only, 4 workers, 64 messages in
     * flight, 64 KiB messages.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** What the service has done so far. */
    public ServiceCounters counters() {
        return counters;
    }

    /**
     * Why the service cannot take messages now: not started, stopping, or what the transport says
     * (on Kafka: no partitions owned yet, rebalancing, broker lost); empty when it can. Thread-safe.
     */
    public Optional<String> notReady() {
        Thread thread;
        synchronized (lifecycle) {
            thread = consumer;
        }
        if (thread == null) {
            return Optional.of("the service has not started");
        }
        if (!running) {
            return Optional.of("the service is stopping");
        }
        return transport.notReady();
    }

    /**
     * Whether the service is alive: true unless its consumer thread has ended while the service was
     * meant to run (it ended on an error it could not recover from). Thread-safe.
     */
    public boolean isAlive() {
        synchronized (lifecycle) {
            return consumer == null || !running || consumer.isAlive();
        }
    }

    /** Starts the consumer thread; does nothing if it runs already. */
    public void start() {
        synchronized (lifecycle) {
            if (consumer != null) {
                return;
            }
            running = true;
            consumer = new Thread(this::consume, "escalation-consumer");
            consumer.start();
        }
    }

    /**
     * Stops taking messages, lets the turns in flight finish (up to {@code grace}), acknowledges them and
     * closes the transport.
     *
     * @return true if every turn in flight finished within {@code grace}
     */
    public boolean stop(Duration grace) {
        Thread thread;
        synchronized (lifecycle) {
            running = false;
            thread = consumer;
        }
        boolean finished = true;
        try {
            if (thread != null) {
                thread.join(Math.max(1, grace.toMillis()));
            }
            finished = room.tryAcquire(maxInFlight, Math.max(0, grace.toMillis()), TimeUnit.MILLISECONDS);
            if (finished) {
                room.release(maxInFlight);
            } else {
                log.warn(
                        "{} turns were still running after {}; they will be delivered again",
                        maxInFlight - room.availablePermits(),
                        grace);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finished = false;
        }
        workers.shutdownNow();
        transport.close();
        return finished;
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(30));
    }

    private void consume() {
        while (running) {
            List<InboundMessage> batch;
            try {
                // No deadline: a lost broker is waited for (doubling waits up to 30 s) until it is back or
                // the service stops.
                batch = pollRetrier.call(null, (attempt, timeLeft) -> poll(attempt), this::pollFailed);
            } catch (UnableToReachTransportException e) {
                return; // stopping while the transport was down
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
                return;
            }
            for (InboundMessage message : batch) {
                // Waits for room; when stopping, the rest of the batch is left unacknowledged, so it is
                // delivered again on the next start.
                if (!awaitRoom()) {
                    return;
                }
                dispatch(message);
            }
        }
    }

    private List<InboundMessage> poll(int attempt) {
        List<InboundMessage> batch = transport.poll(POLL);
        if (attempt > 1) {
            log.info("the transport answers again; consuming {}", channels.agents());
        }
        return batch;
    }

    private Optional<Duration> pollFailed(RuntimeException failure, int attempt, Duration backoff) {
        if (!(failure instanceof UnableToReachTransportException) || !running) {
            return Optional.empty();
        }
        log.warn("the transport cannot be reached ({}); retrying in {} ms", failure.getMessage(), backoff.toMillis());
        return Optional.of(backoff);
    }

    private boolean awaitRoom() {
        try {
            while (running) {
                if (room.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    private void dispatch(InboundMessage message) {
        EscalationRequest request;
        try {
            request = codec.decode(message.value()).orElse(null);
        } catch (InvalidMessageException e) {
            deadLetter(message, e);
            return;
        }
        if (request == null) {
            log.debug("skipped a message of another type at {}:{}", message.partition(), message.offset());
            counters.skipped();
            observe(message, "skipped");
            done(message);
            return;
        }
        String connection = request.connectionId();
        synchronized (tails) {
            CompletableFuture<Void> previous = tails.getOrDefault(connection, CompletableFuture.completedFuture(null));
            CompletableFuture<Void> next = previous.handleAsync(
                    (ignored, error) -> {
                        answer(message, request);
                        return null;
                    },
                    workers);
            tails.put(connection, next);
            next.whenComplete((ignored, error) -> {
                synchronized (tails) {
                    tails.remove(connection, next);
                }
            });
        }
    }

    // A reply that cannot be sent is tried again (the engine answers a message it processed already
    // with the stored reply, so nothing is done twice) until it is sent or the service stops; then the
    // message is left unacknowledged and delivered again on the next start. A turn the store could not
    // take (the database down or busy) stored nothing, so it is tried again the same way for up to the
    // retry window; the connection's later messages wait behind it, keeping their order. A turn that
    // still fails, or fails for another reason, is answered with an apology and its original bytes go to
    // the dead-letter channel, so one bad message neither blocks its connection nor is lost.
    private void answer(InboundMessage message, EscalationRequest request) {
        Instant giveUpAt = clock.instant().plus(turnRetryWindow);
        AtomicInteger attempts = new AtomicInteger();
        try {
            turnRetrier.call(
                    null,
                    (attempt, timeLeft) -> {
                        attempts.set(attempt);
                        answerOnce(request, null);
                        observe(message, "handled");
                        done(message);
                        return null;
                    },
                    (failed, attempt, backoff) -> retryTurn(request, failed, attempt, backoff, giveUpAt));
        } catch (StoppedBeforeAnswering | InterruptedException stopped) {
            if (stopped instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                log.error(
                        "message {} on connection {} was not answered before stopping (interrupted); it will be"
                                + " delivered again",
                        request.envelope().id(),
                        request.connectionId());
            }
            room.release();
        } catch (RuntimeException e) {
            giveUp(message, request, e, attempts.get());
        }
    }

    private Optional<Duration> retryTurn(
            EscalationRequest request, RuntimeException failed, int attempt, Duration backoff, Instant giveUpAt) {
        String failure;
        if (failed instanceof UnableToReachTransportException e) {
            failure = "the reply could not be sent: " + e.getMessage();
        } else if (failed instanceof EscalationException e
                && isStoreFailure(e)
                && clock.instant().isBefore(giveUpAt)) {
            failure = "the turn could not be stored: " + e;
        } else {
            return Optional.empty();
        }
        if (!running) {
            log.error(
                    "message {} on connection {} was not answered before stopping ({}); it will be delivered again",
                    request.envelope().id(),
                    request.connectionId(),
                    failure);
            throw new StoppedBeforeAnswering();
        }
        log.warn(
                "message {} on connection {}: {} (attempt {}); retrying in {} ms",
                request.envelope().id(),
                request.connectionId(),
                failure,
                attempt,
                backoff.toMillis());
        counters.retried();
        return Optional.of(backoff);
    }

    /** Leaves a message unacknowledged because the service stops; it is delivered again on the next start. */
    private static final class StoppedBeforeAnswering extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StoppedBeforeAnswering() {
            super(null, null, false, false);
        }
    }

    private static boolean isStoreFailure(EscalationException e) {
        return e instanceof UnableToAccessStoreException
                || e instanceof UnableToStoreConversationException
                || e instanceof UnableToCreateTicketException
                || e instanceof UnableToUpdateTicketException;
    }

    private void giveUp(InboundMessage message, EscalationRequest request, RuntimeException e, int attempts) {
        log.error(
                "the turn of message {} on connection {} failed after {} attempt(s); answered with an apology and"
                        + " sent to {}: {}",
                request.envelope().id(),
                request.connectionId(),
                attempts,
                channels.deadLetter(),
                e.toString());
        counters.failed();
        counters.countDeadLetter("turn_failed");
        observe(message, "failed");
        try {
            answerOnce(request, APOLOGY);
            transport.publish(
                    channels.deadLetter(),
                    message.key(),
                    message.value(),
                    Map.of(
                            "escalation_error_reason",
                            "turn_failed",
                            "escalation_error",
                            String.valueOf(e.getMessage()),
                            "escalation_source_channel",
                            message.channel()));
            done(message);
        } catch (RuntimeException failed) {
            log.error(
                    "the apology for message {} on connection {} could not be sent; it will be delivered again: {}",
                    request.envelope().id(),
                    request.connectionId(),
                    failed.toString());
            room.release();
        }
    }

    // The turn runs inside the incoming trace context; the outgoing messages carry the turn span's
    // traceparent, read while the turn runs (the stream start therefore goes out with the first chunk).
    // Without tracing (or when the turn gave no chunk) they carry a generated child of the incoming one.
    private void answerOnce(EscalationRequest request, String fixedReply) {
        String connection = request.connectionId();
        String generated = EggAiCodec.childTraceparent(request.envelope().traceparent());
        AtomicReference<String> trace = new AtomicReference<>();
        AtomicInteger index = new AtomicInteger();
        String reply = fixedReply;
        if (reply == null) {
            try (Scope ignored = TracingListener.remoteParent(
                            request.envelope().traceparent(), request.envelope().tracestate())
                    .makeCurrent()) {
                TurnResult result = engine.handle(
                        new CustomerMessage(
                                connection,
                                request.customerId(),
                                request.text(),
                                request.envelope().id()),
                        chunk -> {
                            if (!chunk.isEmpty()) {
                                if (trace.get() == null) {
                                    trace.set(turnTraceparent().orElse(generated));
                                    stream(connection, codec.streamStart(request, trace.get()));
                                }
                                stream(
                                        connection,
                                        codec.streamChunk(request, trace.get(), chunk, index.incrementAndGet()));
                            }
                        });
                reply = result.reply();
                counters.answered();
            }
        }
        if (trace.get() == null) {
            trace.set(generated);
            stream(connection, codec.streamStart(request, generated));
        }
        stream(connection, codec.streamEnd(request, trace.get(), reply));
        if (replyForm.sendsMessage()) {
            transport.publishUnkeyed(
                    channels.human(), connection, codec.agentMessage(request, trace.get(), reply), Map.of());
        }
    }

    // Without a key, as the EggAI SDK sends; the connection only picks the partition, so that one
    // reply's start, chunks and end are read in order. Nothing is streamed when the form is MESSAGE.
    private void stream(String connection, byte[] message) {
        if (replyForm.streams()) {
            transport.publishUnkeyed(channels.humanStream(), connection, message, Map.of());
        }
    }

    // The W3C traceparent of the current span when it is a local, valid one (the turn span of a
    // TracingListener); empty without tracing, where the current span is the remote parent or invalid.
    private static Optional<String> turnTraceparent() {
        SpanContext span = Span.current().getSpanContext();
        if (!span.isValid() || span.isRemote()) {
            return Optional.empty();
        }
        return Optional.of("00-" + span.getTraceId() + "-" + span.getSpanId() + "-"
                + span.getTraceFlags().asHex());
    }

    private void deadLetter(InboundMessage message, InvalidMessageException e) {
        log.warn(
                "message at {}:{} of {} sent to {}: {} ({})",
                message.partition(),
                message.offset(),
                message.channel(),
                channels.deadLetter(),
                e.reason(),
                e.getMessage());
        counters.countDeadLetter(e.reason());
        observe(message, "rejected");
        try {
            transport.publish(
                    channels.deadLetter(),
                    message.key(),
                    message.value(),
                    Map.of(
                            "escalation_error_reason",
                            e.reason(),
                            "escalation_error",
                            e.getMessage(),
                            "escalation_source_channel",
                            message.channel()));
            done(message);
        } catch (RuntimeException failed) {
            log.error(
                    "the message at {}:{} could not be dead-lettered and will be delivered again: {}",
                    message.partition(),
                    message.offset(),
                    failed.toString());
            room.release();
        }
    }

    private void observe(InboundMessage message, String outcome) {
        try {
            messageListener.accept(message.channel(), outcome);
        } catch (RuntimeException e) {
            log.warn("the message listener failed: {}", e.toString());
        }
    }

    private void done(InboundMessage message) {
        try {
            transport.acknowledge(message);
        } finally {
            room.release();
        }
    }

    /** Configures an {@link EscalationService}; not thread-safe. */
    public static final class Builder {
        EscalationEngine engine;
        Transport transport;
        Channels channels = Channels.DEFAULT;
        ReplyForm replyForm = ReplyForm.STREAM;
        int workers = 4;
        int maxInFlight = 64;
        int maxMessageBytes = EggAiCodec.DEFAULT_MAX_MESSAGE_BYTES;
        Clock clock = Clock.systemUTC();
        Sleeper sleeper = Sleeper.SYSTEM;
        Duration turnRetryWindow = Duration.ofSeconds(60);
        BiConsumer<String, String> messageListener = (channel, outcome) -> {};

        private Builder() {}

        /** The engine that runs the turns; required. */
        public Builder engine(EscalationEngine value) {
            this.engine = Objects.requireNonNull(value, "engine");
            return this;
        }

        /** Where messages come from and go to; required. */
        public Builder transport(Transport value) {
            this.transport = Objects.requireNonNull(value, "transport");
            return this;
        }

        /** The channel names; {@link Channels#DEFAULT} by default. */
        public Builder channels(Channels value) {
            this.channels = Objects.requireNonNull(value, "channels");
            return this;
        }

        /**
         * How replies are sent: {@link ReplyForm#STREAM} (on human_stream, as the EggAI demo's own
         * escalation agent does) by default.
         */
        public Builder replyForm(ReplyForm value) {
            this.replyForm = Objects.requireNonNull(value, "replyForm");
            return this;
        }

        /** How many turns run at once (different connections); 4 by default. */
        public Builder workers(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("workers must be at least 1, but was " + value);
            }
            this.workers = value;
            return this;
        }

        /** How many messages may be taken and not yet done before the consumer waits; 64 by default. */
        public Builder maxInFlight(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("maxInFlight must be at least 1, but was " + value);
            }
            this.maxInFlight = value;
            return this;
        }

        /** Longer messages are dead-lettered as {@code too_large}; 64 KiB by default. */
        public Builder maxMessageBytes(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("maxMessageBytes must be at least 1, but was " + value);
            }
            this.maxMessageBytes = value;
            return this;
        }

        /**
         * The source of the sent envelopes' {@code time} and of the turn retry window's end;
         * {@code Clock.systemUTC()} by default.
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** How the service waits before trying a turn or a poll again; {@link Sleeper#SYSTEM} by default, a test's fake otherwise. */
        public Builder sleeper(Sleeper value) {
            this.sleeper = Objects.requireNonNull(value, "sleeper must be set, but was null");
            return this;
        }

        /**
         * How long a turn the store could not take is tried again (with backoff, the connection's later
         * messages waiting) before it is answered with an apology and dead-lettered; 60 s by default.
         */
        public Builder turnRetryWindow(Duration value) {
            if (value == null || value.isNegative()) {
                throw new IllegalArgumentException("turnRetryWindow must be zero or positive, but was " + value);
            }
            this.turnRetryWindow = value;
            return this;
        }

        /**
         * Told of each message taken from the agents channel, with the channel and the outcome:
         * {@code handled}, {@code failed}, {@code rejected} (unreadable, dead-lettered) or {@code skipped}
         * (another agent's type); called on the service's threads, so it must be thread-safe and quick.
         */
        public Builder messageListener(BiConsumer<String, String> value) {
            this.messageListener = Objects.requireNonNull(value, "messageListener");
            return this;
        }

        /** Builds the service; it does nothing until {@link EscalationService#start()}. */
        public EscalationService build() {
            return new EscalationService(this);
        }
    }
}
