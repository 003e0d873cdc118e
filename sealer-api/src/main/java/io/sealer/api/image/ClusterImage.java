package io.sealer.api.image;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A cluster image for one platform, as held in the local store: the {@code sealer inspect} view.
 *
 * @param name full normalised name, e.g. {@code docker.io/library/my-nginx-kubernetes:v1.19.8}
 * @param id {@code sha256:<hex>} of the image's canonical metadata without its name: the same for every name of the
 *     same content, in every store
 * @param platform the platform this image was built for
 * @param layers layers in order, base layers first; the registry cache layer, when present, is last
 * @param config commands, args, labels, env and applications
 * @param containerImages container images the image needs (full names, sorted), found by discovery
 * @param created creation time, part of the id: {@code SOURCE_DATE_EPOCH} at build time, else
 *     1970-01-01T00:00:00Z, so that rebuilding the same inputs gives the same id (the wall-clock build time is in the
 *     store's listing)
 */
public record ClusterImage(String name, String id, Platform platform, List<Layer> layers, ImageConfig config,
        List<String> containerImages, Instant created) {
    public ClusterImage {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(platform, "platform");
        layers = List.copyOf(layers);
        config = config == null ? ImageConfig.EMPTY : config;
        containerImages = List.copyOf(containerImages);
    }

    /** Bytes of all layers together (uncompressed). */
    public long size() {
        return layers.stream().mapToLong(Layer::size).sum();
    }
}
