package io.sealer.registry.internal.cache;

import io.sealer.api.event.OperationKind;
import io.sealer.api.event.Progress;
import io.sealer.api.event.Subject;
import io.sealer.api.ImageNotFoundException;
import io.sealer.api.RegistryException;
import io.sealer.api.SealerException;
import io.sealer.api.image.ImageReference;
import io.sealer.api.image.Platform;
import io.sealer.api.spi.LayerWriteListener;
import io.sealer.api.spi.RegistryClient;
import io.sealer.api.spi.RegistryManifest;
import io.sealer.registry.internal.client.LookupClient;
import io.sealer.registry.internal.client.ManifestLookup;
import io.sealer.registry.internal.manifest.Descriptor;
import io.sealer.registry.internal.manifest.Digests;
import io.sealer.registry.internal.manifest.ManifestDocument;
import io.sealer.registry.internal.io.TempFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes container images into a layer directory as the CNCF distribution server's own storage, so that
 * {@code registry serve} with {@code rootdirectory: <layerDir>/registry} serves every image by tag and digest with the
 * source's digests. Repository paths drop the registry domain ({@code docker.io/library/nginx} becomes
 * {@code library/nginx}), as sealer does; two images from different registries that would land on the same repository
 * and tag are an error. An index is kept whole under its tag, together with the manifests, configs and layers of
 * every wanted platform.
 *
 * <p>Blobs are fetched in parallel (bounded), each once however many images share it, verified, and renamed into
 * place; link files are written only after everything they point to is there, the tag link last. A failed run leaves
 * no tag pointing at incomplete content. Work that can be done early is: an image's manifests are stored as soon as
 * they are read and a layer link as soon as its blob is in place, so that once the last blob is in, only the revision
 * and tag links of the images waiting for it are left to write.
 */
public final class RegistryCache {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryCache.class);

    private final RegistryClient client;
    private final int maxParallelBlobs;
    private final Progress progress;

    /**
     * @param client the registry client to read through (mirrors and credentials are its business)
     * @param maxParallelBlobs how many blobs may be fetched at once, e.g. {@code RegistrySettings.maxParallelBlobs()}
     * @param progress where a CONTAINER_IMAGE operation per image and a BLOB operation per blob are reported
     */
    public RegistryCache(RegistryClient client, int maxParallelBlobs, Progress progress) {
        this.client = Objects.requireNonNull(client, "client");
        if (maxParallelBlobs < 1) {
            throw new IllegalArgumentException("maxParallelBlobs must be at least 1");
        }
        this.maxParallelBlobs = maxParallelBlobs;
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /** The registry storage directory inside a layer: {@code <layerDir>/registry/docker/registry/v2}. */
    public static Path storageDirectory(Path layerDir) {
        return RegistryLayout.v2Of(layerDir.resolve("registry"));
    }

    /**
     * Caches the images for the platforms into {@code <layerDir>/registry}.
     *
     * @param images the images; duplicates are cached once
     * @param platforms the platforms to keep of multi-platform images; empty keeps every platform an index lists
     * @param layerDir the layer directory
     * @param existingRoots registry roots already provided by lower layers (each a registry {@code rootdirectory} or
     *                      a layer directory holding {@code registry/}); images complete there are skipped and blobs
     *                      present there are not fetched again
     * @throws RegistryException naming the image (and blob) when an image cannot be cached, or naming both images of
     *                           a repository/tag collision
     * @throws ImageNotFoundException naming an image no source has, and every image source, mirror and registry
     *                                searched
     */
    public CacheResult write(List<ImageReference> images, List<Platform> platforms, Path layerDir,
            List<Path> existingRoots) {
        return write(images, platforms, layerDir, existingRoots, LayerWriteListener.NONE);
    }

    /**
     * {@link #write(List, List, Path, List)}, telling {@code listener} every file it will leave in {@code layerDir}
     * once the manifests of every image are read, and each file as it is put in place (paths relative to
     * {@code layerDir}), so that the layer can be hashed during the download.
     */
    public CacheResult write(List<ImageReference> images, List<Platform> platforms, Path layerDir,
            List<Path> existingRoots, LayerWriteListener listener) {
        List<ImageReference> unique = new ArrayList<>(new LinkedHashSet<>(images));
        checkCollisions(unique);
        List<Platform> wanted = List.copyOf(new LinkedHashSet<>(platforms));
        Path root = layerDir.resolve("registry");
        Path temp;
        try {
            Files.createDirectories(RegistryLayout.v2Of(root));
            temp = Files.createTempDirectory(root, ".partial-");
        } catch (IOException e) {
            throw new RegistryException(layerDir.toString(), "cannot create the registry cache directory: "
                    + e.getMessage(), e);
        }
        RegistryLayout layout = new RegistryLayout(RegistryLayout.v2Of(root), temp,
                file -> listener.completed(layerDir.relativize(file)));
        ExistingContent existing = ExistingContent.of(existingRoots, layout);
        Run run = new Run(layout, existing, wanted, temp, new FilePlan(layerDir, unique.size(), listener));
        // image tasks read manifests and queue blobs without waiting for them, so the blobs of every image are
        // queued early and the blob pool stays busy to the end; linking runs once an image's blobs are in place
        ExecutorService imagePool = Executors.newFixedThreadPool(Math.max(1, Math.min(unique.size(),
                maxParallelBlobs)), threads("sealer-cache-image"));
        // blobs in the order of the layer's tar (by digest), so that hashing the layer can follow right behind them
        ExecutorService blobPool = new ThreadPoolExecutor(maxParallelBlobs, maxParallelBlobs, 0, TimeUnit.SECONDS,
                new PriorityBlockingQueue<>(), threads("sealer-cache-blob"));
        run.blobPool = blobPool;
        run.imagePool = imagePool;
        try {
            List<CompletableFuture<Void>> futures = new ArrayList<>();
            for (ImageReference image : unique) {
                futures.add(CompletableFuture.supplyAsync(() -> run.cache(image), imagePool)
                        .thenCompose(linked -> linked));
            }
            CompletableFuture<Void> all = CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new));
            futures.forEach(f -> f.whenComplete((ok, error) -> {
                if (error != null) {
                    all.completeExceptionally(error);
                }
            }));
            try {
                all.get();
            } catch (ExecutionException e) {
                throw unwrap(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RegistryException(layerDir.toString(), "interrupted while caching images", e);
            }
            LOG.debug("registry cache written: {} image(s), {} skipped, {} blob(s) / {} bytes fetched",
                    run.written.size(), run.skipped.size(), run.blobsFetched.get(), run.bytesFetched.get());
            return new CacheResult(run.written, run.skipped, run.blobsFetched.get(), run.bytesFetched.get());
        } finally {
            imagePool.shutdownNow();
            blobPool.shutdownNow();
            awaitQuietly(imagePool);
            awaitQuietly(blobPool);
            TempFiles.deleteTreeQuietly(temp);
        }
    }

    /** One write: shared state of the image tasks. */
    private final class Run {
        private final RegistryLayout layout;
        private final ExistingContent existing;
        private final List<Platform> platforms;
        private final Path temp;
        private final Map<String, CompletableFuture<Void>> blobs = new ConcurrentHashMap<>();
        private final List<ImageReference> written = Collections.synchronizedList(new ArrayList<>());
        private final List<ImageReference> skipped = Collections.synchronizedList(new ArrayList<>());
        private final AtomicInteger blobsFetched = new AtomicInteger();
        private final AtomicLong bytesFetched = new AtomicLong();
        private ExecutorService blobPool;
        private final AtomicLong queued = new AtomicLong();
        private ExecutorService imagePool;
        private final FilePlan plan;

        Run(RegistryLayout layout, ExistingContent existing, List<Platform> platforms, Path temp, FilePlan plan) {
            this.layout = layout;
            this.existing = existing;
            this.platforms = platforms;
            this.temp = temp;
            this.plan = plan;
        }

        /**
         * Reads the image's manifests and queues its blobs; the returned future completes once the blobs are in
         * place and the image is linked (or fails with the first failure).
         */
        CompletableFuture<Void> cache(ImageReference image) {
            String name = image.toString();
            if (existing.hasImage(image, platforms)) {
                LOG.debug("{} is already cached", name);
                skipped.add(image);
                plan.add(Set.of());
                return CompletableFuture.completedFuture(null);
            }
            Progress op = progress.start(OperationKind.CONTAINER_IMAGE, Subject.image(image), "caching " + name);
            RegistryManifest top = LookupClient.lookup(client, image).require();
            ManifestDocument topDoc = ManifestDocument.parse(name, top);
            Map<String, RegistryManifest> manifests = new LinkedHashMap<>();
            List<Descriptor> blobDescriptors = new ArrayList<>();
            if (topDoc.isIndex()) {
                for (Descriptor child : children(name, topDoc)) {
                    ManifestLookup lookup = LookupClient.lookup(client, image.withDigest(child.digest()));
                    RegistryManifest manifest = lookup.orFailure().orElseThrow(() -> new RegistryException(name,
                            "manifest " + child.digest() + " of platform "
                                    + child.platform().map(Platform::toString).orElse("unknown") + " is missing: "
                                    + lookup.describe(), 404, null));
                    ManifestDocument doc = ManifestDocument.parse(name, manifest);
                    if (doc.isIndex()) {
                        throw new RegistryException(name, "nested index " + child.digest() + " is not supported",
                                null);
                    }
                    manifests.put(manifest.digest(), manifest);
                    blobDescriptors.addAll(doc.blobs());
                }
            } else {
                blobDescriptors.addAll(topDoc.blobs());
            }
            manifests.put(top.digest(), top);
            Map<String, Descriptor> distinct = new LinkedHashMap<>();
            blobDescriptors.forEach(d -> distinct.putIfAbsent(d.digest(), d));
            LOG.debug("{}: manifests read, {} blob(s)", name, distinct.size());
            String repo = image.path();
            plan.add(layout.filesOf(repo, manifests.keySet(),
                    distinct.keySet().stream().filter(d -> !existing.hasBlob(d)).toList(), distinct.keySet(),
                    image.effectiveTag(), top.digest()));
            try {
                for (RegistryManifest manifest : manifests.values()) {
                    layout.writeBlob(manifest.digest(), manifest.content()); // a blob: no link points at it yet
                }
                layout.prepareLinks(repo, distinct.keySet(), manifests.keySet());
            } catch (IOException e) {
                throw new RegistryException(name, "cannot write the registry cache: " + e.getMessage(), e);
            }
            List<CompletableFuture<Void>> pending = new ArrayList<>();
            for (Descriptor blob : distinct.values()) {
                CompletableFuture<Void> inPlace = blobs.computeIfAbsent(blob.digest(),
                        d -> CompletableFuture.runAsync(() -> fetch(op, image, blob),
                                task -> blobPool.execute(new Ranked(task, blob.digest(), queued.incrementAndGet()))));
                pending.add(inPlace.thenRunAsync(() -> linkLayer(image, repo, blob.digest()), imagePool));
            }
            return CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
                    .thenRunAsync(() -> link(op, image, top, manifests), imagePool);
        }

        /** Links a blob that is in place (here or in an existing root) into the image's repository. */
        private void linkLayer(ImageReference image, String repo, String digest) {
            try {
                layout.linkLayer(repo, digest);
            } catch (IOException e) {
                throw new RegistryException(image.toString(), "cannot write the registry cache: " + e.getMessage(),
                        e);
            }
        }

        /** Writes the revision links and then the tag link, once the image's manifests and blobs are in place. */
        private void link(Progress op, ImageReference image, RegistryManifest top,
                Map<String, RegistryManifest> manifests) {
            String name = image.toString();
            try {
                String repo = image.path();
                for (String digest : manifests.keySet()) {
                    layout.linkRevision(repo, digest);
                }
                if (image.effectiveTag() != null) {
                    layout.linkTag(repo, image.effectiveTag(), top.digest());
                }
            } catch (IOException e) {
                throw new RegistryException(name, "cannot write the registry cache: " + e.getMessage(), e);
            }
            written.add(image);
            op.finished("cached " + top.digest());
        }

        private List<Descriptor> children(String name, ManifestDocument index) {
            if (platforms.isEmpty()) {
                return index.manifests();
            }
            List<Descriptor> chosen = new ArrayList<>();
            for (Platform platform : platforms) {
                Descriptor child = index.select(platform).orElseThrow(() -> new RegistryException(name,
                        "has no manifest for platform " + platform + "; it offers " + index.platforms(), null));
                if (chosen.stream().noneMatch(c -> c.digest().equals(child.digest()))) {
                    chosen.add(child);
                }
            }
            return chosen;
        }

        private void fetch(Progress imageOp, ImageReference image, Descriptor blob) {
            String digest = blob.digest();
            if (existing.hasBlob(digest)) {
                return;
            }
            Progress op = imageOp.start(OperationKind.BLOB, Subject.image(image).withDigest(digest),
                    "downloading " + digest);
            Path part = temp.resolve(Digests.hex(digest));
            client.fetchBlob(image, digest, blob.size(), part, op);
            try {
                long size = Files.size(part);
                layout.adoptBlob(digest, part);
                blobsFetched.incrementAndGet();
                bytesFetched.addAndGet(size);
                LOG.debug("stored blob {} ({} bytes)", digest, size);
            } catch (IOException e) {
                throw new RegistryException(image.toString(), "cannot store blob " + digest + ": " + e.getMessage(),
                        e);
            }
            op.finished("downloaded");
        }
    }

    /**
     * Collects the files each image will write and tells the listener all of them once every image has been
     * planned; an image that fails before that leaves the plan untold (the write fails anyway).
     */
    private static final class FilePlan {
        private final Path layerDir;
        private final LayerWriteListener listener;
        private final Set<Path> files = ConcurrentHashMap.newKeySet();
        private final AtomicInteger unplanned;

        FilePlan(Path layerDir, int images, LayerWriteListener listener) {
            this.layerDir = layerDir;
            this.listener = listener;
            this.unplanned = new AtomicInteger(images);
        }

        void add(Set<Path> imageFiles) {
            imageFiles.forEach(f -> files.add(layerDir.relativize(f)));
            if (unplanned.decrementAndGet() == 0) {
                listener.planned(List.copyOf(files));
            }
        }
    }

    private static void checkCollisions(List<ImageReference> images) {
        Map<String, ImageReference> seen = new LinkedHashMap<>();
        for (ImageReference image : images) {
            String tag = image.effectiveTag();
            if (tag == null) {
                continue;
            }
            String key = image.path() + ":" + tag;
            ImageReference other = seen.putIfAbsent(key, image);
            if (other != null && !other.domain().equals(image.domain())) {
                throw new RegistryException(image.toString(), "collides with " + other + ": both would be cached as "
                        + "repository " + image.path() + " tag " + tag + " (the registry domain is dropped); "
                        + "cache only one of them", null);
            }
        }
    }

    /** A blob download in the pool's queue: by digest (the layer tar's order), then in the order they were queued. */
    private record Ranked(Runnable task, String digest, long order) implements Runnable, Comparable<Ranked> {
        @Override
        public void run() {
            task.run();
        }

        @Override
        public int compareTo(Ranked other) {
            int byDigest = digest.compareTo(other.digest);
            return byDigest != 0 ? byDigest : Long.compare(order, other.order);
        }
    }

    private static SealerException unwrap(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof SealerException sealer) {
            return sealer;
        }
        return new RegistryException("registry cache", "caching failed: " + t, t);
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private static void awaitQuietly(ExecutorService pool) {
        try {
            if (!pool.awaitTermination(60, TimeUnit.SECONDS)) {
                LOG.warn("registry cache workers did not stop within 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
