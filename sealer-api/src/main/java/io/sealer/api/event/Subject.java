package io.sealer.api.event;

import io.sealer.api.image.ImageReference;
import io.sealer.api.image.Platform;
import java.util.Objects;
import java.util.Optional;

/**
 * What an operation works on, as typed fields; each is empty where it does not apply. Build one with the factories
 * and the {@code with...} methods: {@code Subject.image(ref).withPlatform(p)}, {@code Subject.host("10.0.0.2")
 * .withStep("kubeadm init")}.
 *
 * @param image the cluster or container image
 * @param digest a blob or layer digest, {@code sha256:<hex>}
 * @param platform the target platform
 * @param host a host address
 * @param phase an install phase (e.g. {@code PreInit}, {@code post-install})
 * @param step a step name, or a location such as {@code Kubefile:3}
 */
public record Subject(Optional<ImageReference> image, Optional<String> digest, Optional<Platform> platform,
        Optional<String> host, Optional<String> phase, Optional<String> step) {
    /** No subject. */
    public static final Subject NONE = new Subject(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty());

    public Subject {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(step, "step");
    }

    /** An image. */
    public static Subject image(ImageReference image) {
        return NONE.withImage(image);
    }

    /** A blob or layer digest. */
    public static Subject digest(String digest) {
        return NONE.withDigest(digest);
    }

    /** A host. */
    public static Subject host(String address) {
        return NONE.withHost(address);
    }

    /** A named step. */
    public static Subject step(String step) {
        return NONE.withStep(step);
    }

    /** This subject with an image. */
    public Subject withImage(ImageReference value) {
        return new Subject(Optional.of(value), digest, platform, host, phase, step);
    }

    /** This subject with a digest. */
    public Subject withDigest(String value) {
        return new Subject(image, Optional.of(value), platform, host, phase, step);
    }

    /** This subject with a platform. */
    public Subject withPlatform(Platform value) {
        return new Subject(image, digest, Optional.of(value), host, phase, step);
    }

    /** This subject with a host. */
    public Subject withHost(String value) {
        return new Subject(image, digest, platform, Optional.of(value), phase, step);
    }

    /** This subject with a phase. */
    public Subject withPhase(String value) {
        return new Subject(image, digest, platform, host, Optional.of(value), step);
    }

    /** This subject with a step. */
    public Subject withStep(String value) {
        return new Subject(image, digest, platform, host, phase, Optional.of(value));
    }

    /** The fields that are set, as {@code image=... digest=...}, for logs. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        image.ifPresent(v -> text.append(" image=").append(v));
        digest.ifPresent(v -> text.append(" digest=").append(v));
        platform.ifPresent(v -> text.append(" platform=").append(v));
        host.ifPresent(v -> text.append(" host=").append(v));
        phase.ifPresent(v -> text.append(" phase=").append(v));
        step.ifPresent(v -> text.append(" step=").append(v));
        return text.toString().trim();
    }
}
