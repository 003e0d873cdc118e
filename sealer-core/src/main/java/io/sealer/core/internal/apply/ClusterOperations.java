package io.sealer.core.internal.apply;

import io.sealer.api.cluster.ApplyOptions;
import io.sealer.api.cluster.ApplyResult;
import io.sealer.api.cluster.ClusterPlan;
import io.sealer.api.cluster.Clusterfile;
import io.sealer.api.cluster.HostExecResult;
import io.sealer.core.internal.client.ClientRuntime;
import java.util.List;
import java.util.Optional;

/** What {@link io.sealer.core.ClusterService} does, behind its public face. */
public final class ClusterOperations {
    private final ClientRuntime runtime;

    public ClusterOperations(ClientRuntime runtime) {
        this.runtime = runtime;
    }

    public ApplyResult apply(Clusterfile clusterfile, ApplyOptions options) {
        throw new UnsupportedOperationException("not yet");
    }

    public ClusterPlan plan(Clusterfile clusterfile) {
        throw new UnsupportedOperationException("not yet");
    }

    public ApplyResult join(String cluster, List<String> masters, List<String> nodes, ApplyOptions options) {
        throw new UnsupportedOperationException("not yet");
    }

    public ClusterPlan planJoin(String cluster, List<String> masters, List<String> nodes) {
        throw new UnsupportedOperationException("not yet");
    }

    public ApplyResult remove(String cluster, List<String> hosts, ApplyOptions options) {
        throw new UnsupportedOperationException("not yet");
    }

    public ClusterPlan planRemove(String cluster, List<String> hosts) {
        throw new UnsupportedOperationException("not yet");
    }

    public ApplyResult delete(String cluster, ApplyOptions options) {
        throw new UnsupportedOperationException("not yet");
    }

    public ClusterPlan planDelete(String cluster) {
        throw new UnsupportedOperationException("not yet");
    }

    public List<HostExecResult> exec(String cluster, String command, Optional<String> role, ApplyOptions options) {
        throw new UnsupportedOperationException("not yet");
    }

    public Optional<Clusterfile> saved(String cluster) {
        throw new UnsupportedOperationException("not yet");
    }

    public List<String> list() {
        throw new UnsupportedOperationException("not yet");
    }
}
