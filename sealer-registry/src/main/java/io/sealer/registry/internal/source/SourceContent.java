package io.sealer.registry.internal.source;

import io.sealer.api.RegistryException;
import io.sealer.api.spi.RegistryManifest;
import io.sealer.registry.internal.manifest.Digests;
import io.sealer.registry.internal.manifest.ManifestDocument;
import io.sealer.registry.internal.manifest.MediaTypes;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What one image source holds once indexed: named images (each a manifest digest), the media types its index files
 * give for manifests, and where every blob is. Reading content stays lazy: only names and small JSON documents are
 * read when indexing.
 *
 * @param kind what the source is, e.g. {@code OCI layout}, {@code docker save tarball}, {@code skopeo dir tree}
 * @param images the named images, in the source's order
 * @param mediaTypes manifest media types by digest, as the source's index files give them
 * @param blobs finds a blob (manifests included) by digest
 */
record SourceContent(String kind, List<NamedImage> images, Map<String, String> mediaTypes,
        Function<String, Optional<BlobFile>> blobs) {
    /** Manifests larger than this are not manifests (the same bound as a registry client's). */
    static final int MAX_MANIFEST_BYTES = 4 << 20;

    SourceContent {
        images = List.copyOf(images);
        mediaTypes = Map.copyOf(mediaTypes);
    }

    /**
     * An image under a name.
     *
     * @param name the name
     * @param digest its manifest's (or index's) digest
     */
    record NamedImage(SourceName name, String digest) {
    }

    /** The blob, if this source has it. */
    Optional<BlobFile> blob(String digest) {
        return blobs.apply(digest);
    }

    /**
     * The manifest with this digest, if the source has it, with its bytes verified.
     *
     * @param label the source's label for messages
     * @param image the image it is read for
     * @throws RegistryException naming the source and the manifest when it is corrupt or unreadable
     */
    Optional<RegistryManifest> manifest(String label, String image, String digest) {
        Optional<BlobFile> file = blob(digest);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        String known = mediaTypes.get(digest);
        byte[] content;
        try {
            if (known == null && file.get().size() > MAX_MANIFEST_BYTES) {
                return Optional.empty();
            }
            content = file.get().readAtMost(MAX_MANIFEST_BYTES);
        } catch (IOException e) {
            throw new RegistryException(image, label + ": cannot read manifest " + digest + " from "
                    + file.get().location() + ": " + e.getMessage(), e);
        }
        if (content.length > MAX_MANIFEST_BYTES) {
            if (known == null) {
                return Optional.empty();
            }
            throw new RegistryException(image, label + ": manifest " + digest + " is larger than "
                    + MAX_MANIFEST_BYTES + " bytes", null);
        }
        String actual = Digests.of(content);
        if (!actual.equals(digest)) {
            throw new RegistryException(image, label + ": manifest " + digest + " is corrupt: "
                    + file.get().location() + " has digest " + actual, null);
        }
        ManifestDocument doc;
        try {
            doc = ManifestDocument.parse(image, new RegistryManifest(known == null ? "" : known, digest, content));
        } catch (RegistryException e) {
            if (known == null) {
                return Optional.empty(); // a blob that is no manifest (asked for by digest)
            }
            throw new RegistryException(image, label + ": " + e.problem(), e);
        }
        if (!MediaTypes.isIndex(doc.mediaType()) && !MediaTypes.isImageManifest(doc.mediaType())) {
            return Optional.empty();
        }
        return Optional.of(new RegistryManifest(doc.mediaType(), digest, content));
    }
}
