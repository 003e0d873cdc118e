package io.sealer.api;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A step of an apply, scale or delete failed. The message names the host, the step, the exit status (for remote
 * commands) and the last lines of output; steps after it did not run, and a re-run resumes at this step.
 */
public class StepFailedException extends HostException {
    private static final long serialVersionUID = 1L;

    private final String step;
    private final Integer exitStatus;
    private final List<String> lastLines;

    /**
     * @param host the host the step ran on
     * @param step the step's id
     * @param exitStatus the remote command's exit status, or {@code null} when the step failed otherwise
     * @param lastLines the last lines of the step's output (already free of secrets)
     * @param problem what went wrong
     * @param cause the underlying error, or {@code null}
     */
    public StepFailedException(String host, String step, Integer exitStatus, List<String> lastLines, String problem,
            Throwable cause) {
        super(host, describe(step, exitStatus, lastLines, problem), cause);
        this.step = Objects.requireNonNull(step, "step");
        this.exitStatus = exitStatus;
        this.lastLines = List.copyOf(lastLines);
    }

    /** The failed step's id. */
    public String step() {
        return step;
    }

    /** The remote command's exit status, when the step was a command that ran to an end. */
    public Optional<Integer> exitStatus() {
        return Optional.ofNullable(exitStatus);
    }

    /** The last lines of the step's output. */
    public List<String> lastLines() {
        return lastLines;
    }

    private static String describe(String step, Integer exitStatus, List<String> lastLines, String problem) {
        StringBuilder text = new StringBuilder("step ").append(step).append(" failed");
        if (exitStatus != null) {
            text.append(" with exit status ").append(exitStatus);
        }
        text.append(": ").append(problem);
        if (!lastLines.isEmpty()) {
            text.append("\n  last output:");
            lastLines.forEach(l -> text.append("\n    ").append(l));
        }
        return text.toString();
    }
}
