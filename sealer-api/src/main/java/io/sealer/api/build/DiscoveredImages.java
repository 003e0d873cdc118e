package io.sealer.api.build;

import io.sealer.api.image.ImageReference;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The container images a build would cache, found without building or pulling anything.
 *
 * @param images fully-qualified references ({@code docker.io/library/nginx:latest}), sorted by full name
 * @param sources for each image, where it was found ({@code manifests/app.yaml:12}, {@code charts/db (db/templates/x.yaml)},
 *     {@code manifests/imageList:3}, {@code extra image list})
 * @param warnings values that looked like images but were skipped, and instructions not played (RUN), as
 *     {@code file:line: message}
 */
public record DiscoveredImages(List<ImageReference> images, Map<ImageReference, List<String>> sources,
        List<String> warnings) {
    public DiscoveredImages {
        images = List.copyOf(images);
        Map<ImageReference, List<String>> copy = new LinkedHashMap<>();
        sources.forEach((image, where) -> copy.put(image, List.copyOf(where)));
        sources = Collections.unmodifiableMap(copy);
        warnings = List.copyOf(warnings);
    }

    /** Where {@code image} was found; empty when it was not. */
    public List<String> sourcesOf(ImageReference image) {
        return sources.getOrDefault(image, List.of());
    }
}
