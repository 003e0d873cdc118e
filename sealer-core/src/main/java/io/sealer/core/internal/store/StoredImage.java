package io.sealer.core.internal.store;

import io.sealer.api.image.ClusterImage;
import io.sealer.api.image.ImageConfig;
import io.sealer.api.image.Layer;
import io.sealer.api.image.Platform;
import java.time.Instant;
import java.util.List;

/**
 * An image as stored in {@code metadata/imagedb/<hex>.json} and in saved archives: everything but a name, since
 * every name given to the same content points at the same file. The id is the {@code sha256} of
 * {@link ImageCodec#imageId the canonical JSON} of {@code platform}, {@code layers}, {@code config},
 * {@code containerImages} and {@code created}; {@code built} is kept beside it and is not hashed.
 *
 * <p>Metadata written before ids left out the name also holds {@code name} (ignored when read) and no
 * {@code built}; its stored id was computed the old way and stays its id.
 *
 * @param id {@code sha256:<hex>}, {@code null} until computed
 * @param platform the platform
 * @param layers layers, base first, with their sizes
 * @param config the image configuration
 * @param containerImages container images the image needs
 * @param created the reproducible creation time ({@code SOURCE_DATE_EPOCH}, or the epoch), part of the id
 * @param built wall-clock time of the build (or pull or load) that first stored it; {@code null} in old metadata
 */
record StoredImage(String id, Platform platform, List<Layer> layers, ImageConfig config,
        List<String> containerImages, Instant created, Instant built) {
    StoredImage {
        layers = layers == null ? List.of() : List.copyOf(layers);
        config = config == null ? ImageConfig.EMPTY : config;
        containerImages = containerImages == null ? List.of() : List.copyOf(containerImages);
    }

    StoredImage withId(String newId) {
        return new StoredImage(newId, platform, layers, config, containerImages, created, built);
    }

    StoredImage withBuilt(Instant time) {
        return new StoredImage(id, platform, layers, config, containerImages, created, time);
    }

    /** The wall-clock build time, or the creation time for metadata that has none. */
    Instant builtOrCreated() {
        return built != null ? built : created;
    }

    /** The image under one of its names. */
    ClusterImage named(String name) {
        return new ClusterImage(name, id, platform, layers, config, containerImages, created);
    }

    /** The name-free content of {@code image}, without id. */
    static StoredImage of(ClusterImage image, List<Layer> sizedLayers, Instant created, Instant built) {
        return new StoredImage(null, image.platform(), sizedLayers, image.config(), image.containerImages(),
                created, built);
    }

    long size() {
        return layers.stream().mapToLong(Layer::size).sum();
    }
}
