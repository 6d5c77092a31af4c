package dev.escalation.runner.eggai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-process ({@code memory}) channels of a runner process, bridged to its standard streams: each
 * line read from standard input is one message on the agents channel, byte for byte; each message
 * the agent publishes is written to standard output as one JSON line
 * {@code {"channel": …, "key": …, "headers": {…}, "message": {envelope}}} ({@code "message_base64"}
 * instead when the bytes are not JSON, as for a dead-lettered line).
 *
 * <p>Lines are read by one daemon thread into a bounded queue, so a fast producer waits for the agent
 * (back-pressure). {@link #finished()} turns true once standard input ended and every line read was
 * acknowledged. Thread-safe. Example: {@code ESCALATION_TRANSPORT=memory java -jar escalation-runner.jar
 * serve < requests.jsonl}.
 */
public final class StandardStreamsTransport implements Transport {

    private static final Logger log = LoggerFactory.getLogger(StandardStreamsTransport.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final InputStream in;
    private final PrintStream out;
    private final String agents;
    private final int maxLineBytes;
    private final Inbox inbox;
    private long read;
    private long acknowledged;
    private boolean ended;

    /**
     * @param in where the agents channel's messages come from, one per line
     * @param out where every published message goes, one JSON line each
     * @param agents the agents channel's name, given to the messages read
     * @param capacity how many lines may be read ahead of the agent before reading waits
     * @param maxLineBytes longer lines are cut there and passed on, so the agent dead-letters them as too
     *     large without this reader holding an unbounded line in memory
     */
    public StandardStreamsTransport(InputStream in, PrintStream out, String agents, int capacity, int maxLineBytes) {
        this.in = Objects.requireNonNull(in, "in");
        this.out = Objects.requireNonNull(out, "out");
        this.agents = Objects.requireNonNull(agents, "agents");
        this.maxLineBytes = maxLineBytes;
        this.inbox = new Inbox(capacity);
    }

    /** Starts reading standard input on a daemon thread. */
    public void start() {
        Thread reader = new Thread(this::readLines, "escalation-stdin");
        reader.setDaemon(true);
        reader.start();
    }

    private void readLines() {
        try {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            boolean overlong = false;
            for (int b; (b = in.read()) != -1; ) {
                if (b == '\n') {
                    offer(line.toByteArray());
                    line.reset();
                    overlong = false;
                } else if (line.size() <= maxLineBytes) {
                    line.write(b);
                } else if (!overlong) {
                    overlong = true;
                    log.warn(
                            "a line of standard input is longer than {} bytes; the rest of it is dropped",
                            maxLineBytes);
                }
            }
            if (line.size() > 0) {
                offer(line.toByteArray());
            }
        } catch (IOException e) {
            log.error("standard input could not be read any further: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            ended = true;
            notifyAll();
        }
    }

    private void offer(byte[] bytes) throws InterruptedException {
        if (isBlank(bytes)) {
            return;
        }
        long offset;
        synchronized (this) {
            offset = read++;
        }
        inbox.put(new InboundMessage(agents, 0, offset, null, trimCarriageReturn(bytes)));
    }

    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    private static byte[] trimCarriageReturn(byte[] bytes) {
        return bytes.length > 0 && bytes[bytes.length - 1] == '\r'
                ? java.util.Arrays.copyOf(bytes, bytes.length - 1)
                : bytes;
    }

    /** True once standard input ended and every message read from it was acknowledged. */
    public synchronized boolean finished() {
        return ended && acknowledged >= read && inbox.isEmpty();
    }

    /** Waits up to {@code timeout} for {@link #finished()}. */
    public synchronized boolean awaitFinished(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!finished()) {
            long left = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime());
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }

    @Override
    public List<InboundMessage> poll(Duration timeout) {
        return inbox.poll(timeout);
    }

    @Override
    public void publish(String channel, String key, byte[] value, Map<String, String> headers) {
        ObjectNode line = JSON.createObjectNode();
        line.put("channel", channel);
        line.put("key", key);
        ObjectNode headerNode = line.putObject("headers");
        headers.forEach(headerNode::put);
        JsonNode message = parse(value);
        if (message != null) {
            line.set("message", message);
        } else {
            line.put("message_base64", Base64.getEncoder().encodeToString(value));
        }
        String text = line.toString();
        synchronized (out) {
            out.println(text);
            out.flush();
            if (out.checkError()) {
                throw new UnableToReachTransportException(
                        "standard output is closed; " + channel + " lost a message", null);
            }
        }
    }

    private static JsonNode parse(byte[] value) {
        try {
            JsonNode node = JSON.readTree(value);
            return node != null && node.isContainerNode() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public synchronized void acknowledge(InboundMessage message) {
        acknowledged++;
        notifyAll();
    }

    @Override
    public void close() {
        out.flush();
    }
}
