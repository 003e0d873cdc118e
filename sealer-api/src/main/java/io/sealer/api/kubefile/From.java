package io.sealer.api.kubefile;

import io.sealer.api.image.ImageReference;
import io.sealer.api.image.Platform;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code FROM [--platform=<platforms>] <image> [AS <name>]}: the base cluster image. {@code --platform} takes one
 * {@code os/arch[/variant]} or, as sealer's parser accepts, a list of them: {@code linux/amd64,linux/arm64},
 * {@code [linux/amd64,linux/arm64]} or {@code "[linux/amd64, linux/arm64]"}.
 *
 * @param line 1-based start line
 * @param original the instruction as written
 * @param image the image as written, or {@code scratch} for an empty base
 * @param platforms the {@code --platform} flag's platforms in the order written, without duplicates; empty when the
 *     build's target platform applies
 * @param stageName the {@code AS} name, accepted for Dockerfile compatibility; empty when none
 */
public record From(int line, String original, String image, List<Platform> platforms, Optional<String> stageName)
        implements Instruction {
    /** The image name that means "no base image". */
    public static final String SCRATCH = "scratch";

    public From {
        Values.text(original, "original");
        Values.text(image, "image");
        platforms = List.copyOf(platforms.stream().distinct().toList());
        Objects.requireNonNull(stageName, "stageName");
    }

    /** A FROM with at most one platform. */
    public From(int line, String original, String image, Optional<Platform> platform, Optional<String> stageName) {
        this(line, original, image, platform.map(List::of).orElse(List.of()), stageName);
    }

    /**
     * The one platform the base image is taken for whatever the build targets: present only when
     * {@code --platform} names exactly one. With a list the base is taken for the build's target platform, which is
     * expected to be one of {@link #platforms()}.
     */
    public Optional<Platform> platform() {
        return platforms.size() == 1 ? Optional.of(platforms.get(0)) : Optional.empty();
    }

    /** True for {@code FROM scratch}: nothing is pulled. */
    public boolean isScratch() {
        return SCRATCH.equals(image);
    }

    /**
     * The base image as a normalised reference.
     *
     * @throws IllegalStateException for {@code FROM scratch}
     * @throws io.sealer.api.InvalidReferenceException when the image is not a valid reference
     */
    public ImageReference reference() {
        if (isScratch()) {
            throw new IllegalStateException("FROM scratch has no image reference");
        }
        return ImageReference.parse(image);
    }

    @Override
    public String keyword() {
        return "FROM";
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
