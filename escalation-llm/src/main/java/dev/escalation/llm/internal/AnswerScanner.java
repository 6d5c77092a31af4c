package dev.escalation.llm.internal;

/**
 * Reads a model's one-call answer, a JSON object whose last property is the reply, as it streams in:
 * it finds where the top-level {@code reply} string begins, so that the reading before it can be
 * checked before any word of the reply is shown, and then decodes the reply's characters (escapes
 * included) as they arrive. Text around the object (a code fence) is ignored. Not part of the API.
 *
 * <p>Not thread-safe: one per streamed answer. Example:
 * {@code scanner.accept(delta); if (scanner.replyStarted()) { ... scanner.takeReply() ... }}.
 */
public final class AnswerScanner {

    /** The property that carries the words for the customer. */
    public static final String REPLY = "reply";

    private final StringBuilder content = new StringBuilder();
    private final StringBuilder reply = new StringBuilder();
    private final StringBuilder key = new StringBuilder();
    private int depth;
    private boolean inString;
    private boolean escaped;
    private boolean stringIsKey;
    private String lastKey;
    private boolean expectKey;
    private boolean inReply;
    private int replyStart = -1;
    private boolean replyDone;
    private StringBuilder unicode;

    /** Scans the next piece of the answer's text. */
    public void accept(String piece) {
        for (int i = 0; i < piece.length(); i++) {
            scan(piece.charAt(i));
            content.append(piece.charAt(i));
        }
    }

    /** Everything scanned so far. */
    public String content() {
        return content.toString();
    }

    /** True once the top-level reply string has begun (its opening quote was scanned). */
    public boolean replyStarted() {
        return replyStart >= 0;
    }

    /** True once the reply string's closing quote was scanned. */
    public boolean replyDone() {
        return replyDone;
    }

    /**
     * The object as it stood before the reply, closed with an empty reply, for reading what precedes
     * it: {@code {"intent":"CONFIRM","reply":""}}. Only once {@link #replyStarted()}.
     */
    public String beforeReply() {
        if (replyStart < 0) {
            throw new IllegalStateException("the reply has not started, so there is nothing before it to read");
        }
        int open = content.indexOf("{");
        return content.substring(Math.max(open, 0), replyStart) + "\"\"}";
    }

    /** The reply's characters decoded since the last call (empty when none arrived). */
    public String takeReply() {
        String taken = reply.toString();
        reply.setLength(0);
        return taken;
    }

    private void scan(char c) {
        if (inString) {
            scanString(c);
            return;
        }
        switch (c) {
            case '{' -> {
                depth++;
                expectKey = depth == 1;
            }
            case '}', ']' -> depth--;
            case '[' -> depth++;
            case ',' -> expectKey = depth == 1;
            case '"' -> {
                inString = true;
                stringIsKey = depth == 1 && expectKey;
                key.setLength(0);
                if (depth == 1 && !stringIsKey && REPLY.equals(lastKey) && replyStart < 0) {
                    inReply = true;
                    replyStart = content.length();
                }
            }
            case ':' -> expectKey = false;
            default -> {}
        }
    }

    private void scanString(char c) {
        if (unicode != null) {
            unicode.append(c);
            if (unicode.length() == 4) {
                String hex = unicode.toString();
                unicode = null;
                if (hex.chars().allMatch(h -> Character.digit(h, 16) >= 0)) {
                    emit((char) Integer.parseInt(hex, 16));
                }
            }
            return;
        }
        if (escaped) {
            escaped = false;
            switch (c) {
                case 'n' -> emit('\n');
                case 't' -> emit('\t');
                case 'r' -> emit('\r');
                case 'b' -> emit('\b');
                case 'f' -> emit('\f');
                case 'u' -> unicode = new StringBuilder(4);
                default -> emit(c);
            }
            return;
        }
        if (c == '\\') {
            escaped = true;
        } else if (c == '"') {
            inString = false;
            if (stringIsKey) {
                lastKey = key.toString();
            } else if (inReply) {
                inReply = false;
                replyDone = true;
            }
        } else {
            emit(c);
        }
    }

    private void emit(char c) {
        if (stringIsKey) {
            key.append(c);
        } else if (inReply) {
            reply.append(c);
        }
    }
}
