package io.sealer.core.internal.build;

import io.sealer.core.internal.store.ImageStore;
import io.sealer.core.internal.store.StoredLayer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Runs a RUN instruction over the rootfs made of the layers so far and stores what the command changed as a layer
 * (additions and changes as files, deletions as OCI whiteouts).
 */
interface RunExecutor {
    /** What a RUN runs: the instruction's command and environment. */
    record RunCommand(List<String> argv, Map<String, String> env) {
    }

    /**
     * @param layerDirs the directories of the layers so far, bottom first
     * @return the layer of the changes, {@link StoredLayer#EMPTY} when there were none
     * @throws io.sealer.api.BuildException when the command fails (without a location: the build adds the
     *     instruction's)
     */
    StoredLayer run(List<Path> layerDirs, RunCommand command, ImageStore store) throws IOException;

    /**
     * The best executor for the store: overlayfs when this machine can mount it (falling back to copying for a RUN
     * whose layers do not fit in one mount), otherwise copying.
     */
    static RunExecutor forStore(ImageStore store) {
        CopyingRunExecutor copying = new CopyingRunExecutor();
        if (!OverlayRunExecutor.available(store)) {
            return copying;
        }
        OverlayRunExecutor overlay = new OverlayRunExecutor();
        return (layerDirs, command, target) -> {
            StoredLayer layer = overlay.run(layerDirs, command, target);
            return layer != null ? layer : copying.run(layerDirs, command, target);
        };
    }

    /** The host PATH with the rootfs's {@code bin} in front, as sealer does. */
    static String pathWith(Path rootfs) {
        return rootfs.resolve("bin") + ":" + System.getenv().getOrDefault("PATH",
                "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    }
}
