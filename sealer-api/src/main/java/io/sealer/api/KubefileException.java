package io.sealer.api;

/** A Kubefile that cannot be parsed or validated; names the file, the 1-based line and the offending text. */
public class KubefileException extends SealerException {
    private static final long serialVersionUID = 1L;

    private final String text;

    public KubefileException(String file, int line, String text, String problem) {
        super(file, line, text == null || text.isEmpty() ? problem : problem + ": " + text, null);
        this.text = text;
    }

    /** The offending instruction text as written. */
    public String text() {
        return text;
    }
}
