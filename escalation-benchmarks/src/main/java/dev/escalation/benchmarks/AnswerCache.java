package dev.escalation.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okio.ByteString;

/**
 * Answers a request the scripted server has answered before with the same response, without asking
 * it again. The script is a function of the request (path and body), and its own work (building the
 * JSON answer, counting the tokens of request and answer with jtokkit for {@code usage}) is the
 * server's, not the agent's: in the throughput rounds that work would be charged to whichever agent
 * runs in the same JVM. Replaying it keeps the wire exchange (HTTP on loopback, the same bytes, the
 * same {@code usage}) and takes the counting out of the timed rounds once the warm-up has seen each
 * distinct request. Requests that are new every time (a random ticket id in them) still go to the
 * script; {@link #hits()} and {@link #misses()} say how many.
 *
 * <p>Thread-safe. Example: {@code Agents.server(new AnswerCache(new PeerModelScript(profiles), 5_000))}.
 */
public final class AnswerCache extends Dispatcher {

    private final Dispatcher script;
    private final Map<String, MockResponse> answers;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();

    public AnswerCache(Dispatcher script, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, but was " + capacity);
        }
        this.script = Objects.requireNonNull(script, "script");
        this.answers = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, MockResponse> eldest) {
                return size() > capacity;
            }
        };
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        ByteString body = request.getBody();
        String key =
                request.getMethod() + " " + request.getUrl().encodedPath() + "\n" + (body == null ? "" : body.utf8());
        MockResponse known;
        synchronized (answers) {
            known = answers.get(key);
        }
        if (known != null) {
            hits.incrementAndGet();
            return known;
        }
        misses.incrementAndGet();
        MockResponse answer = script.dispatch(request);
        synchronized (answers) {
            answers.put(key, answer);
        }
        return answer;
    }

    /** Requests answered from the cache. */
    public long hits() {
        return hits.get();
    }

    /** Requests the script answered. */
    public long misses() {
        return misses.get();
    }
}
