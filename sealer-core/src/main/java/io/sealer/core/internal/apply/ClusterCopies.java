package io.sealer.core.internal.apply;

import io.sealer.api.cluster.Cluster;
import io.sealer.api.cluster.Clusterfile;
import io.sealer.api.cluster.Host;
import java.util.List;

/** Copies of Clusterfiles with one part changed. */
final class ClusterCopies {
    private ClusterCopies() {
    }

    /** The Clusterfile with other host groups. */
    static Clusterfile withHosts(Clusterfile file, List<Host> hosts) {
        Cluster c = file.cluster();
        Cluster changed = new Cluster(c.name(), c.apiVersion(), c.image(), c.ssh(), c.env(), hosts, c.cmdArgs(),
                c.cmds(), c.appNames(), c.containerRuntime(), c.dataRoot(), c.hostAliases(), c.registry());
        return withCluster(file, changed);
    }

    /** The Clusterfile with another Cluster document. */
    static Clusterfile withCluster(Clusterfile file, Cluster cluster) {
        return new Clusterfile(file.source(), cluster, file.plugins(), file.configs(), file.kubeadmDocuments(),
                file.otherDocuments(), file.warnings());
    }
}
