package io.sealer.core.internal.discovery;

import io.sealer.api.image.ImageReference;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The images discovery found and what it skipped.
 *
 * @param images normalised, de-duplicated images sorted by {@link ImageReference#fullName()}; a reference given
 *     without tag or digest carries the tag {@code latest}
 * @param warnings values that looked like images but were skipped (templated, invalid), images of components switched
 *     off with {@code enabled: false}, {@code baseImage}s without a version, and files read with the line rule, each
 *     as {@code file:line: message} (or {@code chart (template): message})
 * @param sources for every image, where it was referenced ({@code manifests/app.yaml:12},
 *     {@code charts/apps (apps/templates/deploy.yaml)}, {@code manifests/imageList:3}, {@code extra image list})
 */
public record DiscoveryResult(List<ImageReference> images, List<String> warnings,
        Map<ImageReference, List<String>> sources) {

    public DiscoveryResult {
        images = List.copyOf(images);
        warnings = List.copyOf(warnings);
        Map<ImageReference, List<String>> copy = new LinkedHashMap<>();
        sources.forEach((image, where) -> copy.put(image, List.copyOf(where)));
        sources = java.util.Collections.unmodifiableMap(copy);
    }

    /** Where {@code image} was referenced; empty when it was not found. */
    public List<String> sourcesOf(ImageReference image) {
        return sources.getOrDefault(ImageCollector.canonical(image), List.of());
    }

    /** The full names of {@link #images()}, in order. */
    public List<String> fullNames() {
        return images.stream().map(ImageReference::fullName).toList();
    }
}
