package io.sealer.api.spi;

import io.sealer.api.event.Progress;
import io.sealer.api.image.ClusterImage;
import io.sealer.api.image.ImageReference;
import io.sealer.api.image.Platform;
import java.util.List;

/**
 * Moves cluster images between a local store and an OCI registry as ordinary OCI images: one manifest per platform
 * (each layer a gzip blob of the layer's reproducible tar, the sealer metadata in the config blob) under one image
 * index. Obtained from {@link RegistryClientProvider#transport()}. Blob parallelism comes from the client's
 * {@link RegistryClient#settings()}.
 */
public interface ClusterImageTransport {
    /**
     * Pushes every platform of an image under {@code target}'s tag.
     *
     * @param images the images, one per platform, all of the same name
     * @param layers where the layer bytes come from
     * @return the digest of the pushed index
     * @throws io.sealer.api.RegistryException naming the image (and blob) that could not be pushed
     */
    String push(RegistryClient client, ImageReference target, List<ClusterImage> images, LayerStore layers,
            Progress progress);

    /**
     * Pulls the image under {@code source} into {@code layers}, verifying every blob digest while downloading and
     * every layer id while extracting.
     *
     * @param platforms the platforms wanted; empty for every platform the registry has
     * @return one image per platform (named {@code source}'s full name, without id), for the caller to commit
     * @throws io.sealer.api.ImageNotFoundException when the registry does not have the image (or a platform)
     * @throws io.sealer.api.RegistryException naming the image and blob that failed
     */
    List<ClusterImage> pull(RegistryClient client, ImageReference source, List<Platform> platforms,
            LayerStore layers, Progress progress);
}
