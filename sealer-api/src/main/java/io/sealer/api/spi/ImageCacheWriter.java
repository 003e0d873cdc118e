package io.sealer.api.spi;

import io.sealer.api.event.Progress;
import io.sealer.api.image.ImageReference;
import io.sealer.api.image.Platform;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes container images into a layer directory as a registry's on-disk storage
 * ({@code <layerDir>/registry/docker/registry/v2/...}), so that a plain registry server serves them. Obtained from
 * {@link RegistryClientProvider#cacheWriter()}.
 */
public interface ImageCacheWriter {
    /**
     * Caches the images for the platforms into {@code layerDir}.
     *
     * @param client the client to read through (mirrors and credentials are its business)
     * @param images the images; duplicates are cached once
     * @param platforms the platforms to keep of multi-platform images; empty keeps every platform
     * @param layerDir the layer directory to write {@code registry/} into
     * @param existingRoots layer directories (holding {@code registry/}) of lower layers; images complete there are
     *                      skipped, blobs there are not fetched again
     * @param progress per-image and per-blob progress (blob parallelism comes from the client's settings)
     * @return what was written and skipped
     * @throws io.sealer.api.ImageNotFoundException naming an image no registry has
     * @throws io.sealer.api.RegistryException naming the image (and blob) that could not be cached
     */
    CacheSummary write(RegistryClient client, List<ImageReference> images, List<Platform> platforms, Path layerDir,
            List<Path> existingRoots, Progress progress);

    /**
     * {@link #write(RegistryClient, List, List, Path, List, Progress)}, telling {@code listener} which files it will
     * write and when each is in place, so that the layer can be hashed while the images are still downloading. The
     * default ignores the listener.
     *
     * @param listener told the planned files and each completed one, paths relative to {@code layerDir}
     */
    default CacheSummary write(RegistryClient client, List<ImageReference> images, List<Platform> platforms,
            Path layerDir, List<Path> existingRoots, Progress progress, LayerWriteListener listener) {
        return write(client, images, platforms, layerDir, existingRoots, progress);
    }

    /**
     * What {@link #write} did.
     *
     * @param written images stored in the layer
     * @param skipped images already complete in an existing root
     * @param blobsFetched blobs downloaded
     * @param bytesFetched bytes of those blobs
     */
    record CacheSummary(List<ImageReference> written, List<ImageReference> skipped, int blobsFetched,
            long bytesFetched) {
        public CacheSummary {
            written = List.copyOf(written);
            skipped = List.copyOf(skipped);
        }
    }
}
