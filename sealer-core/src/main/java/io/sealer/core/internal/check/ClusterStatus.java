package io.sealer.core.internal.check;

import java.util.List;

/**
 * What {@code kubectl} on master0 says about the cluster: sealer's three checkers.
 *
 * @param nodes the nodes
 * @param services the services of each namespace that has services, by namespace name
 * @param pods the pods of each namespace that has pods, by namespace name
 */
public record ClusterStatus(NodeStatus nodes, List<NamespaceServices> services, List<NamespacePods> pods) {
    public ClusterStatus {
        services = List.copyOf(services);
        pods = List.copyOf(pods);
    }

    /** True when every node is ready, every pod runs and every service has endpoints. */
    public boolean passed() {
        return nodes.passed() && services.stream().allMatch(NamespaceServices::passed)
                && pods.stream().allMatch(NamespacePods::passed);
    }
}
