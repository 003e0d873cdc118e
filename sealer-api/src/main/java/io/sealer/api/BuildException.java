package io.sealer.api;

/** A build that failed; names the Kubefile and line of the instruction that failed, or the offending file. */
public class BuildException extends SealerException {
    private static final long serialVersionUID = 1L;

    public BuildException(String file, int line, String problem, Throwable cause) {
        super(file, line, problem, cause);
    }

    public BuildException(String problem, Throwable cause) {
        super(problem, cause);
    }
}
