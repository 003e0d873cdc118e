package io.sealer.core.internal.apply;

import io.sealer.api.cluster.Clusterfile;
import io.sealer.core.internal.kubeadm.KubeadmConfig;
import io.sealer.core.internal.kubeadm.KubeadmConfigMerger;
import io.sealer.core.internal.kubeadm.KubeadmInputs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The kubeadm configuration of a cluster, merged from the Clusterfile, the image's {@code etc/kubeadm.yml} (already
 * rendered in the prepared rootfs) and the defaults; merged on first use, since plans without kubeadm steps (an
 * application image, a scale down) need none.
 */
final class KubeadmFilesFactory {
    private KubeadmFilesFactory() {
    }

    static KubeadmFiles create(Clusterfile clusterfile, Path rootfs) {
        return new KubeadmFiles() {
            private KubeadmConfig config;

            private synchronized KubeadmConfig config() {
                if (config == null) {
                    Path file = rootfs.resolve(KubeadmInputs.IMAGE_KUBEADM_FILE);
                    try {
                        String text = Files.isRegularFile(file) ? Files.readString(file) : "";
                        config = new KubeadmConfigMerger().merge(KubeadmInputs.of(clusterfile, text,
                                clusterfile.cluster().image() + ":" + KubeadmInputs.IMAGE_KUBEADM_FILE));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                return config;
            }

            @Override
            public String initConfig() {
                return config().initYaml();
            }

            @Override
            public String joinConfig(String host, boolean controlPlane, String apiServerEndpoint) {
                return config().joinYaml(host, controlPlane, apiServerEndpoint);
            }
        };
    }
}
