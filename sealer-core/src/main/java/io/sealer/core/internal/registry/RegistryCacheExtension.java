package io.sealer.core.internal.registry;

import io.sealer.api.BuildException;
import io.sealer.api.ImageNotFoundException;
import io.sealer.api.event.Progress;
import io.sealer.api.event.OperationKind;
import io.sealer.api.event.Subject;
import io.sealer.api.SealerException;
import io.sealer.api.image.Layer;
import io.sealer.api.image.Platform;
import io.sealer.api.spi.ImageCacheWriter;
import io.sealer.core.internal.build.BuildExtension;
import io.sealer.core.internal.io.Trees;
import io.sealer.core.internal.layer.FollowingDigest;
import io.sealer.core.internal.layer.LayerDigest;
import io.sealer.core.internal.store.ImageStore;
import io.sealer.core.internal.store.StoredLayer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds the registry cache layer ({@code type: BASE}, {@code value: registry cache}) holding every container image
 * the new layers need, as {@code registry/docker/registry/v2/...}.
 *
 * <p>Every target platform of the build is cached, in each platform's image: an index under its tag lists all of them
 * and every one can be pulled, unlike sealer, which keeps only the image's own platform (issue #1707). Since the
 * content is then the same for each platform, every platform image shares one stored layer. Images already in the
 * base image's cache layers are not fetched again. The layer is recorded in the build cache under what the images
 * resolved to (every image's manifest digest), the platforms and the base cache layer ids, so a rebuild whose images
 * are unchanged downloads nothing and one whose tag moved (or whose image source changed) caches again; see
 * {@link RegistryCacheKeys}.
 */
public final class RegistryCacheExtension implements BuildExtension {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryCacheExtension.class);

    private final ImageCacheWriter writer;
    private final RegistrySession session;

    /**
     * @param writer writes the cache layer
     * @param session the registry client to read through
     */
    public RegistryCacheExtension(ImageCacheWriter writer, RegistrySession session) {
        this.writer = writer;
        this.session = session;
    }

    @Override
    public Optional<Layer> apply(Step step) {
        if (step.images().isEmpty()) {
            return Optional.empty();
        }
        ImageStore store = step.store();
        List<Layer> baseCaches = step.base().map(b -> b.layers().stream()
                .filter(l -> l.isRegistryCache() && l.id() != null).toList()).orElse(List.of());
        List<Platform> platforms = step.buildPlatforms().isEmpty() ? List.of(step.platform()) : step.buildPlatforms();
        String namesKey = RegistryCacheKeys.byNames(step.images(), platforms, baseCaches);
        Optional<RegistryCacheKeys.Resolution> resolution = step.noCache() ? Optional.empty()
                : Optional.of(RegistryCacheKeys.resolve(session.client(), step.images()));
        if (resolution.isPresent()) {
            RegistryCacheKeys.Resolution resolved = resolution.get();
            Optional<StoredLayer> cached = cached(step, store, resolved, namesKey, platforms, baseCaches);
            if (cached.isPresent()) {
                Progress op = step.progress().start(OperationKind.REGISTRY_CACHE, Subject.NONE,
                        "caching " + step.images().size() + " container image(s)");
                op.finished("using cached layer " + cached.get().id());
                return Optional.of(cached.get().toLayer(Layer.TYPE_BASE, Layer.REGISTRY_CACHE));
            }
        }
        List<Path> existing = baseCaches.stream().map(l -> store.layerPath(l.id())).toList();
        Path dir = store.newStagingDir();
        Progress op = step.progress().start(OperationKind.REGISTRY_CACHE, Subject.NONE,
                "caching " + step.images().size() + " container image(s) for " + platforms);
        StoredLayer stored;
        ImageCacheWriter.CacheSummary summary;
        // the layer is hashed while the images download, so that little is left to hash once they are in
        try (FollowingDigest digest = FollowingDigest.of(dir)) {
            try {
                summary = writer.write(session.client(), step.images(), platforms, dir, existing, op, digest);
            } catch (SealerException e) {
                digest.close();
                Trees.deleteQuietly(dir);
                BuildException failure = failure(step, e);
                op.failed(failure.problem());
                throw failure;
            } catch (RuntimeException e) {
                digest.close();
                Trees.deleteQuietly(dir);
                op.failed(String.valueOf(e.getMessage()));
                throw e;
            }
            if (summary.written().isEmpty()) {
                Trees.deleteQuietly(dir);
                op.finished("every container image is already in the base image");
                return Optional.empty();
            }
            stored = store(store, dir, digest);
        }
        store.recordCache(namesKey, stored.id());
        List<Path> roots = new ArrayList<>(List.of(store.layerPath(stored.id())));
        roots.addAll(existing);
        RegistryCacheKeys.written(step.images(), roots)
                .or(() -> resolution.flatMap(RegistryCacheKeys.Resolution::digests))
                .ifPresent(digests -> store.recordCache(RegistryCacheKeys.byDigests(digests, platforms, baseCaches),
                        stored.id()));
        LOG.debug("registry cache layer {}: {} image(s) written, {} skipped, {} blob(s) / {} bytes fetched",
                stored.id(), summary.written().size(), summary.skipped().size(), summary.blobsFetched(),
                summary.bytesFetched());
        op.finished(summary.written().size() + " image(s) cached, " + summary.blobsFetched() + " blob(s) fetched");
        return Optional.of(stored.toLayer(Layer.TYPE_BASE, Layer.REGISTRY_CACHE));
    }

    /** Stores the layer under the digest computed while it was written, or hashes it now when there is none. */
    private static StoredLayer store(ImageStore store, Path dir, FollowingDigest digest) {
        Optional<LayerDigest> known;
        try {
            known = digest.finish();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Trees.deleteQuietly(dir);
            throw new BuildException("interrupted while hashing the registry cache layer", e);
        }
        return known.map(d -> store.addLayer(dir, d)).orElseGet(() -> store.addLayer(dir));
    }

    /**
     * The layer cached for what the images resolve to now; when they could not be resolved for want of a registry,
     * the one cached for the same names, with a warning.
     */
    private static Optional<StoredLayer> cached(Step step, ImageStore store, RegistryCacheKeys.Resolution resolution,
            String namesKey, List<Platform> platforms, List<Layer> baseCaches) {
        if (resolution.digests().isPresent()) {
            return store.cachedLayer(RegistryCacheKeys.byDigests(resolution.digests().get(), platforms, baseCaches))
                    .flatMap(store::layer);
        }
        if (!resolution.unreachable()) {
            return Optional.empty(); // an image that does not exist: the write says which, and where it looked
        }
        Optional<StoredLayer> byNames = store.cachedLayer(namesKey).flatMap(store::layer);
        byNames.ifPresent(layer -> step.progress().warning(step.kubefile(), "could not check whether the container"
                + " images changed (" + resolution.problem() + "); reusing the registry cache layer " + layer.id()
                + " built for the same image names"));
        return byNames;
    }

    /** Names the Kubefile, the failing image and the files that referenced it. */
    private static BuildException failure(Step step, SealerException e) {
        String image = e instanceof ImageNotFoundException notFound ? notFound.image() : e.source().orElse("");
        List<String> where = step.images().stream().filter(i -> i.toString().equals(image)
                || i.fullName().equals(image)).findFirst().map(step::sourcesOf).orElse(List.of());
        String referenced = where.isEmpty() ? "" : " (referenced by " + String.join(", ", where) + ")";
        String problem = e instanceof ImageNotFoundException
                ? "container image " + image + referenced + " does not exist: " + e.problem()
                : "caching container images failed: " + e.getMessage() + referenced;
        return new BuildException(step.kubefile(), 0, problem, e);
    }
}
