package io.sealer.api.cluster;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of a command run on one host of a cluster.
 *
 * @param host the host's address
 * @param exitStatus the command's exit status, or -1 when it could not run
 * @param output the command's output lines (stdout and stderr interleaved as they came)
 * @param error why the command could not run, when it could not
 */
public record HostExecResult(String host, int exitStatus, List<String> output, Optional<String> error) {
    public HostExecResult {
        Objects.requireNonNull(host, "host");
        output = List.copyOf(output);
        Objects.requireNonNull(error, "error");
    }

    /** Whether the command ran and exited with 0. */
    public boolean succeeded() {
        return exitStatus == 0 && error.isEmpty();
    }
}
