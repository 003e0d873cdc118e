package io.sealer.core;

import io.sealer.api.cluster.ClusterDocuments;
import io.sealer.api.cluster.Clusterfile;
import io.sealer.core.internal.clusterfile.ClusterfileParser;
import java.nio.file.Path;

/**
 * Clusters described by Clusterfiles. Obtained from {@link SealerClient#clusters()}; thread-safe. Today it reads and
 * validates Clusterfiles; installing, scaling and deleting clusters over SSH come with the apply engine.
 */
public final class ClusterService {
    private final ClusterfileParser parser = new ClusterfileParser();

    ClusterService() {
    }

    /**
     * Parses and validates a Clusterfile (all its documents).
     *
     * @throws io.sealer.api.ClusterfileException naming the file, document field path and problem
     */
    public Clusterfile load(Path clusterfile) {
        return parser.parse(clusterfile);
    }

    /**
     * Parses and validates a YAML file of Plugin, Config, kubeadm (and Cluster) documents without requiring a
     * Cluster: the files of an image's {@code plugins/} directory, or a Clusterfile.
     *
     * @throws io.sealer.api.ClusterfileException naming the file, document field path and problem
     */
    public ClusterDocuments loadDocuments(Path file) {
        return parser.parseDocuments(file);
    }
}
