package dev.escalation.core;

/**
 * A flow file is not a valid flow; the message starts with {@code file:line:column: field:} so an
 * editor can jump to it.
 *
 * <p>Immutable once thrown. Example: {@code catch (InvalidFlowFileException e) { print(e.source() + ":" + e.line()); }}.
 */
public class InvalidFlowFileException extends InvalidFlowException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final int column;
    private final String field;

    /**
     * @param source the file (path or {@code classpath:...})
     * @param line 1-based line, 0 when unknown
     * @param column 1-based column, 0 when unknown
     * @param field the field's path in the file, for example {@code states[2].next}
     * @param problem what is wrong, naming the bad value
     */
    public InvalidFlowFileException(String source, int line, int column, String field, String problem) {
        super(source + ":" + line + ":" + column + ": " + field + ": " + problem);
        this.source = source;
        this.line = line;
        this.column = column;
        this.field = field;
    }

    /** The file. */
    public String source() {
        return source;
    }

    /** The 1-based line. */
    public int line() {
        return line;
    }

    /** The 1-based column. */
    public int column() {
        return column;
    }

    /** The field's path in the file, for example {@code states[2].next}. */
    public String field() {
        return field;
    }
}
