package io.sealer.core.internal.apply;

import io.sealer.api.ClusterfileException;
import io.sealer.api.cluster.Cluster;
import io.sealer.api.cluster.ClusterPlan;
import io.sealer.api.cluster.Host;
import io.sealer.core.internal.plan.Capture;
import io.sealer.core.internal.plan.Facts;
import io.sealer.core.internal.plan.InstallPlan;
import io.sealer.core.internal.plan.StepAction;
import io.sealer.core.internal.plan.StepAction.Exec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The plans that change an installed cluster's hosts, from the difference between the saved cluster and the new
 * Clusterfile: removed hosts are drained, deleted from the cluster, reset and cleaned (spec 7.1 scale down); new
 * hosts get their rootfs and join with a fresh token (masters one at a time, then nodes); the nodes' IPVS rules follow
 * a changed master list.
 */
public final class ScalePlanner {
    private ScalePlanner() {
    }

    /**
     * The scale plan from {@code saved} to {@code input}'s cluster.
     *
     * @param hostnames node names of the saved hosts (by address), as recorded when they were installed
     */
    public static InstallPlan plan(Cluster saved, PlanInput input, Map<String, String> hostnames) {
        Cluster wanted = input.cluster();
        List<String> oldMasters = saved.ipsWithRole(Host.ROLE_MASTER);
        List<String> newMasters = wanted.ipsWithRole(Host.ROLE_MASTER);
        String master0 = oldMasters.get(0);
        if (newMasters.isEmpty() || !newMasters.get(0).equals(master0)) {
            throw new ClusterfileException(input.clusterfile().source(), 0, "spec.hosts", "master0 (" + master0
                    + ") must stay the first master: it holds the cluster's state and its registry");
        }
        List<String> removed = saved.allIps().stream().filter(ip -> !wanted.allIps().contains(ip)).toList();
        List<String> added = wanted.allIps().stream().filter(ip -> !saved.allIps().contains(ip)).toList();
        for (String ip : wanted.allIps()) {
            if (saved.allIps().contains(ip) && oldMasters.contains(ip) != newMasters.contains(ip)) {
                throw new ClusterfileException(input.clusterfile().source(), 0, "spec.hosts", ip + " changes role"
                        + " between master and node; remove it, then add it with its new role");
            }
        }
        PlanBuilder plan = new PlanBuilder();
        ClusterPaths paths = ClusterPaths.of(wanted);
        Hooks hooks = new Hooks(plan, input.plugins(), input.cluster());
        if (!removed.isEmpty()) {
            removeHosts(plan, hooks, paths, saved, removed, hostnames, input);
        }
        if (!added.isEmpty()) {
            addHosts(plan, hooks, paths, input, added, oldMasters);
        }
        String kind = added.isEmpty() ? removed.isEmpty() ? ClusterPlan.NONE : ClusterPlan.SCALE_DOWN
                : ClusterPlan.SCALE_UP;
        return plan.build(wanted.name(), input.image().name(), kind);
    }

    private static void addHosts(PlanBuilder plan, Hooks hooks, ClusterPaths paths, PlanInput input,
            List<String> added, List<String> oldMasters) {
        Cluster wanted = input.cluster();
        List<String> masters = wanted.ipsWithRole(Host.ROLE_MASTER);
        String master0 = masters.get(0);
        List<String> addedMasters = added.stream().filter(masters::contains).toList();
        List<String> addedNodes = added.stream().filter(ip -> !masters.contains(ip)).toList();
        hooks.at("pre-scaleup", List.of(master0), List.of());
        CreatePlanner.HostPreparation prepare = new CreatePlanner.HostPreparation(plan, input, paths);
        List<String> registryReady = prepare.hosts(added, addedMasters, masters, hooks);
        hooks.at("PreJoin", added, List.of());
        String token = plan.add("join", "token", master0, "a fresh join token", new Exec(
                RemoteScripts.refreshJoin(!addedMasters.isEmpty()), Map.of(), Set.of(),
                Optional.of(Capture.KUBEADM_JOIN)));
        CreatePlanner.KubernetesSteps kube = new CreatePlanner.KubernetesSteps(plan, input, paths, masters);
        String last = token;
        for (String master : addedMasters) {
            last = kube.joinMaster(master, last, registryReady);
        }
        List<String> joined = new ArrayList<>(List.of(last));
        for (String node : addedNodes) {
            joined.add(kube.joinNode(node, last, registryReady));
        }
        if (!addedMasters.isEmpty() && input.image().hasSeautil()) {
            List<String> existingNodes = wanted.allIps().stream()
                    .filter(ip -> !masters.contains(ip) && !added.contains(ip)).toList();
            String vip = wanted.env().getOrDefault("IPvsVIPv4", RemoteScripts.DEFAULT_VIP);
            for (String node : existingNodes) {
                plan.addAfterAll("rebalance", "ipvs", node, "route the VIP to the new set of masters",
                        Exec.of(RemoteScripts.nodeIpvs(vip, node, masters)), joined);
                joined.add(kube.lvscare(node));
            }
        }
        joined.addAll(kube.nodeMetadata(added, joined));
        hooks.at("post-init-host", added, joined);
        hooks.at("PostJoin", added, joined);
        hooks.at("post-scaleup", List.of(master0), joined);
    }

    private static void removeHosts(PlanBuilder plan, Hooks hooks, ClusterPaths paths, Cluster saved,
            List<String> removed, Map<String, String> hostnames, PlanInput input) {
        String master0 = saved.ipsWithRole(Host.ROLE_MASTER).get(0);
        hooks.at("pre-clean-host", removed, List.of());
        hooks.at("PreClean", removed, List.of());
        List<String> cleaned = new ArrayList<>();
        for (String host : removed) {
            String node = hostnames.get(host);
            if (node == null) {
                plan.add("prepare", "hostname", host, "read the host's name",
                        new Exec(RemoteScripts.hostname(), Map.of(), Set.of(), Optional.of(Capture.HOSTNAME)));
                node = Facts.placeholder(Facts.hostname(host));
            }
            String delete = plan.add("scale-down", "delete-node-" + host, master0, "drain and delete the node of "
                    + host, Exec.of(RemoteScripts.deleteNode(node)), plan.last(host));
            plan.add("scale-down", "reset", host, "reset Kubernetes", Exec.of(RemoteScripts.reset()), delete);
            plan.add("scale-down", "hosts", host, "remove the cluster's /etc/hosts entries", Exec.of(
                    RemoteScripts.removeHostsName(RemoteScripts.APISERVER_DOMAIN) + " && "
                            + RemoteScripts.removeHostsName(saved.registry().domain())));
            cleaned.add(plan.add("scale-down", "clean", host, "clean.sh and remove " + paths.clusterDir(),
                    Exec.of(RemoteScripts.cleanHost(paths))));
        }
        List<String> masters = input.cluster().ipsWithRole(Host.ROLE_MASTER);
        boolean mastersChanged = removed.stream().anyMatch(saved.ipsWithRole(Host.ROLE_MASTER)::contains);
        if (mastersChanged && input.image().hasSeautil()) {
            String vip = input.cluster().env().getOrDefault("IPvsVIPv4", RemoteScripts.DEFAULT_VIP);
            String registryUrl = input.cluster().registry().url();
            for (String node : input.cluster().allIps().stream().filter(ip -> !masters.contains(ip)).toList()) {
                plan.addAfterAll("rebalance", "ipvs", node, "route the VIP to the remaining masters",
                        Exec.of(RemoteScripts.nodeIpvs(vip, node, masters)), cleaned);
                plan.add("rebalance", "lvscare", node, "the lvscare static pod", new StepAction.SendFile(
                        RemoteScripts.lvscareManifest(registryUrl, vip, masters), RemoteScripts.LVSCARE_MANIFEST,
                        "0644"));
            }
        }
        hooks.at("post-clean-host", removed, cleaned);
        hooks.at("PostClean", removed, cleaned);
    }
}
