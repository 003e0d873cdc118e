package io.sealer.registry.internal.cache;

import io.sealer.api.image.ImageReference;
import io.sealer.api.image.Platform;
import io.sealer.api.spi.RegistryManifest;
import io.sealer.registry.internal.manifest.Descriptor;
import io.sealer.registry.internal.manifest.Digests;
import io.sealer.registry.internal.manifest.ManifestDocument;
import io.sealer.api.SealerException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Registry roots already there (the base image's cache layers and the target itself), seen as one merged view the
 * way an overlay mount shows them: answers whether a blob or a whole image (for the wanted platforms) is present.
 */
final class ExistingContent {
    private final List<RegistryLayout> layouts;

    private ExistingContent(List<RegistryLayout> layouts) {
        this.layouts = List.copyOf(layouts);
    }

    /**
     * Accepts, for every root, either a registry {@code rootdirectory} (holding {@code docker/registry/v2}) or a layer
     * directory (holding {@code registry/docker/registry/v2}).
     */
    static ExistingContent of(List<Path> roots, RegistryLayout target) {
        List<RegistryLayout> layouts = new ArrayList<>();
        layouts.add(target);
        for (Path root : roots) {
            Path v2 = RegistryLayout.v2Of(root);
            if (!Files.isDirectory(v2)) {
                v2 = RegistryLayout.v2Of(root.resolve("registry"));
            }
            if (Files.isDirectory(v2)) {
                layouts.add(new RegistryLayout(v2, null));
            }
        }
        return new ExistingContent(layouts);
    }

    boolean hasBlob(String digest) {
        return layouts.stream().anyMatch(l -> l.hasBlob(digest));
    }

    /** True when the image's manifest, the manifests of the wanted platforms and all their blobs are present. */
    boolean hasImage(ImageReference image, List<Platform> platforms) {
        String repo = image.path();
        Optional<String> digest = image.optionalDigest();
        if (digest.isEmpty()) {
            String tag = image.effectiveTag();
            digest = layouts.stream().map(l -> l.tagDigest(repo, tag)).flatMap(Optional::stream).findFirst();
        }
        if (digest.isEmpty() || !Digests.isSha256(digest.get()) || !hasRevision(repo, digest.get())) {
            return false;
        }
        Optional<ManifestDocument> top = manifest(image, digest.get());
        if (top.isEmpty()) {
            return false;
        }
        if (!top.get().isIndex()) {
            return blobsPresent(repo, top.get());
        }
        List<Descriptor> children = new ArrayList<>();
        if (platforms.isEmpty()) {
            children.addAll(top.get().manifests());
        } else {
            for (Platform platform : platforms) {
                Optional<Descriptor> child = top.get().select(platform);
                if (child.isEmpty()) {
                    return false;
                }
                children.add(child.get());
            }
        }
        for (Descriptor child : children) {
            if (!hasRevision(repo, child.digest())) {
                return false;
            }
            Optional<ManifestDocument> doc = manifest(image, child.digest());
            if (doc.isEmpty() || doc.get().isIndex() || !blobsPresent(repo, doc.get())) {
                return false;
            }
        }
        return true;
    }

    private boolean hasRevision(String repo, String digest) {
        return layouts.stream().anyMatch(l -> l.hasRevision(repo, digest));
    }

    private boolean blobsPresent(String repo, ManifestDocument doc) {
        return doc.blobs().stream().allMatch(d -> hasBlob(d.digest()));
    }

    private Optional<ManifestDocument> manifest(ImageReference image, String digest) {
        for (RegistryLayout layout : layouts) {
            Optional<byte[]> bytes = layout.readBlob(digest);
            if (bytes.isPresent() && Digests.of(bytes.get()).equals(digest)) {
                try {
                    return Optional.of(ManifestDocument.parse(image.toString(),
                            new RegistryManifest("", digest, bytes.get())));
                } catch (SealerException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }
}
