package io.sealer.api.spi;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * The part of a local image store a {@link ClusterImageTransport} needs: reading layers as reproducible tar streams and
 * adding layers from tar streams, verified against their id. Implemented by {@code sealer-core} over its store.
 */
public interface LayerStore {
    /** True when the layer ({@code sha256:<hex>} of its uncompressed tar) is complete in the store. */
    boolean hasLayer(String layerId);

    /**
     * Writes the layer's reproducible tar to {@code out} (not closed).
     *
     * @throws io.sealer.api.StoreException when the layer is missing or its files no longer hash to its id
     */
    void exportLayer(String layerId, OutputStream out);

    /**
     * Adds a layer from its uncompressed tar, verifying while extracting that the bytes hash to {@code layerId}.
     *
     * @throws io.sealer.api.StoreException naming both digests when they differ; nothing is stored then
     */
    void importLayer(String layerId, InputStream tar);

    /**
     * A new directory for temporary files of this operation, on the store's file system; the store removes it when
     * the operation ends.
     */
    Path scratchDirectory();
}
