package io.sealer.core.internal.registry;

import io.sealer.api.spi.LayerStore;
import io.sealer.core.internal.layer.Trees;
import io.sealer.core.internal.store.ImageStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link LayerStore} over the local {@link ImageStore}; scratch directories are removed on {@link #close()}. */
final class StoreLayers implements LayerStore, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StoreLayers.class);

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
            try {
                Trees.deleteRecursively(dir);
            } catch (IOException e) {
                LOG.debug("cannot remove scratch directory {}; the next prune will", dir, e);
            }
        }
        scratch.clear();
    }
}
