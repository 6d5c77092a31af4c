package dev.escalation.core.internal;

/**
 * Makes text safe to read and to show: what a customer sends loses the characters that are invisible
 * or steer a terminal (control characters, zero-width and bidirectional controls) and broken
 * surrogates; what the agent replies also has its markup made inert, so a reply that repeats what a
 * customer or a model wrote cannot become an HTML tag or a markdown link or image in a chat window.
 *
 * <p>Rules, applied per character: C0 and C1 control characters except tab and line feed are
 * removed (a carriage return before a line feed too, a lone one becomes a line feed); U+200B, U+2060,
 * U+FEFF, U+00AD and the bidirectional embeddings, overrides and isolates (U+202A–U+202E,
 * U+2066–U+2069, U+061C) are removed; a lone surrogate becomes U+FFFD. Zero-width (non-)joiners stay:
 * emoji and several scripts need them. For replies, {@code <} and {@code >} become {@code ‹} and
 * {@code ›}, and {@code ](} becomes {@code ] (}. Not a published API.
 *
 * <p>Stateless and thread-safe; a {@link Stream} is not thread-safe. Example:
 * {@code SafeText.reply("see <b>[x](http://e.vil)</b>")} gives {@code "see ‹b›[x] (http://e.vil)‹/b›"}.
 */
public final class SafeText {
    private SafeText() {}

    /** The customer's text without invisible and steering characters; markup is kept (it is data). */
    public static String input(String text) {
        Stream stream = new Stream(false);
        return stream.accept(text) + stream.finish();
    }

    /** A reply as it may be shown: {@link #input} plus inert markup. */
    public static String reply(String text) {
        Stream stream = new Stream(true);
        return stream.accept(text) + stream.finish();
    }

    /**
     * Cleans text that arrives in pieces: the pieces returned by {@link #accept} and then
     * {@link #finish}, put together, equal {@link #reply} (or {@link #input}) of the pieces put
     * together. A character that needs the next one to decide ({@code ]}, a high surrogate, a carriage
     * return) is held back until it arrives.
     */
    public static final class Stream {
        private final boolean reply;
        private char held;
        private boolean holding;

        private Stream(boolean reply) {
            this.reply = reply;
        }

        /** A stream for reply text. */
        public static Stream forReply() {
            return new Stream(true);
        }

        /** The clean text of {@code piece} so far; may hold back its last character. */
        public String accept(String piece) {
            StringBuilder out = new StringBuilder(piece.length() + 1);
            for (int i = 0; i < piece.length(); i++) {
                char c = piece.charAt(i);
                if (holding) {
                    holding = false;
                    if (resolve(held, c, out)) {
                        continue;
                    }
                }
                if (Character.isHighSurrogate(c) || c == '\r' || (reply && c == ']')) {
                    held = c;
                    holding = true;
                } else {
                    emit(c, out);
                }
            }
            return out.toString();
        }

        /** What was held back, cleaned as if the text ended here. */
        public String finish() {
            if (!holding) {
                return "";
            }
            holding = false;
            StringBuilder out = new StringBuilder(2);
            emitAlone(held, out);
            return out.toString();
        }

        // The held character followed by c; true when c was used up too.
        private boolean resolve(char first, char c, StringBuilder out) {
            if (Character.isHighSurrogate(first)) {
                if (Character.isLowSurrogate(c)) {
                    out.append(first).append(c);
                    return true;
                }
                out.append('\uFFFD');
                return false;
            }
            if (first == '\r') {
                out.append('\n');
                return c == '\n';
            }
            // first == ']'
            out.append(']');
            if (c == '(') {
                out.append(' ');
            }
            return false;
        }

        private void emitAlone(char c, StringBuilder out) {
            if (Character.isHighSurrogate(c)) {
                out.append('\uFFFD');
            } else if (c == '\r') {
                out.append('\n');
            } else {
                out.append(c);
            }
        }

        private void emit(char c, StringBuilder out) {
            if (Character.isLowSurrogate(c)) {
                out.append('\uFFFD');
            } else if (removed(c)) {
                return;
            } else if (reply && c == '<') {
                out.append('\u2039');
            } else if (reply && c == '>') {
                out.append('\u203A');
            } else {
                out.append(c);
            }
        }
    }

    private static boolean removed(char c) {
        if (c == '\n' || c == '\t') {
            return false;
        }
        return c < 0x20
                || (c >= 0x7F && c <= 0x9F)
                || c == '\u200B'
                || c == '\u2060'
                || c == '\uFEFF'
                || c == '\u00AD'
                || c == '\u061C'
                || (c >= '\u202A' && c <= '\u202E')
                || (c >= '\u2066' && c <= '\u2069');
    }
}
