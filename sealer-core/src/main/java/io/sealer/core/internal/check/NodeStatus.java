package io.sealer.core.internal.check;

import java.util.List;

/**
 * The nodes of the cluster.
 *
 * @param readyCount nodes whose Ready condition holds
 * @param nodeCount all nodes
 * @param notReadyNodes the internal IPs (else names) of the others, in kubectl's order
 */
public record NodeStatus(int readyCount, int nodeCount, List<String> notReadyNodes) {
    public NodeStatus {
        notReadyNodes = List.copyOf(notReadyNodes);
    }

    /** True when every node is ready. */
    public boolean passed() {
        return notReadyNodes.isEmpty();
    }
}
