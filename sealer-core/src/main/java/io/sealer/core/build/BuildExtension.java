package io.sealer.core.build;

import io.sealer.api.ProgressListener;
import io.sealer.api.image.ClusterImage;
import io.sealer.api.image.ImageReference;
import io.sealer.api.image.Layer;
import io.sealer.api.image.Platform;
import io.sealer.core.store.ImageStore;
import java.util.List;
import java.util.Optional;

/**
 * A step that runs after a Kubefile's instructions and may add one layer, such as the registry cache layer that
 * holds every discovered container image.
 */
public interface BuildExtension {
    /**
     * @param images the container images the new layers need (discovered, plus extra images)
     * @param platform the target platform of this image
     * @param base the base image, if the Kubefile has one
     * @param store the store to add the layer to
     * @param listener progress
     * @return the added layer, or empty when there was nothing to add
     */
    Optional<Layer> apply(List<ImageReference> images, Platform platform, Optional<ClusterImage> base,
            ImageStore store, ProgressListener listener);
}
