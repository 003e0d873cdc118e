package io.sealer.core.internal.apply;

import io.sealer.api.cluster.Clusterfile;
import java.nio.file.Path;

/** The kubeadm configuration of a cluster, merged from the Clusterfile, the image and the defaults. */
final class KubeadmFilesFactory {
    private KubeadmFilesFactory() {
    }

    static KubeadmFiles create(Clusterfile clusterfile, Path rootfs) {
        return new KubeadmFiles() {
            @Override
            public String initConfig() {
                return "";
            }

            @Override
            public String joinConfig(String host, boolean controlPlane, String apiServerEndpoint) {
                return "";
            }
        };
    }
}
