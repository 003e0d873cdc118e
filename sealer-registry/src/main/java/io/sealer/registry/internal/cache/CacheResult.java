package io.sealer.registry.internal.cache;

import io.sealer.api.image.ImageReference;
import java.util.List;

/**
 * What {@link RegistryCache#write} did.
 *
 * @param written images stored in the layer
 * @param skipped images already complete in an existing registry root (or in the layer itself)
 * @param blobsFetched blobs downloaded (each at most once)
 * @param bytesFetched bytes of those blobs
 */
public record CacheResult(List<ImageReference> written, List<ImageReference> skipped, int blobsFetched,
        long bytesFetched) {
    public CacheResult {
        written = List.copyOf(written);
        skipped = List.copyOf(skipped);
    }
}
