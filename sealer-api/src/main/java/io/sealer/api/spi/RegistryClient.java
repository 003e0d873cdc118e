package io.sealer.api.spi;

import io.sealer.api.event.Progress;
import io.sealer.api.registry.RegistrySettings;
import io.sealer.api.image.ImageReference;
import java.io.Closeable;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Blob and manifest I/O against one or more OCI distribution registries. Implemented by {@code sealer-registry} and
 * obtained through {@link RegistryClientProvider}. Every method verifies digests and throws
 * {@link io.sealer.api.RegistryException} naming the image (and blob) on failure.
 */
public interface RegistryClient extends Closeable {
    /** Media types a client asks for when fetching a manifest by tag. */
    List<String> MANIFEST_MEDIA_TYPES = List.of(
            "application/vnd.oci.image.index.v1+json",
            "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.docker.distribution.manifest.v2+json");

    /** The settings this client was created with (mirrors, trust, bounds such as blob parallelism). */
    RegistrySettings settings();

    /**
     * Fetches a manifest by the reference's digest, or else by its tag.
     *
     * @return the manifest, absent when the registry answers 404
     */
    Optional<RegistryManifest> fetchManifest(ImageReference reference);

    /**
     * The digest of the manifest {@code reference} names now, where the registry can say it without sending the
     * manifest (a {@code HEAD} request, which registries such as Docker Hub do not count as a pull); empty when no
     * source has it. The default reads the manifest.
     *
     * @throws io.sealer.api.RegistryException as {@link #fetchManifest} does
     */
    default Optional<String> resolveDigest(ImageReference reference) {
        return fetchManifest(reference).map(RegistryManifest::digest);
    }

    /** True when the repository of {@code repository} holds the blob. */
    boolean blobExists(ImageReference repository, String digest);

    /**
     * Streams a blob to {@code target}, verifying its digest while writing; on mismatch the partial file is deleted.
     */
    void fetchBlob(ImageReference repository, String digest, long size, Path target, Progress progress);

    /** Uploads a blob unless present; mounts it from {@code mountFrom} of the same registry when possible. */
    void pushBlob(ImageReference repository, String digest, long size, Path source, Optional<ImageReference> mountFrom,
            Progress progress);

    /** Puts a manifest under the reference's tag (or digest) and returns its digest. */
    String pushManifest(ImageReference reference, RegistryManifest manifest);

    /**
     * Checks that {@code registry} ({@code host[:port]}) accepts this client's credentials: {@code GET /v2/} answered
     * 200, after a Basic or Bearer challenge when the registry sends one.
     *
     * @throws io.sealer.api.RegistryException naming the registry when it refuses the credentials or cannot be reached
     */
    default void checkAccess(String registry) {
        throw new UnsupportedOperationException("this registry client cannot check access");
    }

    @Override
    void close();
}
