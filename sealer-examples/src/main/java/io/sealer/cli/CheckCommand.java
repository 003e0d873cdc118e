package io.sealer.cli;

import io.sealer.api.cluster.CheckResult;
import io.sealer.api.event.ProgressListener;
import io.sealer.core.SealerClient;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sealer check [-c NAME] [--pre | --post]}: sealer's cluster checks, and the host checks it left unwired. */
@Command(name = "check", description = {"Check a cluster applied with this store and print sealer's report. --pre:",
    "the hosts (unique hostnames, clocks within a minute of this machine's); --post: the cluster through kubectl on",
    "master0 (every node Ready, pods running, services with endpoints); neither: both. Exit status 1 when a check",
    "fails."},
        footer = {"", "Example: sealer check --post"})
final class CheckCommand extends ClusterCommand {
    @Option(names = {"-c", "--cluster-name", "--cluster"}, paramLabel = "NAME",
            description = "The cluster (default: the only one applied with this store, else " + DEFAULT_CLUSTER
                    + ").")
    String cluster;

    @ArgGroup(exclusive = true)
    Which which;

    /** Which checks. */
    static final class Which {
        @Option(names = "--pre", description = "Only the host checks (before an install or a join).")
        boolean pre;

        @Option(names = "--post", description = "Only the cluster checks (after an install).")
        boolean post;
    }

    @Override
    public Integer call() {
        boolean hosts = which == null || which.pre;
        boolean clusterState = which == null || which.post;
        CheckResult result;
        try (SealerClient client = openClusterClient()) {
            String name = clusterName(client, cluster);
            result = client.clusters().check(name, hosts, clusterState,
                    applyFlags.options(this, ProgressListener.NONE));
        }
        out().print(result.report());
        if (!result.report().endsWith("\n")) {
            out().println();
        }
        return result.passed() ? 0 : 1;
    }
}
