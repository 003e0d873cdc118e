package io.sealer.api.cluster;

import io.sealer.api.ClusterfileException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The documents of a Clusterfile-style YAML file, decided by {@code kind}, when a {@code Cluster} document is not
 * required: the files of an image's {@code plugins/} directory hold only {@code Plugin} (and {@code Config}) documents,
 * and an image's {@code etc/kubeadm.yml} holds only kubeadm kinds. A file with a {@code Cluster} document is a
 * Clusterfile: {@link #toClusterfile()}.
 *
 * @param source the file it was read from (for messages)
 * @param cluster the {@code Cluster} document, if the file has one
 * @param plugins {@code Plugin} documents in file order
 * @param configs {@code Config} documents in file order
 * @param kubeadmDocuments kubeadm kinds, kept as trees
 * @param otherDocuments kinds sealer does not interpret here (a {@code Deployment}, a kubeconfig...), each also
 *     reported in {@link #warnings()}
 * @param warnings problems that did not stop parsing
 */
public record ClusterDocuments(String source, Optional<Cluster> cluster, List<PluginSpec> plugins,
        List<ConfigSpec> configs, List<StructuredDocument> kubeadmDocuments, List<StructuredDocument> otherDocuments,
        List<String> warnings) {
    public ClusterDocuments {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(cluster, "cluster");
        plugins = List.copyOf(plugins);
        configs = List.copyOf(configs);
        kubeadmDocuments = List.copyOf(kubeadmDocuments);
        otherDocuments = List.copyOf(otherDocuments);
        warnings = List.copyOf(warnings);
    }

    /**
     * True when the file holds at least one document sealer interprets: a {@code Cluster}, {@code Plugin},
     * {@code Config} or kubeadm kind. False for an empty file and for YAML of other tools only.
     */
    public boolean hasSealerDocuments() {
        return cluster.isPresent() || !plugins.isEmpty() || !configs.isEmpty() || !kubeadmDocuments.isEmpty();
    }

    /**
     * These documents as a Clusterfile.
     *
     * @throws ClusterfileException when there is no {@code Cluster} document
     */
    public Clusterfile toClusterfile() {
        Cluster found = cluster.orElseThrow(() -> new ClusterfileException(source, 0, null,
                "no Cluster document (kind: Cluster) found"));
        return new Clusterfile(source, found, plugins, configs, kubeadmDocuments, otherDocuments, warnings);
    }
}
