package io.sealer.api.spi;

import java.util.Objects;

/**
 * A manifest as a registry serves it: the exact bytes (digests are over these bytes), their media type and digest.
 *
 * @param mediaType e.g. {@code application/vnd.oci.image.index.v1+json}
 * @param digest {@code sha256:<hex>} of {@code content}
 * @param content the manifest bytes
 */
public record RegistryManifest(String mediaType, String digest, byte[] content) {
    public RegistryManifest {
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(digest, "digest");
        content = content.clone();
    }

    @Override
    public byte[] content() {
        return content.clone();
    }
}
