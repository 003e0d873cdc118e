package io.sealer.registry.internal.source;

import io.sealer.api.RegistryException;
import io.sealer.api.event.Progress;
import io.sealer.api.image.ImageReference;
import io.sealer.api.registry.RegistrySettings;
import io.sealer.api.spi.RegistryClient;
import io.sealer.api.spi.RegistryManifest;
import io.sealer.registry.internal.client.Attempt;
import io.sealer.registry.internal.client.LookupClient;
import io.sealer.registry.internal.client.ManifestLookup;
import io.sealer.registry.internal.io.HashingCopy;
import io.sealer.registry.internal.io.TempFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link RegistryClient} that answers reads from on-disk image sources (OCI layouts, image tarballs,
 * {@code skopeo sync} dir trees) before its delegate's mirrors and registries, so the registry-cache writer and
 * base-image pulls work unchanged, offline. Manifests are served with the exact bytes and digests the sources hold;
 * blobs are copied with their digest verified. Sources are read lazily and indexed once, for the life of this client.
 * {@link #blobExists} is a read like the others (a blob in a source exists); writes go to the delegate, whose uploads
 * check the registry itself.
 *
 * <p>An image is looked for by tag in every source for a full name first, then for a name without its registry (a
 * bare tag in a layout named after the image, a {@code skopeo sync} directory without {@code --scoped}), in the
 * sources' order each time; by digest, any source holding that manifest answers.
 */
public final class SourcedRegistryClient implements LookupClient {

    private final List<ImageSource> sources;
    private final RegistryClient delegate;

    /**
     * @param sources the image sources, searched in order
     * @param delegate where what the sources do not hold is looked up: mirrors, then registries
     */
    public SourcedRegistryClient(List<Path> sources, RegistryClient delegate) {
        this.sources = sources.stream().map(ImageSource::new).toList();
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** The client for {@code settings}: {@code delegate} itself when they name no image source. */
    public static RegistryClient wrap(RegistrySettings settings, RegistryClient delegate) {
        return settings.imageSources().isEmpty() ? delegate
                : new SourcedRegistryClient(settings.imageSources(), delegate);
    }

    @Override
    public RegistrySettings settings() {
        return delegate.settings();
    }

    @Override
    public ManifestLookup lookupManifest(ImageReference reference) {
        for (SourceName.Strength strength : SourceName.Strength.values()) {
            for (ImageSource source : sources) {
                Optional<RegistryManifest> found = source.find(reference, strength);
                if (found.isPresent()) {
                    return new ManifestLookup(reference.toString(), found, List.of());
                }
            }
            if (reference.optionalDigest().isPresent()) {
                break; // a digest does not depend on how names match
            }
        }
        List<Attempt> attempts = new ArrayList<>();
        for (ImageSource source : sources) {
            attempts.add(Attempt.notFound(source.label(reference.optionalDigest().isPresent() ? Optional.empty()
                    : source.hint(reference))));
        }
        return LookupClient.lookup(delegate, reference).after(attempts);
    }

    /** An image source's manifest when one has it (no request), else the registry's answer to a {@code HEAD}. */
    @Override
    public Optional<String> resolveDigest(ImageReference reference) {
        for (SourceName.Strength strength : SourceName.Strength.values()) {
            for (ImageSource source : sources) {
                Optional<RegistryManifest> found = source.find(reference, strength);
                if (found.isPresent()) {
                    return Optional.of(found.get().digest());
                }
            }
            if (reference.optionalDigest().isPresent()) {
                break;
            }
        }
        return delegate.resolveDigest(reference);
    }

    @Override
    public boolean blobExists(ImageReference repository, String digest) {
        return find(digest).isPresent() || delegate.blobExists(repository, digest);
    }

    @Override
    public void fetchBlob(ImageReference repository, String digest, long size, Path target, Progress progress) {
        Optional<Located> found = find(digest);
        if (found.isEmpty()) {
            delegate.fetchBlob(repository, digest, size, target, progress);
            return;
        }
        copyVerified(repository.toString(), digest, size, found.get(), target, progress);
    }

    @Override
    public void pushBlob(ImageReference repository, String digest, long size, Path source,
            Optional<ImageReference> mountFrom, Progress progress) {
        delegate.pushBlob(repository, digest, size, source, mountFrom, progress);
    }

    @Override
    public String pushManifest(ImageReference reference, RegistryManifest manifest) {
        return delegate.pushManifest(reference, manifest);
    }

    @Override
    public void checkAccess(String registry) {
        delegate.checkAccess(registry);
    }

    @Override
    public void close() {
        delegate.close();
    }

    private record Located(ImageSource source, BlobFile file) {
    }

    private Optional<Located> find(String digest) {
        for (ImageSource source : sources) {
            Optional<BlobFile> file = source.blob(digest);
            if (file.isPresent()) {
                return Optional.of(new Located(source, file.get()));
            }
        }
        return Optional.empty();
    }

    private static void copyVerified(String image, String digest, long size, Located found, Path target,
            Progress progress) {
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        HashingCopy copy = new HashingCopy(progress);
        try {
            long total = size >= 0 ? size : found.file().size();
            Files.createDirectories(target.toAbsolutePath().getParent());
            try (InputStream in = found.file().open(); OutputStream out = Files.newOutputStream(partial)) {
                copy.copy(in, out, total);
            }
            String actual = copy.digest();
            long done = copy.done();
            if (!actual.equals(digest) || (size >= 0 && done != size)) {
                Files.deleteIfExists(partial);
                throw new RegistryException(image, found.source().label() + ": blob " + digest + " is corrupt: "
                        + found.file().location() + " has " + done + " bytes with digest " + actual
                        + (size >= 0 ? ", expected " + size + " bytes" : ""), null);
            }
            try {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
            }
            progress.progressed(done, total);
        } catch (IOException e) {
            TempFiles.deleteQuietly(partial);
            throw new RegistryException(image, found.source().label() + ": reading blob " + digest + " from "
                    + found.file().location() + " failed after " + copy.done() + " bytes: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            TempFiles.deleteQuietly(partial);
            throw e;
        }
    }
}
