package io.sealer.core.internal.build;

import io.sealer.core.internal.io.Trees;
import io.sealer.core.internal.layer.Snapshot;
import io.sealer.core.internal.layer.SnapshotDiff;
import io.sealer.core.internal.store.ImageStore;
import io.sealer.core.internal.store.StoredLayer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs in a scratch copy of the rootfs and diffs snapshots taken before and after. Works everywhere; costs a copy of
 * the rootfs per RUN, so {@link OverlayRunExecutor} is preferred where the kernel allows it.
 */
final class CopyingRunExecutor implements RunExecutor {
    @Override
    public StoredLayer run(List<Path> layerDirs, RunCommand command, ImageStore store) throws IOException {
        Path rootfs = store.newStagingDir();
        try {
            RootfsView.assemble(layerDirs, rootfs, false);
            Snapshot before = Snapshot.of(rootfs);
            Map<String, String> env = new LinkedHashMap<>(command.env());
            env.put("PATH", RunExecutor.pathWith(rootfs));
            ShellRunner.run(command.argv(), rootfs, env);
            SnapshotDiff diff = SnapshotDiff.between(before, Snapshot.of(rootfs));
            Path layerDir = store.newStagingDir();
            diff.materialise(rootfs, layerDir);
            return store.addLayer(layerDir);
        } finally {
            Trees.deleteRecursively(rootfs);
        }
    }
}
