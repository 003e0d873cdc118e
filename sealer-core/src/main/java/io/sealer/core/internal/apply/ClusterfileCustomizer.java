package io.sealer.core.internal.apply;

import io.sealer.api.cluster.Clusterfile;
import java.nio.file.Path;
import java.util.Map;

/** Applies a Clusterfile's Config documents and renders the image's templates in an assembled rootfs. */
final class ClusterfileCustomizer implements RootfsPreparer.RootfsCustomizer {
    private final Clusterfile clusterfile;

    ClusterfileCustomizer(Clusterfile clusterfile) {
        this.clusterfile = clusterfile;
    }

    /** What identifies the Clusterfile's changes to a rootfs. */
    static String changesKey(Clusterfile clusterfile) {
        return clusterfile.configs().toString();
    }

    @Override
    public void customize(Path rootfs, Map<String, String> env) {
        // filled in with the Config writer and the template renderer
    }
}
