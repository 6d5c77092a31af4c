package dev.escalation.runner.internal;

import dev.escalation.runner.ConsumerGroupConfig;
import dev.escalation.runner.InvalidConfigurationException;
import dev.escalation.runner.TransportConfig;
import dev.escalation.runner.eggai.EscalationService;
import dev.escalation.runner.eggai.GroupMembership;
import dev.escalation.runner.eggai.KafkaTransport;
import dev.escalation.runner.eggai.ReplyForm;
import dev.escalation.runner.eggai.StandardStreamsTransport;
import dev.escalation.runner.eggai.UnableToReachTransportException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;

/**
 * {@code serve}: the agent as a service on the EggAI channels of a Kafka broker, or of the in-process
 * channels bridged to standard input and output, until SIGTERM or SIGINT (or the end of standard
 * input); then the turns in flight finish, their offsets are committed and the exit status is 0.
 *
 * <p>Not thread-safe; picocli runs it once. Example:
 * {@code ESCALATION_TRANSPORT=kafka java -jar escalation-runner.jar serve}.
 */
@Command(
        name = "serve",
        description = {
            "Serves the EggAI channels: requests on eggai.agents, replies streamed on eggai.human_stream",
            "(or, with ESCALATION_REPLY_FORM, on eggai.human), unreadable messages on",
            "eggai.escalation_dlq (see docs/eggai-protocol.md). On Kafka with",
            "ESCALATION_TRANSPORT=kafka; otherwise (memory) one envelope per line of standard input",
            "and one JSON line per published message on standard output. Runs until SIGTERM or Ctrl-C",
            "(or the end of standard input), then finishes the turns in flight and exits 0."
        })
final class ServeCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);
    /** How long the turns in flight may take to finish after SIGTERM. */
    static final Duration GRACE = Duration.ofSeconds(30);

    private final Terminal terminal;
    private final EnvironmentVariables env;
    private final Clock clock;
    private final AgentFactory agents;

    ServeCommand(Terminal terminal, EnvironmentVariables env, Clock clock, AgentFactory agents) {
        this.terminal = terminal;
        this.env = env;
        this.clock = clock;
        this.agents = agents;
    }

    @Override
    public Integer call() {
        TransportConfig settings;
        GroupMembership membership;
        try {
            settings = TransportConfig.fromEnvironment(name -> env.get(name, null), terminal.interactive());
            membership = ConsumerGroupConfig.fromEnvironment(name -> env.get(name, null));
        } catch (InvalidConfigurationException e) {
            throw CommandFailure.usage(e.getMessage());
        }
        if (settings.transport().equals("console")) {
            throw CommandFailure.usage("serve needs " + TransportConfig.TRANSPORT + "=kafka or memory, but it was"
                    + " 'console' (the console is the chat command)");
        }
        CountDownLatch stop = new CountDownLatch(1);
        Signals.onTermination(stop::countDown);
        // On Kafka this is the service an operator runs, so its metrics are served on 9094 by default.
        try (AgentFactory.Agent agent = agents.open(settings.transport().equals("kafka"))) {
            return settings.transport().equals("kafka")
                    ? serveKafka(settings, membership, agent, stop)
                    : serveStandardStreams(settings, agent, stop);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCodes.OK;
        }
    }

    private int serveKafka(
            TransportConfig settings, GroupMembership membership, AgentFactory.Agent agent, CountDownLatch stop)
            throws InterruptedException {
        quietKafkaClient();
        KafkaTransport transport;
        try {
            transport = KafkaTransport.connect(
                    settings.bootstrapServers(),
                    TransportConfig.GROUP,
                    settings.channels(),
                    settings.autoOffsetReset(),
                    membership,
                    () -> stop.getCount() > 0);
        } catch (UnableToReachTransportException e) {
            log.info("stopped before the Kafka broker at {} could be reached", settings.bootstrapServers());
            return ExitCodes.OK;
        }
        EscalationService service = service(settings, agent, transport);
        service.start();
        log.info(
                "serving on {} (group {}, {} protocol, {}): consumes {}; produces replies on {} (reply form {}),"
                        + " unreadable messages on {}; probes at /readyz and /livez beside /metrics",
                settings.bootstrapServers(),
                TransportConfig.GROUP,
                membership.protocol().wireName(),
                describe(membership),
                settings.channels().agents(),
                replyTopics(settings),
                settings.replyForm().name().toLowerCase(java.util.Locale.ROOT),
                settings.channels().deadLetter());
        stop.await();
        return stopService(service);
    }

    private static String describe(GroupMembership membership) {
        String session = membership.protocol() == GroupMembership.Protocol.CLASSIC
                ? "session " + membership.sessionTimeout().toMillis() + " ms"
                : "session set by the broker";
        return session
                + membership.instanceId().map(id -> ", static member " + id).orElse(", dynamic member");
    }

    // The in-process channels bridged to this process's standard streams: a pipe of EggAI envelopes in,
    // the published envelopes out; the end of the input ends the service once every line is answered.
    private int serveStandardStreams(TransportConfig settings, AgentFactory.Agent agent, CountDownLatch stop)
            throws InterruptedException {
        StandardStreamsTransport transport = new StandardStreamsTransport(
                terminal.in(), terminal.out(), settings.channels().agents(), 64, settings.maxMessageBytes() + 1);
        EscalationService service = service(settings, agent, transport);
        service.start();
        transport.start();
        log.info(
                "serving the EggAI channels on standard input and output ({}=memory): consumes {}, one envelope per"
                        + " input line; produces replies on {} (reply form {}) and unreadable messages on {}, each written as one"
                        + " JSON line. For the chat, set {}=console",
                TransportConfig.TRANSPORT,
                settings.channels().agents(),
                replyTopics(settings),
                settings.replyForm().name().toLowerCase(java.util.Locale.ROOT),
                settings.channels().deadLetter(),
                TransportConfig.TRANSPORT);
        while (stop.getCount() > 0 && !transport.awaitFinished(Duration.ofMillis(200))) {
            // Until SIGTERM, or until standard input ended and every line was answered.
        }
        return stopService(service);
    }

    private static String replyTopics(TransportConfig settings) {
        ReplyForm form = settings.replyForm();
        return form.streams() && form.sendsMessage()
                ? settings.channels().humanStream() + " and "
                        + settings.channels().human()
                : form.streams()
                        ? settings.channels().humanStream()
                        : settings.channels().human();
    }

    private EscalationService service(
            TransportConfig settings, AgentFactory.Agent agent, dev.escalation.runner.eggai.Transport transport) {
        EscalationService service = EscalationService.builder()
                .engine(agent.engine())
                .transport(transport)
                .channels(settings.channels())
                .replyForm(settings.replyForm())
                .maxMessageBytes(settings.maxMessageBytes())
                .clock(clock)
                .messageListener((channel, outcome) -> agent.metrics().messageReceived(channel, outcome))
                .build();
        agent.metrics().probes().watch(service::notReady, service::isAlive, agent.database()::checkReachable);
        return service;
    }

    private static int stopService(EscalationService service) {
        log.info("stopping: finishing the turns in flight (at most {} s)", GRACE.toSeconds());
        boolean finished = service.stop(GRACE);
        log.info(
                "stopped{}; answered {}, dead-lettered {}, failed {}, retried {}",
                finished ? "" : " (some turns were cut short)",
                service.counters().answeredCount(),
                service.counters().deadLettered(),
                service.counters().failedCount(),
                service.counters().retriedCount());
        return ExitCodes.OK;
    }

    // The client warns several times a second while a broker is down; the transport says it once per retry.
    private void quietKafkaClient() {
        String level = env.get("ESCALATION_LOG_LEVEL", "");
        if (!level.equalsIgnoreCase("debug")
                && !level.equalsIgnoreCase("trace")
                && LoggerFactory.getLogger("org.apache.kafka") instanceof ch.qos.logback.classic.Logger kafka) {
            kafka.setLevel(ch.qos.logback.classic.Level.ERROR);
        }
    }

    /** Turns SIGTERM and SIGINT into a call, so that the command returns normally and exits 0. */
    static final class Signals {
        private Signals() {}

        static void onTermination(Runnable action) {
            for (String name : new String[] {"TERM", "INT"}) {
                try {
                    sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> action.run());
                } catch (IllegalArgumentException | UnsupportedOperationException e) {
                    log.debug("signal {} cannot be handled here: {}", name, e.toString());
                }
            }
        }
    }
}
