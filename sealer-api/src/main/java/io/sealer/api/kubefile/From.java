package io.sealer.api.kubefile;

import io.sealer.api.image.ImageReference;
import io.sealer.api.image.Platform;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code FROM [--platform=<os/arch[/variant]>] <image> [AS <name>]}: the base cluster image.
 *
 * @param line 1-based start line
 * @param original the instruction as written
 * @param image the image as written, or {@code scratch} for an empty base
 * @param platform the {@code --platform} flag, empty when the build's target platform applies
 * @param stageName the {@code AS} name, accepted for Dockerfile compatibility; empty when none
 */
public record From(int line, String original, String image, Optional<Platform> platform, Optional<String> stageName)
        implements Instruction {
    /** The image name that means "no base image". */
    public static final String SCRATCH = "scratch";

    public From {
        Values.text(original, "original");
        Values.text(image, "image");
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(stageName, "stageName");
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
