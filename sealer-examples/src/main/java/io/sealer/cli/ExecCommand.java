package io.sealer.cli;

import io.sealer.api.cluster.HostExecResult;
import io.sealer.api.event.ProgressListener;
import io.sealer.core.SealerClient;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sealer exec [-c NAME] [-r ROLE] CMD...}: runs a shell command on a cluster's hosts. */
@Command(name = "exec", description = {"Run a shell command on the hosts of a cluster applied with this store (all,",
    "or those with a role), in parallel; each output line is printed as [ip] line. Exit status 1 when it failed on",
    "any host. Everything after CMD belongs to the command."},
        footer = {"", "Example: sealer exec -r master kubectl get nodes"})
final class ExecCommand extends ClusterCommand {
    @Option(names = {"-c", "--cluster-name", "--cluster"}, paramLabel = "NAME",
            description = "The cluster (default: the only one applied with this store, else " + DEFAULT_CLUSTER
                    + ").")
    String cluster;

    @Option(names = {"-r", "--roles", "--role"}, paramLabel = "ROLE",
            description = "Only the hosts with this role, e.g. master or node (default: every host).")
    String role;

    @Parameters(arity = "1..*", paramLabel = "CMD", description = "The command and its arguments, run by a shell.")
    List<String> command;

    @Override
    public Integer call() {
        if (role != null && (role.isBlank() || role.contains(","))) {
            throw usageError("-r takes one role, got \"" + role + "\"");
        }
        String line = String.join(" ", command);
        if (line.isBlank()) {
            throw usageError("exec needs a command");
        }
        List<HostExecResult> results;
        try (SealerClient client = openClusterClient()) {
            String name = clusterName(client, cluster);
            results = client.clusters().exec(name, line, Optional.ofNullable(role),
                    applyFlags.options(this, ProgressListener.NONE));
        }
        if (results.isEmpty()) {
            err().println("sealer: no host" + (role == null ? "" : " with role " + role) + " to run on");
            return 1;
        }
        return ExecOutput.print(out(), err(), results) ? 0 : 1;
    }
}
