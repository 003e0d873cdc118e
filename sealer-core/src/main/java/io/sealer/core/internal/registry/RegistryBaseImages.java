package io.sealer.core.internal.registry;

import io.sealer.api.ImageNotFoundException;
import io.sealer.api.event.Progress;
import io.sealer.api.image.ClusterImage;
import io.sealer.api.image.ImageReference;
import io.sealer.api.image.Platform;
import io.sealer.core.internal.build.BaseImageSource;
import io.sealer.core.internal.store.ImageStore;
import java.util.List;
import java.util.Optional;

/** Pulls a base image missing from the local store (FROM) from its registry and commits it to the store. */
public final class RegistryBaseImages implements BaseImageSource {
    private final ClusterImages images;

    /** @param images push/pull over the registry adapter */
    public RegistryBaseImages(ClusterImages images) {
        this.images = images;
    }

    @Override
    public Optional<ClusterImage> fetch(ImageReference reference, Platform platform, ImageStore store) {
        try {
            return images.pull(store, reference, List.of(platform), Progress.NONE).stream().findFirst();
        } catch (ImageNotFoundException e) {
            return Optional.empty();
        }
    }
}
