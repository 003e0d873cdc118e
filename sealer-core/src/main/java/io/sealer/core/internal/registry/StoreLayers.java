package io.sealer.core.internal.registry;

import io.sealer.api.spi.LayerStore;
import io.sealer.core.internal.io.Trees;
import io.sealer.core.internal.store.ImageStore;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@link LayerStore} over the local {@link ImageStore}; scratch directories are removed on {@link #close()}. */
final class StoreLayers implements LayerStore, AutoCloseable {
    private final ImageStore store;
    private final List<Path> scratch = new ArrayList<>();

    StoreLayers(ImageStore store) {
        this.store = store;
    }

    @Override
    public boolean hasLayer(String layerId) {
        return store.hasLayer(layerId);
    }

    @Override
    public void exportLayer(String layerId, OutputStream out) {
        store.exportLayer(layerId, out);
    }

    @Override
    public void importLayer(String layerId, InputStream tar) {
        store.addLayer(tar, layerId);
    }

    @Override
    public synchronized Path scratchDirectory() {
        Path dir = store.newStagingDir();
        scratch.add(dir);
        return dir;
    }

    @Override
    public synchronized void close() {
        for (Path dir : scratch) {
            Trees.deleteQuietly(dir);
        }
        scratch.clear();
    }
}
