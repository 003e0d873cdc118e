package io.sealer.core.internal.store;

import io.sealer.api.ImageNotFoundException;
import io.sealer.api.StoreException;
import io.sealer.api.image.ClusterImage;
import io.sealer.api.image.Platform;
import io.sealer.api.image.ImageSummary;
import io.sealer.api.image.RemovalResult;
import io.sealer.core.internal.io.IoFailures;
import io.sealer.core.internal.layer.LayerDigest;
import io.sealer.core.internal.layer.LayerDigestMismatchException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The local cluster-image store: layers under {@code data/overlay2/<hex>}, image metadata, a name index with one
 * entry per name and platform, and a build cache (layout in {@link StorePaths}).
 *
 * <p>Safe for several threads and several processes at once: readers take a shared lock, writers an exclusive one,
 * across the JVM and across processes. Every change is staged under {@code tmp/} and renamed into place, metadata
 * last, so a process killed at any moment leaves a store whose listed images are complete; what it left in
 * {@code tmp/} is removed by the next writer. Layers added but not yet committed in an image are leased to the
 * adding process and survive garbage collection while it runs. Close the store to release its leases.
 *
 * <p>This class is the store's API; the work is done by its parts: {@link LayerFiles} (layers), {@link ImageIndex}
 * (images and names), {@link BuildCache}, {@link ImageArchive} (save and load) and {@link GarbageCollector} (rmi
 * and prune), sharing one {@link StoreContext}.
 */
public final class ImageStore implements AutoCloseable {
    private final StoreContext store;
    private final StoreEnvironment environment;
    private final LayerFiles layers;
    private final ImageIndex images;
    private final BuildCache cache;
    private final ImageArchive archive;
    private final GarbageCollector collector;

    private ImageStore(StorePaths paths, StoreLock lock, StoreEnvironment environment) {
        this.store = new StoreContext(paths, lock);
        this.environment = environment;
        this.layers = new LayerFiles(store);
        this.images = new ImageIndex(store, environment);
        this.cache = new BuildCache(store);
        this.archive = new ImageArchive(store, images);
        this.collector = new GarbageCollector(store, images, cache);
    }

    /**
     * Opens (creating when needed) the store at {@code root}, with the system clock and environment.
     *
     * @throws StoreException when the directories cannot be created, naming the path and the reason
     */
    public static ImageStore open(Path root) {
        return open(root, StoreEnvironment.system());
    }

    /**
     * Opens (creating when needed) the store at {@code root}, taking build times from {@code environment}'s clock and
     * the creation time of new images from its {@code SOURCE_DATE_EPOCH}.
     *
     * @throws StoreException when the directories cannot be created, naming the path and the reason
     */
    public static ImageStore open(Path root, StoreEnvironment environment) {
        Objects.requireNonNull(environment, "environment");
        StorePaths paths = new StorePaths(root);
        Path current = paths.root();
        try {
            for (Path dir : List.of(paths.overlay2(), paths.layerDb(), paths.imageDb(), paths.cache(), paths.tmp(),
                    paths.leases())) {
                current = dir;
                if (!Files.isDirectory(dir)) {
                    Files.createDirectories(dir);
                }
            }
            current = paths.lockFile();
            if (!Files.exists(current)) {
                try {
                    Files.createFile(current);
                } catch (FileAlreadyExistsException e) {
                    // another process created it first
                }
            }
            return new ImageStore(paths, StoreLock.of(current.toRealPath()), environment);
        } catch (IOException e) {
            throw IoFailures.wrap(current, "opening the image store", e);
        }
    }

    /** Opens the store at {@link StorePaths#defaultRoot()}. */
    public static ImageStore openDefault() {
        return open(StorePaths.defaultRoot());
    }

    /** The store's layout. */
    public StorePaths paths() {
        return store.paths;
    }

    /**
     * The creation time {@link #commit} gives an image that has none: {@code SOURCE_DATE_EPOCH} when set, else
     * 1970-01-01T00:00:00Z; never the wall clock.
     *
     * @throws StoreException when {@code SOURCE_DATE_EPOCH} is set but not a whole number of seconds
     */
    public Instant creationTime() {
        return environment.creationTime();
    }

    // ---------------------------------------------------------------------------------------------------- layers

    /**
     * A new empty directory under the store's {@code tmp/}, owned by this process, for building a layer in;
     * {@link #addLayer(Path)} then moves it into place without copying.
     */
    public Path newStagingDir() {
        return layers.newStagingDir();
    }

    /**
     * Registers the content of {@code dir} as a layer: its id is the digest of the directory's reproducible tar.
     * A directory made by {@link #newStagingDir()} is moved into the store (and is gone afterwards); any other
     * directory is copied and left alone. An existing layer with the same id is reused. A directory without entries
     * gives {@link StoredLayer#EMPTY} and stores nothing. The layer is leased to this store until an image using it
     * is committed or the store is closed.
     */
    public StoredLayer addLayer(Path dir) {
        return layers.add(dir, null);
    }

    /**
     * {@link #addLayer(Path)} for a staging directory whose digest is already known, computed while it was written
     * ({@link io.sealer.core.internal.layer.FollowingDigest}, which checks the finished tree); it is not hashed again.
     * A directory that is not a staging directory is copied and hashed as by {@link #addLayer(Path)}.
     */
    public StoredLayer addLayer(Path dir, LayerDigest digest) {
        return layers.add(dir, digest);
    }

    /**
     * Registers a layer from its tar stream (from {@code load} or a registry pull), verifying while extracting that
     * the bytes hash to {@code expectedId}. When the layer is already stored the stream is not read.
     *
     * @throws LayerDigestMismatchException when the content hashes to another id; the store is unchanged
     * @throws io.sealer.core.internal.layer.UnsafeEntryException for an entry that would escape the layer directory
     */
    public StoredLayer addLayer(InputStream tar, String expectedId) {
        return layers.add(tar, expectedId);
    }

    /** True when the layer is complete in the store. */
    public boolean hasLayer(String layerId) {
        return layers.has(layerId);
    }

    /** The stored layer with this id, if complete in the store. */
    public Optional<StoredLayer> layer(String layerId) {
        return layers.find(layerId);
    }

    /**
     * The directory holding the layer's files, {@code data/overlay2/<hex>}.
     *
     * @throws StoreException when the layer is not in the store
     */
    public Path layerPath(String layerId) {
        return layers.path(layerId);
    }

    /**
     * Writes the layer's reproducible tar to {@code out} (not closed), for a push. The bytes hash to the layer id
     * unless the files on disk were changed; then a {@link LayerDigestMismatchException} is thrown after writing, and
     * the caller must discard what it received.
     */
    public LayerDigest exportLayer(String layerId, OutputStream out) {
        return layers.export(layerId, out);
    }

    // ---------------------------------------------------------------------------------------------------- images

    /**
     * Stores an image: normalises its name, checks that every layer with an id is in the store (and takes the
     * layer sizes from the store), computes its id, writes its metadata and then points the name index at it. An
     * image with the same name and platform is replaced; other platforms of the name stay.
     *
     * <p>The id is the {@code sha256} of the canonical JSON of the image without its name: platform, layers, config,
     * container images and creation time. So the same content has the same id under every name and in every store.
     * An image without a creation time gets {@link #creationTime()}. The wall-clock time of the commit is recorded
     * beside the image, outside the id, and shown by {@link #list()}.
     *
     * @return the stored image, with its id
     * @throws StoreException when a layer is missing or the metadata cannot be written
     */
    public ClusterImage commit(ClusterImage image) {
        return images.commit(image);
    }

    /**
     * Commits several images (the platforms of one build) as {@link #commit} does, with one update of the name index:
     * they are listed together or not at all.
     */
    public List<ClusterImage> commitAll(List<ClusterImage> images) {
        return this.images.commitAll(images);
    }

    /**
     * Finds an image by name (normalised as Docker does) or by id (full, or an unambiguous hex prefix). With a
     * platform, the image for that platform; without, the only one, else the one for the host platform, else the
     * first by platform name.
     */
    public Optional<ClusterImage> find(String ref, Optional<Platform> platform) {
        return images.find(ref, platform);
    }

    /**
     * Like {@link #find} but an absent image is an error.
     *
     * @throws ImageNotFoundException naming the reference (and platform) that was not found
     */
    public ClusterImage resolve(String ref, Optional<Platform> platform) {
        return find(ref, platform).orElseThrow(() -> new ImageNotFoundException(ref,
                "image not found in the local store" + platform.map(p -> " for platform " + p).orElse("")));
    }

    /**
     * All platforms of an image, by name or id; by id, one image under its first name.
     *
     * @throws ImageNotFoundException when nothing matches
     */
    public List<ClusterImage> inspect(String ref) {
        return images.inspect(ref);
    }

    /**
     * Every name and platform in the store, sorted by name and platform; {@link ImageSummary#created()} is the
     * wall-clock time the image was built (or pulled or loaded), not its reproducible creation time.
     */
    public List<ImageSummary> list() {
        return images.list();
    }

    /**
     * Gives every platform of {@code source} the additional name {@code target}, as Docker does: the images keep their
     * ids and metadata, nothing is copied. {@link #list()} shows the source's build time for the new name.
     *
     * @return the images under their new name
     * @throws ImageNotFoundException when {@code source} is unknown
     */
    public List<ClusterImage> tag(String source, String target) {
        return images.tag(source, target);
    }

    /**
     * Removes an image by name (all its platforms, or one) or by id (every name pointing at it), then deletes the
     * image metadata no name points at any more and the layers no image refers to. Removing one of two names of an
     * image keeps the image for the other.
     *
     * @throws ImageNotFoundException when nothing matches
     */
    public RemovalResult rmi(String ref, Optional<Platform> platform) {
        return collector.rmi(ref, platform);
    }

    /**
     * Deletes what no image needs: layers no image refers to (except those leased by running processes), image
     * metadata no name points at, build-cache entries whose layer is gone, and temporary files of dead processes.
     */
    public RemovalResult prune() {
        return collector.prune();
    }

    // -------------------------------------------------------------------------------------------------- archives

    /**
     * Writes one uncompressed tar holding every platform of the named images: {@code index.json},
     * {@code images/<hex>.json} and each layer's reproducible tar as {@code layers/<hex>.tar}.
     *
     * @throws ImageNotFoundException when a name is unknown
     */
    public void save(OutputStream out, List<String> refs) {
        archive.save(out, refs);
    }

    /** {@link #save(OutputStream, List)} to a file, written under a temporary name and renamed when complete. */
    public void save(Path file, List<String> refs) {
        archive.save(file, refs);
    }

    /**
     * Loads an archive written by {@link #save}: every layer is extracted into {@code tmp/} while its digest is
     * checked, every image id is recomputed, and only when all of that succeeded are layers, images and names put
     * into the store.
     *
     * @return the loaded images
     * @throws LayerDigestMismatchException for a tampered layer; the store is unchanged
     * @throws StoreException for a malformed archive; the store is unchanged
     */
    public List<ClusterImage> load(InputStream in) {
        return archive.load(in);
    }

    /** {@link #load(InputStream)} from a file. */
    public List<ClusterImage> load(Path file) {
        return archive.load(file);
    }

    // ----------------------------------------------------------------------------------------------- build cache

    /**
     * The layer recorded for a build-cache key, if that layer is still in the store (it is then leased to this
     * store).
     */
    public Optional<String> cachedLayer(String key) {
        return cache.lookup(key);
    }

    /**
     * Records that {@code key} produced {@code layerId}.
     *
     * @throws StoreException when the layer is not in the store
     */
    public void recordCache(String key, String layerId) {
        cache.record(key, layerId);
    }

    /** Releases this store's layer leases; layers not used by an image may then be garbage collected. */
    @Override
    public void close() {
        store.leases.releaseAll();
    }

    /**
     * Stops using the store after an interruption (Ctrl-C): deletes the temporary files and staging directories this
     * instance made and releases its leases. Nothing half-written is listed, so the store stays consistent; the
     * operation that was running fails if it goes on.
     */
    public void abandon() {
        store.deleteTemporaries();
        store.leases.releaseAll();
    }
}
