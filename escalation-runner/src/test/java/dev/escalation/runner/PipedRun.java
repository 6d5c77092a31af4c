package dev.escalation.runner;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The command line running in the background with a pipe for standard input, the way another program
 * would drive it: send a line, read what came out, send the next.
 *
 * <p>Output lines become visible only when the runner flushes them, as they would at the other end
 * of a real pipe. Not thread-safe: one test thread drives it. Example:
 * {@code try (PipedRun run = PipedRun.start(env, "replay", "-")) { run.send(json); run.nextLine(); }}.
 */
final class PipedRun implements AutoCloseable {

    private static final long WAIT_SECONDS = 30;

    private final PipedOutputStream stdin;
    private final FlushedLines stdout = new FlushedLines();
    private final FlushedLines stderr = new FlushedLines();
    private final CompletableFuture<Integer> exit;

    private PipedRun(Map<String, String> env, String[] args) throws IOException {
        stdin = new PipedOutputStream();
        PipedInputStream in = new PipedInputStream(stdin, 1 << 16);
        PrintStream out = new PrintStream(stdout, false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(stderr, false, StandardCharsets.UTF_8);
        exit = CompletableFuture.supplyAsync(() -> Main.run(args, in, out, err, env));
    }

    static PipedRun start(Map<String, String> env, String... args) throws IOException {
        return new PipedRun(env, args);
    }

    void send(String line) throws IOException {
        stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    /** The next flushed line of standard output; null after 30 s or once the run ended without one. */
    String nextLine() throws Exception {
        return next(stdout);
    }

    /** The next flushed line of standard error, likewise. */
    String nextErrorLine() throws Exception {
        return next(stderr);
    }

    /** Standard output's lines up to and including the first that contains {@code text}, or all until null. */
    List<String> linesUntil(String text) throws Exception {
        List<String> lines = new ArrayList<>();
        for (String line = nextLine(); line != null; line = nextLine()) {
            lines.add(line);
            if (line.contains(text)) {
                break;
            }
        }
        return lines;
    }

    /** Ends standard input and returns the exit status. */
    int finish() throws Exception {
        stdin.close();
        return exit.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /** What standard output and error held that no one read yet. */
    String unread() {
        return "stdout " + stdout.lines + ", stderr " + stderr.lines;
    }

    @Override
    public void close() throws IOException {
        stdin.close();
    }

    private String next(FlushedLines stream) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (System.nanoTime() < deadline) {
            String line = stream.lines.poll(50, TimeUnit.MILLISECONDS);
            if (line != null) {
                return line;
            }
            if (exit.isDone()) {
                exit.get(); // rethrows whatever ended the run
                return stream.lines.poll();
            }
        }
        return null;
    }

    /** An output stream that hands over whole lines only when flushed. */
    private static final class FlushedLines extends OutputStream {
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            pending.write(b);
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) {
            pending.write(bytes, offset, length);
        }

        @Override
        public synchronized void flush() {
            String text = pending.toString(StandardCharsets.UTF_8);
            int end = text.lastIndexOf('\n');
            if (end < 0) {
                return;
            }
            text.substring(0, end).lines().forEach(lines::add);
            byte[] rest = text.substring(end + 1).getBytes(StandardCharsets.UTF_8);
            pending.reset();
            pending.write(rest, 0, rest.length);
        }
    }
}
