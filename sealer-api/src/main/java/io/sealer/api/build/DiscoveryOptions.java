package io.sealer.api.build;

import io.sealer.api.image.ImageReference;
import java.nio.file.Path;
import java.util.List;

/**
 * What discovery adds to, removes from and feeds into what it finds.
 *
 * @param extraImages images always included (sealer's {@code --image-list})
 * @param ignoredImages images removed after normalisation ({@code nginx} ignores {@code docker.io/library/nginx:latest})
 * @param helmValuesFiles values files passed to Helm, in order, for every chart rendered (after the chart's defaults)
 */
public record DiscoveryOptions(List<ImageReference> extraImages, List<ImageReference> ignoredImages,
        List<Path> helmValuesFiles) {

    public DiscoveryOptions {
        extraImages = List.copyOf(extraImages);
        ignoredImages = List.copyOf(ignoredImages);
        helmValuesFiles = List.copyOf(helmValuesFiles);
    }

    /**
     * Reads an image list as sealer does ({@code manifests/imageList}, {@code --image-list}): one reference per line,
     * blank lines and {@code #} comments skipped.
     *
     * @throws io.sealer.api.InvalidReferenceException for a line that is not an image reference
     */
    public static List<ImageReference> parseImageList(List<String> lines) {
        return lines.stream().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .map(ImageReference::parse).toList();
    }

    /** No extra images, nothing ignored, chart defaults only. */
    public static DiscoveryOptions defaults() {
        return new DiscoveryOptions(List.of(), List.of(), List.of());
    }

    /** These options with {@code images} always included. */
    public DiscoveryOptions withExtraImages(List<ImageReference> images) {
        return new DiscoveryOptions(images, ignoredImages, helmValuesFiles);
    }

    /** These options with {@code images} removed from the result. */
    public DiscoveryOptions withIgnoredImages(List<ImageReference> images) {
        return new DiscoveryOptions(extraImages, images, helmValuesFiles);
    }

    /** These options with {@code files} passed to Helm as values files. */
    public DiscoveryOptions withHelmValuesFiles(List<Path> files) {
        return new DiscoveryOptions(extraImages, ignoredImages, files);
    }
}
