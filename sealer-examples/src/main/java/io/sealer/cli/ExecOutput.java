package io.sealer.cli;

import io.sealer.api.cluster.HostExecResult;
import java.io.PrintStream;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What {@code sealer exec} prints: every output line of every host on standard output as {@code [ip] line}, host after
 * host in the Clusterfile's order; for each host where the command failed a line on standard error ({@code [ip] exit
 * status 3} or {@code [ip] could not run: why}), then one line naming the failed hosts.
 */
final class ExecOutput {
    private ExecOutput() {
    }

    /** Prints the results; true when the command succeeded on every host. */
    static boolean print(PrintStream out, PrintStream err, List<HostExecResult> results) {
        for (HostExecResult result : results) {
            for (String line : result.output()) {
                out.println("[" + result.host() + "] " + line);
            }
            if (!result.succeeded()) {
                out.flush();
                err.println("[" + result.host() + "] " + result.error().map(e -> "could not run: " + e)
                        .orElse("exit status " + result.exitStatus()));
            }
        }
        List<String> failed = results.stream().filter(r -> !r.succeeded()).map(HostExecResult::host).toList();
        if (!failed.isEmpty()) {
            err.println("sealer: the command failed on " + failed.size() + " of " + results.size() + " host"
                    + (results.size() == 1 ? "" : "s") + ": " + failed.stream().collect(Collectors.joining(", ")));
        }
        return failed.isEmpty();
    }
}
