package io.sealer.core.internal.apply;

import io.sealer.api.cluster.Cluster;
import io.sealer.api.cluster.ClusterPlan;
import io.sealer.api.cluster.Host;
import io.sealer.api.cluster.HostAlias;
import io.sealer.api.cluster.PluginSpec;
import io.sealer.core.internal.plan.InstallPlan;
import io.sealer.core.internal.plan.StepAction.Exec;
import java.util.ArrayList;
import java.util.List;


/**
 * The plan that removes a whole cluster (spec 7.1 and 7.2 delete): reset Kubernetes on every host, remove the
 * registry from the registry hosts, undo the hosts-file entries, run the image's {@code clean.sh} and remove the
 * cluster's directory, whose path {@link ClusterPaths} has validated.
 */
public final class DeletePlanner {
    private DeletePlanner() {
    }

    /** The delete plan of the saved cluster. */
    public static InstallPlan plan(Cluster saved, List<PluginSpec> plugins) {
        ClusterPaths paths = ClusterPaths.of(saved);
        PlanBuilder plan = new PlanBuilder();
        Hooks hooks = new Hooks(plan, plugins, saved);
        List<String> all = saved.allIps();
        List<String> masters = saved.ipsWithRole(Host.ROLE_MASTER);
        hooks.at("pre-uninstall", List.of(masters.get(0)), List.of());
        hooks.at("PreClean", all, List.of());
        hooks.at("pre-clean-host", all, List.of());
        boolean ha = saved.registry().local().map(r -> r.ha()).orElse(false);
        List<String> registryHosts = saved.registry().external().isPresent() ? List.of()
                : ha ? masters : List.of(masters.get(0));
        List<String> cleaned = new ArrayList<>();
        for (String host : all) {
            plan.add("delete", "reset", host, "reset Kubernetes", Exec.of(RemoteScripts.reset()));
            if (registryHosts.contains(host)) {
                plan.add("delete", "registry", host, "remove the registry", Exec.of(RemoteScripts.removeRegistry()));
            }
            StringBuilder hosts = new StringBuilder(RemoteScripts.removeHostsName(RemoteScripts.APISERVER_DOMAIN))
                    .append(" && ").append(RemoteScripts.removeHostsName(saved.registry().domain()));
            for (HostAlias alias : saved.hostAliases()) {
                for (String name : alias.hostnames()) {
                    hosts.append(" && ").append(RemoteScripts.removeHostsName(name));
                }
            }
            plan.add("delete", "hosts", host, "remove the cluster's /etc/hosts entries", Exec.of(hosts.toString()));
            cleaned.add(plan.add("delete", "clean", host, "clean.sh and remove " + paths.clusterDir(),
                    Exec.of(RemoteScripts.cleanHost(paths))));
        }
        hooks.at("post-clean-host", all, cleaned);
        hooks.at("PostClean", all, cleaned);
        hooks.at("post-uninstall", List.of(masters.get(0)), cleaned);
        return plan.build(saved.name(), saved.image(), ClusterPlan.DELETE);
    }
}
