package dev.escalation.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.escalation.llm.ScriptedModelServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import okio.BufferedSink;
import okio.ByteString;

/**
 * A {@link ScriptedModelServer} that answers like a model with some latency (a reading takes a few
 * milliseconds, a reply streams its SSE events one by one with a pause between them) and that can be
 * armed to hold one call at a chosen point until released, so that a test can kill the runner calling
 * it exactly there. It also tells which kind of call is under way at any moment, so that a kill at a
 * random time can be placed afterwards.
 *
 * <p>Thread-safe: mockwebserver3 dispatches on several threads; one test thread arms and releases.
 * Example: {@code model.arm(Point.MID_STREAM, 2); model.awaitSprung(...); process.destroyForcibly();
 * model.release();}.
 */
final class TrappedModelServer extends Dispatcher {

    /** Where a call can be held. */
    enum Point {
        /** The model is reading a customer message (an extraction call, or a one-call turn before its first byte). */
        READING,
        /** A reply was asked for and not one byte of it has come back (in a one-call turn: the reading has). */
        REPLY,
        /** As {@link #REPLY}, for the reply announcing a ticket: the ticket is committed, its reply not yet worded. */
        TICKET_REPLY,
        /** Part of a reply has been streamed (the role event and a few words). */
        MID_STREAM,
        /** As {@link #MID_STREAM}, for the reply announcing a ticket. */
        TICKET_MID_STREAM
    }

    /** What a model call is doing at some moment; NONE when no call is under way. */
    enum Phase {
        NONE,
        READING,
        REPLY_WAITING,
        STREAMING
    }

    private static final long READING_MILLIS = 8;
    private static final long REPLY_MILLIS = 4;
    private static final long EVENT_MILLIS = 1;
    private static final int EVENTS_BEFORE_HOLD = 4;
    private static final String TICKET_POINT = "Tell them their ticket was created";
    private static final String TURN_PROMPT = "You are the escalation assistant of a support desk.";

    private final ScriptedModelServer script;
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicInteger readings = new AtomicInteger();
    private final AtomicInteger waitingReplies = new AtomicInteger();
    private final AtomicInteger streams = new AtomicInteger();
    private final Object trapLock = new Object();
    private Point armed;
    private int skip;
    private CountDownLatch sprung = new CountDownLatch(1);
    private CountDownLatch release = new CountDownLatch(1);

    TrappedModelServer(ScriptedModelServer script) {
        this.script = script;
    }

    /** A started local server (with the script's sockets that send without delay); the caller closes it. */
    MockWebServer start() throws IOException {
        MockWebServer server = script.start();
        server.setDispatcher(this);
        return server;
    }

    /** Holds the {@code (skip + 1)}-th call that reaches {@code point} from now on; replaces any earlier trap. */
    void arm(Point point, int skip) {
        synchronized (trapLock) {
            this.armed = point;
            this.skip = skip;
            this.sprung = new CountDownLatch(1);
            this.release = new CountDownLatch(1);
        }
    }

    /** Whether the armed trap holds a call now. */
    boolean sprung() {
        synchronized (trapLock) {
            return sprung.getCount() == 0;
        }
    }

    /** Lets a held call go on (into a dead socket, once its caller was killed) and disarms the trap. */
    void release() {
        synchronized (trapLock) {
            armed = null;
            release.countDown();
        }
    }

    /** What the model calls are doing right now; the most advanced phase of any call under way. */
    Phase phase() {
        if (streams.get() > 0) {
            return Phase.STREAMING;
        }
        if (waitingReplies.get() > 0) {
            return Phase.REPLY_WAITING;
        }
        return readings.get() > 0 ? Phase.READING : Phase.NONE;
    }

    /** Customer messages and reply points the script had no answer for. */
    List<String> unrecognised() {
        return script.unrecognised();
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        ByteString bytes = request.getBody();
        JsonNode body = null;
        if ("POST".equals(request.getMethod()) && bytes != null) {
            try {
                body = json.readTree(bytes.utf8());
            } catch (IOException e) {
                body = null;
            }
        }
        if (body == null || !body.isObject()) {
            return script.dispatch(request);
        }
        if (isTurn(body)) {
            return turn(request);
        }
        if (!body.path("stream").asBoolean(false)) {
            readings.incrementAndGet();
            try {
                Thread.sleep(READING_MILLIS);
                hold(Point.READING);
                return script.dispatch(request);
            } finally {
                readings.decrementAndGet();
            }
        }
        JsonNode messages = body.path("messages");
        boolean ticket = messages.size() > 0
                && messages.get(messages.size() - 1).path("content").asText("").contains(TICKET_POINT);
        MockResponse scripted;
        waitingReplies.incrementAndGet();
        try {
            Thread.sleep(REPLY_MILLIS);
            hold(Point.REPLY);
            if (ticket) {
                hold(Point.TICKET_REPLY);
            }
            scripted = script.dispatch(request);
        } finally {
            waitingReplies.decrementAndGet();
        }
        MockResponseBody original = scripted.getBody();
        if (original == null) {
            return scripted;
        }
        Buffer whole = new Buffer();
        try {
            original.writeTo(whole);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return new MockResponse.Builder(scripted)
                .body(new PacedEvents(whole.readUtf8(), ticket))
                .build();
    }

    private static boolean isTurn(JsonNode body) {
        return body.path("stream").asBoolean(false)
                && body.path("messages").path(0).path("content").asText("").startsWith(TURN_PROMPT);
    }

    // A one-call turn: held before its first byte at READING; its answer streams the reading, then is
    // held right after the reply begins (the runner has read the message and stores the turn: REPLY,
    // TICKET_REPLY), then a few events into the reply (MID_STREAM, TICKET_MID_STREAM).
    private MockResponse turn(RecordedRequest request) throws InterruptedException {
        MockResponse scripted;
        readings.incrementAndGet();
        try {
            Thread.sleep(READING_MILLIS);
            hold(Point.READING);
            scripted = script.dispatch(request);
        } finally {
            readings.decrementAndGet();
        }
        MockResponseBody original = scripted.getBody();
        if (original == null) {
            return scripted;
        }
        Buffer whole = new Buffer();
        try {
            original.writeTo(whole);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return new MockResponse.Builder(scripted)
                .body(new PacedTurn(whole.readUtf8()))
                .build();
    }

    /** A one-call answer re-cut so that one event ends exactly where the reply begins, paced and trapped. */
    private final class PacedTurn implements MockResponseBody {
        private final List<String> events = new ArrayList<>();
        private final long length;
        private final boolean ticket;
        private int replyStarts = -1;

        PacedTurn(String text) {
            List<String> original = new ArrayList<>();
            int start = 0;
            for (int end = text.indexOf("\n\n"); end >= 0; end = text.indexOf("\n\n", start)) {
                original.add(text.substring(start, end + 2));
                start = end + 2;
            }
            StringBuilder content = new StringBuilder();
            ObjectNode model = null;
            List<String> tail = new ArrayList<>();
            for (String event : original) {
                JsonNode chunk = chunkOf(event);
                JsonNode delta =
                        chunk == null ? null : chunk.path("choices").path(0).path("delta");
                if (delta != null && delta.has("content") && !delta.has("role")) {
                    content.append(delta.path("content").asText());
                    model = (ObjectNode) chunk;
                } else if (events.isEmpty()) {
                    events.add(event);
                } else {
                    tail.add(event);
                }
            }
            String answer = content.toString();
            this.ticket = answer.contains("\"next\":\"ticket_created\"");
            int reply = answer.indexOf("\"reply\":\"");
            int cut = reply < 0 ? -1 : reply + "\"reply\":\"".length();
            for (int i = 0; i < answer.length(); ) {
                int end = Math.min(answer.length(), i + 8);
                if (i < cut && end > cut) {
                    end = cut;
                }
                ObjectNode piece = model.deepCopy();
                ((ObjectNode) piece.path("choices").path(0).path("delta")).put("content", answer.substring(i, end));
                events.add("data: " + piece + "\n\n");
                if (end == cut) {
                    replyStarts = events.size() - 1;
                }
                i = end;
            }
            events.addAll(tail);
            long bytes = 0;
            for (String event : events) {
                bytes += event.getBytes(StandardCharsets.UTF_8).length;
            }
            this.length = bytes;
        }

        private JsonNode chunkOf(String event) {
            if (!event.startsWith("data: {")) {
                return null;
            }
            try {
                return json.readTree(event.substring(6));
            } catch (IOException e) {
                return null;
            }
        }

        @Override
        public long getContentLength() {
            return length;
        }

        @Override
        public void writeTo(BufferedSink sink) throws IOException {
            AtomicInteger phase = readings;
            phase.incrementAndGet();
            try {
                for (int i = 0; i < events.size(); i++) {
                    sink.writeUtf8(events.get(i));
                    sink.flush();
                    if (i == replyStarts) {
                        phase.decrementAndGet();
                        phase = waitingReplies;
                        phase.incrementAndGet();
                        // Time for the runner to read the answer so far and store the turn before the trap springs.
                        Thread.sleep(REPLY_MILLIS * 8);
                        hold(Point.REPLY);
                        if (ticket) {
                            hold(Point.TICKET_REPLY);
                        }
                        phase.decrementAndGet();
                        phase = streams;
                        phase.incrementAndGet();
                    }
                    if (replyStarts >= 0 && i == replyStarts + EVENTS_BEFORE_HOLD) {
                        hold(Point.MID_STREAM);
                        if (ticket) {
                            hold(Point.TICKET_MID_STREAM);
                        }
                    }
                    Thread.sleep(EVENT_MILLIS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while streaming", e);
            } finally {
                phase.decrementAndGet();
            }
        }
    }

    // Holds the calling thread if the armed trap is at this point and its turn has come.
    private void hold(Point point) throws InterruptedException {
        CountDownLatch wait;
        synchronized (trapLock) {
            if (armed != point || sprung.getCount() == 0) {
                return;
            }
            if (skip > 0) {
                skip--;
                return;
            }
            sprung.countDown();
            wait = release;
        }
        // Bounded, so that a test that forgot to release cannot hang the server's threads forever.
        wait.await(60, TimeUnit.SECONDS);
    }

    /** A streamed reply written one SSE event at a time, flushed, with a pause between events. */
    private final class PacedEvents implements MockResponseBody {
        private final List<String> events = new ArrayList<>();
        private final long length;
        private final boolean ticket;

        PacedEvents(String text, boolean ticket) {
            this.ticket = ticket;
            this.length = text.getBytes(StandardCharsets.UTF_8).length;
            int start = 0;
            for (int end = text.indexOf("\n\n"); end >= 0; end = text.indexOf("\n\n", start)) {
                events.add(text.substring(start, end + 2));
                start = end + 2;
            }
            if (start < text.length()) {
                events.add(text.substring(start));
            }
        }

        @Override
        public long getContentLength() {
            return length;
        }

        @Override
        public void writeTo(BufferedSink sink) throws IOException {
            streams.incrementAndGet();
            try {
                for (int i = 0; i < events.size(); i++) {
                    sink.writeUtf8(events.get(i));
                    sink.flush();
                    if (i + 1 == EVENTS_BEFORE_HOLD) {
                        hold(Point.MID_STREAM);
                        if (ticket) {
                            hold(Point.TICKET_MID_STREAM);
                        }
                    }
                    Thread.sleep(EVENT_MILLIS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while streaming", e);
            } finally {
                streams.decrementAndGet();
            }
        }
    }
}
