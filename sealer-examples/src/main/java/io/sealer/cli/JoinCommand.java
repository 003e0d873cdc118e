package io.sealer.cli;

import io.sealer.core.SealerClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sealer join -m IPS -n IPS}: adds masters and nodes to an applied cluster. */
@Command(name = "join", description = {"Add masters and nodes to a cluster applied with this store; they log in",
    "with the cluster's SSH settings."},
        footer = {"", "Example: sealer join -n 192.168.0.7-192.168.0.9"})
final class JoinCommand extends ClusterCommand {
    @Option(names = {"-m", "--masters"}, paramLabel = "IPS",
            description = "Masters to add: comma-separated addresses and ranges (192.168.0.5-7), repeatable.")
    List<String> masters = new ArrayList<>();

    @Option(names = {"-n", "--nodes"}, paramLabel = "IPS", description = "Nodes to add, in the same forms.")
    List<String> nodes = new ArrayList<>();

    @Option(names = {"-c", "--cluster-name", "--cluster"}, paramLabel = "NAME",
            description = "The cluster (default: the only one applied with this store, else " + DEFAULT_CLUSTER
                    + ").")
    String cluster;

    @Mixin
    PlanFlags plan;

    @Override
    public Integer call() throws IOException {
        if (masters.isEmpty() && nodes.isEmpty()) {
            throw usageError("join needs -m IPS or -n IPS, the hosts to add");
        }
        List<String> masterIps = ips("-m/--masters", masters);
        List<String> nodeIps = ips("-n/--nodes", nodes);
        for (String ip : nodeIps) {
            if (masterIps.contains(ip)) {
                throw usageError(ip + " is given both as a master (-m) and as a node (-n)");
            }
        }
        plan.check(this);
        try (SealerClient client = openClusterClient()) {
            String name = clusterName(client, cluster);
            if (plan.dryRun) {
                return printPlan(plan, client.clusters().planJoin(name, masterIps, nodeIps));
            }
            return apply(Stream.concat(masterIps.stream(), nodeIps.stream()).toList(),
                    options -> client.clusters().join(name, masterIps, nodeIps, options));
        }
    }
}
