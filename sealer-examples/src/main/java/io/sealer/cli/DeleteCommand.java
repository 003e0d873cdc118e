package io.sealer.cli;

import io.sealer.api.cluster.Cluster;
import io.sealer.api.cluster.Clusterfile;
import io.sealer.api.cluster.Host;
import io.sealer.core.SealerClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sealer delete (-m IPS | -n IPS | -a)}: removes hosts from an applied cluster, or the whole cluster. Asks
 * first on a terminal; elsewhere it needs {@code --force}.
 */
@Command(name = "delete", description = {"Remove hosts from a cluster applied with this store (-m, -n), or delete",
    "the whole cluster (-a): its hosts are reset and cleaned. Asks for confirmation unless --force."},
        footer = {"", "Example: sealer delete -n 192.168.0.7 --force"})
final class DeleteCommand extends ClusterCommand {
    @Option(names = {"-m", "--masters"}, paramLabel = "IPS",
            description = "Masters to remove: comma-separated addresses and ranges, repeatable.")
    List<String> masters = new ArrayList<>();

    @Option(names = {"-n", "--nodes"}, paramLabel = "IPS", description = "Nodes to remove, in the same forms.")
    List<String> nodes = new ArrayList<>();

    @Option(names = {"-a", "--all"}, description = "Delete the whole cluster.")
    boolean all;

    @Option(names = {"-c", "--cluster-name", "--cluster"}, paramLabel = "NAME",
            description = "The cluster (default: the only one applied with this store, else " + DEFAULT_CLUSTER
                    + ").")
    String cluster;

    @Option(names = "--force", description = "Do not ask for confirmation (needed when not on a terminal).")
    boolean force;

    @Mixin
    PlanFlags plan;

    @Override
    public Integer call() throws IOException {
        if (all && !(masters.isEmpty() && nodes.isEmpty())) {
            throw usageError("-a deletes the whole cluster; give either -a or the hosts to remove (-m, -n)");
        }
        if (!all && masters.isEmpty() && nodes.isEmpty()) {
            throw usageError("delete needs -m IPS or -n IPS (hosts to remove), or -a (the whole cluster)");
        }
        List<String> masterIps = ips("-m/--masters", masters);
        List<String> nodeIps = ips("-n/--nodes", nodes);
        plan.check(this);
        if (!plan.dryRun && !force && !sealer.terminal().interactive()) {
            throw usageError("delete asks for confirmation, but there is no terminal to ask on;"
                    + " add --force to delete without asking");
        }
        List<String> hosts = Stream.concat(masterIps.stream(), nodeIps.stream()).toList();
        try (SealerClient client = openClusterClient()) {
            String name = clusterName(client, cluster);
            if (!all) {
                checkRoles(client.clusters().saved(name), name, masterIps, nodeIps);
            }
            if (plan.dryRun) {
                return printPlan(plan, all ? client.clusters().planDelete(name)
                        : client.clusters().planRemove(name, hosts));
            }
            if (!force) {
                String what = all ? "This deletes cluster " + name + client.clusters().saved(name)
                                .map(c -> ": its hosts " + String.join(", ", c.cluster().allIps()) + " are reset,")
                                .orElse(":") + " its registry and rootfs removed, and the cluster forgotten."
                        : "This removes from cluster " + name + " and resets: " + describe(masterIps, nodeIps) + ".";
                if (!confirm(what)) {
                    err().println("sealer: cancelled, nothing was deleted");
                    return 1;
                }
            }
            return all ? apply(List.of(), options -> client.clusters().delete(name, options))
                    : apply(hosts, options -> client.clusters().remove(name, hosts, options));
        }
    }

    /** Refuses a host that the saved cluster does not have, or has in the other role. */
    private void checkRoles(Optional<Clusterfile> saved, String name, List<String> masterIps, List<String> nodeIps) {
        if (saved.isEmpty()) {
            return; // the SDK says the cluster is unknown
        }
        Cluster applied = saved.get().cluster();
        for (String ip : masterIps) {
            Host host = applied.hostOf(ip).orElseThrow(() -> usageError(ip + " is not a host of cluster " + name));
            if (!host.hasRole(Host.ROLE_MASTER)) {
                throw usageError(ip + " is not a master of cluster " + name + "; remove it with -n");
            }
        }
        for (String ip : nodeIps) {
            Host host = applied.hostOf(ip).orElseThrow(() -> usageError(ip + " is not a host of cluster " + name));
            if (host.hasRole(Host.ROLE_MASTER)) {
                throw usageError(ip + " is a master of cluster " + name + "; remove it with -m");
            }
        }
    }

    private static String describe(List<String> masterIps, List<String> nodeIps) {
        List<String> parts = new ArrayList<>();
        if (!masterIps.isEmpty()) {
            parts.add((masterIps.size() == 1 ? "master " : "masters ") + String.join(", ", masterIps));
        }
        if (!nodeIps.isEmpty()) {
            parts.add((nodeIps.size() == 1 ? "node " : "nodes ") + String.join(", ", nodeIps));
        }
        return String.join("; ", parts);
    }

    /** Asks on the terminal; true for y or yes. */
    private boolean confirm(String what) throws IOException {
        err().println(what);
        err().print("Continue? [y/N] ");
        err().flush();
        String answer = new BufferedReader(new InputStreamReader(sealer.terminal().in(), StandardCharsets.UTF_8))
                .readLine();
        String word = answer == null ? "" : answer.trim().toLowerCase(Locale.ROOT);
        return word.equals("y") || word.equals("yes");
    }
}
