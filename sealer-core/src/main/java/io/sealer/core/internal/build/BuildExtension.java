package io.sealer.core.internal.build;

import io.sealer.api.event.Progress;
import io.sealer.api.image.ClusterImage;
import io.sealer.api.image.ImageReference;
import io.sealer.api.image.Layer;
import io.sealer.api.image.Platform;
import io.sealer.core.internal.store.ImageStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A step that runs after a Kubefile's instructions and may add one layer, such as the registry cache layer that
 * holds every discovered container image. The engine calls {@link #apply(Step)} once per target platform.
 */
public interface BuildExtension {
    /**
     * Runs the extension for one platform of a build.
     *
     * @return the added layer, or empty when there was nothing to add
     * @throws io.sealer.api.BuildException naming the Kubefile (and the files referencing a failing image)
     */
    Optional<Layer> apply(Step step);

    /**
     * Everything an extension may use for one platform of a build.
     *
     * @param images the container images the new layers need (discovered, plus extra images), sorted
     * @param sources for each image, where it was referenced ({@code manifests/app.yaml:12}, ...)
     * @param platform the target platform of this image
     * @param buildPlatforms every target platform of the build, in request order
     * @param base the base image, if the Kubefile has one
     * @param kubefile the Kubefile's path, for error messages
     * @param noCache true when the build must not reuse cached layers
     * @param store the store to add the layer to
     * @param progress the platform image's operation, to report under
     */
    record Step(List<ImageReference> images, Map<ImageReference, List<String>> sources, Platform platform,
            List<Platform> buildPlatforms, Optional<ClusterImage> base, String kubefile, boolean noCache,
            ImageStore store, Progress progress) {
        public Step {
            images = List.copyOf(images);
            Map<ImageReference, List<String>> copy = new LinkedHashMap<>();
            sources.forEach((image, where) -> copy.put(image, List.copyOf(where)));
            sources = java.util.Collections.unmodifiableMap(copy);
            Objects.requireNonNull(platform, "platform");
            buildPlatforms = List.copyOf(buildPlatforms);
            Objects.requireNonNull(base, "base");
            Objects.requireNonNull(store, "store");
            Objects.requireNonNull(progress, "progress");
        }

        /** Where {@code image} was referenced; empty when unknown. */
        public List<String> sourcesOf(ImageReference image) {
            return sources.getOrDefault(image, List.of());
        }
    }
}
