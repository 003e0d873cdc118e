package io.sealer.api.cluster;

import java.util.List;
import java.util.Optional;

/**
 * A parsed Clusterfile: its documents, decided by {@code kind}.
 *
 * @param source the file it was read from (for messages)
 * @param cluster the {@code Cluster} document
 * @param plugins {@code Plugin} documents in file order
 * @param configs {@code Config} documents in file order
 * @param kubeadmDocuments kubeadm kinds, kept as trees
 * @param otherDocuments kinds this version does not interpret (each also reported in {@link #warnings()})
 * @param warnings problems that did not stop parsing
 */
public record Clusterfile(String source, Cluster cluster, List<PluginSpec> plugins, List<ConfigSpec> configs,
        List<StructuredDocument> kubeadmDocuments, List<StructuredDocument> otherDocuments, List<String> warnings) {
    public Clusterfile {
        plugins = List.copyOf(plugins);
        configs = List.copyOf(configs);
        kubeadmDocuments = List.copyOf(kubeadmDocuments);
        otherDocuments = List.copyOf(otherDocuments);
        warnings = List.copyOf(warnings);
    }

    /** The kubeadm document of a kind, if the file has one. */
    public Optional<StructuredDocument> kubeadm(String kind) {
        return kubeadmDocuments.stream().filter(d -> d.kind().equals(kind)).findFirst();
    }
}
