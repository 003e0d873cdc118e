package io.sealer.api;

import java.util.Optional;

/**
 * Base of every error sealer-java reports. The message always says where the problem is (file and line, document
 * field path, image, blob or host) and what was expected; secrets never appear in it.
 */
public class SealerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final String problem;

    /**
     * @param source the file, image or host the problem belongs to; {@code null} when there is none
     * @param line 1-based line number in {@code source}, or 0 when unknown
     * @param problem what is wrong and what was expected
     * @param cause the underlying error, or {@code null}
     */
    public SealerException(String source, int line, String problem, Throwable cause) {
        super(format(source, line, problem), cause);
        this.source = source;
        this.line = line;
        this.problem = problem;
    }

    public SealerException(String problem) {
        this(null, 0, problem, null);
    }

    public SealerException(String problem, Throwable cause) {
        this(null, 0, problem, cause);
    }

    /** The file, image or host the problem belongs to. */
    public Optional<String> source() {
        return Optional.ofNullable(source);
    }

    /** 1-based line in {@link #source()}, or 0 when the problem has no line. */
    public int line() {
        return line;
    }

    /** The problem without its location prefix. */
    public String problem() {
        return problem;
    }

    private static String format(String source, int line, String problem) {
        if (source == null) {
            return problem;
        }
        return line > 0 ? source + ":" + line + ": " + problem : source + ": " + problem;
    }
}
