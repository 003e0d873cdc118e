package io.sealer.core.internal.apply;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The prepared files of one platform: the rootfs every host gets (without {@code registry/}) and the registry
 * storage registry hosts get, each with the content id hosts record.
 *
 * @param rootfs local directory sent to {@code <dataRoot>/<cluster>/rootfs}
 * @param rootfsId content id of the rootfs (image id and the Clusterfile's changes to it)
 * @param registry local directory sent to the registry hosts' {@code <rootfs>/registry}
 * @param registryId content id of the registry storage
 */
public record RootfsViews(Path rootfs, String rootfsId, Path registry, String registryId) {
    public RootfsViews {
        Objects.requireNonNull(rootfs, "rootfs");
        Objects.requireNonNull(rootfsId, "rootfsId");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(registryId, "registryId");
    }
}
