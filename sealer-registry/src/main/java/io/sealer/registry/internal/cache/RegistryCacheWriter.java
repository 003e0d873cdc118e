package io.sealer.registry.internal.cache;

import io.sealer.api.event.Progress;
import io.sealer.api.image.ImageReference;
import io.sealer.api.image.Platform;
import io.sealer.api.spi.ImageCacheWriter;
import io.sealer.api.spi.LayerWriteListener;
import io.sealer.api.spi.RegistryClient;
import java.nio.file.Path;
import java.util.List;

/** {@link ImageCacheWriter} over {@link RegistryCache}: the service {@code sealer-core} uses for the cache layer. */
public final class RegistryCacheWriter implements ImageCacheWriter {
    @Override
    public CacheSummary write(RegistryClient client, List<ImageReference> images, List<Platform> platforms,
            Path layerDir, List<Path> existingRoots, Progress progress) {
        return write(client, images, platforms, layerDir, existingRoots, progress, LayerWriteListener.NONE);
    }

    @Override
    public CacheSummary write(RegistryClient client, List<ImageReference> images, List<Platform> platforms,
            Path layerDir, List<Path> existingRoots, Progress progress, LayerWriteListener listener) {
        CacheResult result = new RegistryCache(client, client.settings().maxParallelBlobs(), progress)
                .write(images, platforms, layerDir, existingRoots, listener);
        return new CacheSummary(result.written(), result.skipped(), result.blobsFetched(), result.bytesFetched());
    }
}
