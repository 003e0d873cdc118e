package io.sealer.core.internal.apply;

import io.sealer.api.cluster.Cluster;
import io.sealer.api.cluster.Clusterfile;
import io.sealer.api.cluster.PluginSpec;
import java.util.Map;
import java.util.Objects;
import java.util.List;

/**
 * Everything a planner reads, gathered beforehand so planning itself does no I/O.
 *
 * @param clusterfile the Clusterfile to apply
 * @param image the cluster image, prepared
 * @param hostViews the prepared files each host gets (by its platform and, where its env differs, its env)
 * @param kubeadm the merged kubeadm configuration
 * @param plugins the Plugin documents, Clusterfile's first, then the image's (each gets hook steps at its phases)
 */
public record PlanInput(Clusterfile clusterfile, ImageFacts image, Map<String, RootfsViews> hostViews,
        KubeadmFiles kubeadm, List<PluginSpec> plugins) {
    public PlanInput {
        Objects.requireNonNull(clusterfile, "clusterfile");
        Objects.requireNonNull(image, "image");
        hostViews = Map.copyOf(hostViews);
        Objects.requireNonNull(kubeadm, "kubeadm");
        plugins = List.copyOf(plugins);
    }

    /** The Cluster document. */
    public Cluster cluster() {
        return clusterfile.cluster();
    }

    /** The files a host gets. */
    public RootfsViews views(String host) {
        RootfsViews views = hostViews.get(host);
        if (views == null) {
            throw new IllegalArgumentException("no rootfs prepared for " + host);
        }
        return views;
    }
}
