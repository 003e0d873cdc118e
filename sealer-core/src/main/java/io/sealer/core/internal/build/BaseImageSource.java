package io.sealer.core.internal.build;

import io.sealer.api.image.ClusterImage;
import io.sealer.api.image.ImageReference;
import io.sealer.api.image.Platform;
import io.sealer.core.internal.store.ImageStore;
import java.util.Optional;

/** Supplies base images that are missing from the local store, e.g. by pulling them from a registry. */
@FunctionalInterface
public interface BaseImageSource {
    /** No source: a missing base image is an error. */
    BaseImageSource NONE = (reference, platform, store) -> Optional.empty();

    /**
     * Fetches the image for the platform into {@code store}.
     *
     * @return the stored image, or empty when the source does not have it
     */
    Optional<ClusterImage> fetch(ImageReference reference, Platform platform, ImageStore store);
}
