package io.sealer.registry.internal.manifest;

import io.sealer.api.image.Platform;
import java.util.Objects;
import java.util.Optional;

/**
 * An OCI content descriptor: what a manifest says about a blob or a child manifest.
 *
 * @param mediaType media type of the referenced content
 * @param digest {@code sha256:<hex>} of the referenced content
 * @param size size in bytes, or -1 when the manifest did not say
 * @param platform the platform of a child manifest in an index, absent otherwise
 */
public record Descriptor(String mediaType, String digest, long size, Optional<Platform> platform) {
    public Descriptor {
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(platform, "platform");
    }
}
