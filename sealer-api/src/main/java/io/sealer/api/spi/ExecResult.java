package io.sealer.api.spi;

import java.util.List;

/**
 * The outcome of a remote command.
 *
 * @param exitStatus the command's exit status
 * @param lastLines the last lines of combined output, for error messages
 */
public record ExecResult(int exitStatus, List<String> lastLines) {
    public ExecResult {
        lastLines = List.copyOf(lastLines);
    }

    /** True when the command exited 0. */
    public boolean succeeded() {
        return exitStatus == 0;
    }
}
