package io.sealer.core.internal.store;

import io.sealer.core.internal.io.AtomicFiles;
import io.sealer.core.RemovalResult;

import io.sealer.core.ImageSummary;

import io.sealer.api.ImageNotFoundException;
import io.sealer.api.InvalidReferenceException;
import io.sealer.api.StoreException;
import io.sealer.api.image.ClusterImage;
import io.sealer.api.image.ImageReference;
import io.sealer.api.image.Layer;
import io.sealer.api.image.Platform;
import io.sealer.core.internal.io.Digests;
import io.sealer.core.internal.io.IoFailures;
import io.sealer.core.internal.io.Trees;
import io.sealer.core.internal.layer.LayerDigest;
import io.sealer.core.internal.layer.LayerDigestMismatchException;
import io.sealer.core.internal.layer.LayerExtractor;
import io.sealer.core.internal.layer.ReproducibleTar;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local cluster-image store: layers under {@code data/overlay2/<hex>}, image metadata, a name index with one
 * entry per name and platform, and a build cache (layout in {@link StorePaths}).
 *
 * <p>Safe for several threads and several processes at once: readers take a shared lock, writers an exclusive one,
 * across the JVM and across processes. Every change is staged under {@code tmp/} and renamed into place, metadata
 * last, so a process killed at any moment leaves a store whose listed images are complete; what it left in
 * {@code tmp/} is removed by the next writer. Layers added but not yet committed in an image are leased to the
 * adding process and survive garbage collection while it runs. Close the store to release its leases.
 */
@SuppressWarnings("try") // lock guards are held for the scope of their try block and never used in it
public final class ImageStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ImageStore.class);

    private final StorePaths paths;
    private final OwnerToken owner;
    private final StoreLock lock;
    private final AtomicFiles files;
    private final ImageCodec codec = new ImageCodec();
    private final LayerRegistry layers;
    private final Leases leases;

    private ImageStore(StorePaths paths, StoreLock lock) {
        this.paths = paths;
        this.lock = lock;
        this.owner = OwnerToken.current();
        this.files = new AtomicFiles(paths.tmp(), () -> owner.newName("part"));
        this.layers = new LayerRegistry(paths, owner);
        this.leases = new Leases(paths, owner, files);
    }

    /**
     * Opens (creating when needed) the store at {@code root}.
     *
     * @throws StoreException when the directories cannot be created, naming the path and the reason
     */
    public static ImageStore open(Path root) {
        StorePaths paths = new StorePaths(root);
        Path current = paths.root();
        try {
            for (Path dir : List.of(paths.overlay2(), paths.layerDb(), paths.imageDb(), paths.cache(), paths.tmp(),
                    paths.leases())) {
                current = dir;
                Files.createDirectories(dir);
            }
            current = paths.lockFile();
            if (!Files.exists(current)) {
                try {
                    Files.createFile(current);
                } catch (java.nio.file.FileAlreadyExistsException e) {
                    // another process created it first
                }
            }
            return new ImageStore(paths, StoreLock.of(current.toRealPath()));
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
        return paths;
    }

    // ---------------------------------------------------------------------------------------------------- layers

    /**
     * A new empty directory under the store's {@code tmp/}, owned by this process, for building a layer in;
     * {@link #addLayer(Path)} then moves it into place without copying.
     */
    public Path newStagingDir() {
        Path dir = paths.tmp().resolve(owner.newName("staging"));
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw IoFailures.wrap(dir, "creating a staging directory", e);
        }
    }

    /**
     * Registers the content of {@code dir} as a layer: its id is the digest of the directory's reproducible tar.
     * A directory made by {@link #newStagingDir()} is moved into the store (and is gone afterwards); any other
     * directory is copied and left alone. An existing layer with the same id is reused. A directory without entries
     * gives {@link StoredLayer#EMPTY} and stores nothing. The layer is leased to this store until an image using it
     * is committed or the store is closed.
     */
    public StoredLayer addLayer(Path dir) {
        Path source = dir.toAbsolutePath().normalize();
        if (source.startsWith(paths.tmp()) && !source.equals(paths.tmp())) {
            LayerDigest digest = ReproducibleTar.digest(source);
            if (digest.isEmpty()) {
                Trees.deleteQuietly(source);
                return StoredLayer.EMPTY;
            }
            return install(source, digest);
        }
        Path tar = paths.tmp().resolve(owner.newName("tar"));
        Path staging = newStagingDir();
        try {
            LayerDigest digest;
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tar), 64 * 1024)) {
                digest = ReproducibleTar.write(source, out);
            }
            if (digest.isEmpty()) {
                return StoredLayer.EMPTY;
            }
            try (InputStream in = new BufferedInputStream(Files.newInputStream(tar), 64 * 1024)) {
                LayerExtractor.extractVerified(in, staging, digest.id());
            }
            return install(staging, digest);
        } catch (IOException e) {
            throw IoFailures.wrap(tar, "staging layer from " + source, e);
        } finally {
            Trees.deleteQuietly(tar);
            Trees.deleteQuietly(staging);
        }
    }

    /**
     * Registers a layer from its tar stream (from {@code load} or a registry pull), verifying while extracting that
     * the bytes hash to {@code expectedId}. When the layer is already stored the stream is not read.
     *
     * @throws LayerDigestMismatchException when the content hashes to another id; the store is unchanged
     * @throws io.sealer.core.internal.layer.UnsafeEntryException for an entry that would escape the layer directory
     */
    public StoredLayer addLayer(InputStream tar, String expectedId) {
        String hex = LayerRegistry.hexOf(expectedId);
        try (StoreLock.Held held = lock.shared()) {
            Optional<Long> size = layers.size(hex);
            if (size.isPresent()) {
                leases.hold(hex);
                return new StoredLayer(expectedId, size.get());
            }
        }
        Path staging = newStagingDir();
        try {
            LayerDigest digest = LayerExtractor.extractVerified(tar, staging, expectedId);
            return install(staging, digest);
        } finally {
            Trees.deleteQuietly(staging);
        }
    }

    private StoredLayer install(Path staging, LayerDigest digest) {
        try (StoreLock.Held held = lock.exclusive()) {
            cleanStale();
            layers.install(staging, digest);
            leases.hold(digest.hex().orElseThrow());
        }
        LOG.debug("stored layer {} ({} bytes)", digest.id(), digest.size());
        return new StoredLayer(digest.id(), digest.size());
    }

    /** True when the layer is complete in the store. */
    public boolean hasLayer(String layerId) {
        try (StoreLock.Held held = lock.shared()) {
            return layers.isComplete(LayerRegistry.hexOf(layerId));
        }
    }

    /** The stored layer with this id, if complete in the store. */
    public Optional<StoredLayer> layer(String layerId) {
        try (StoreLock.Held held = lock.shared()) {
            return layers.size(LayerRegistry.hexOf(layerId)).map(size -> new StoredLayer(layerId, size));
        }
    }

    /**
     * The directory holding the layer's files, {@code data/overlay2/<hex>}.
     *
     * @throws StoreException when the layer is not in the store
     */
    public Path layerPath(String layerId) {
        String hex = LayerRegistry.hexOf(layerId);
        if (!hasLayer(layerId)) {
            throw new StoreException(paths.layerDir(hex).toString(), "layer " + layerId + " is not in the store",
                    null);
        }
        return paths.layerDir(hex);
    }

    /**
     * Writes the layer's reproducible tar to {@code out} (not closed), for a push. The bytes hash to the layer id
     * unless the files on disk were changed; then a {@link LayerDigestMismatchException} is thrown after writing, and
     * the caller must discard what it received.
     */
    public LayerDigest exportLayer(String layerId, OutputStream out) {
        Path dir = layerPath(layerId);
        try (StoreLock.Held held = lock.shared()) {
            LayerDigest digest = ReproducibleTar.write(dir, out);
            if (!layerId.equals(digest.id())) {
                throw new LayerDigestMismatchException(dir.toString(), layerId, String.valueOf(digest.id()));
            }
            return digest;
        }
    }

    // ---------------------------------------------------------------------------------------------------- images

    /**
     * Stores an image: normalises its name, checks that every layer with an id is in the store (and takes the
     * layer sizes from the store), computes its id (the {@code sha256} of its canonical JSON, name included, id
     * left out), writes its metadata and then points the name index at it. An image with the same name and platform
     * is replaced; other platforms of the name stay.
     *
     * @return the stored image, with its id
     * @throws StoreException when a layer is missing or the metadata cannot be written
     */
    public ClusterImage commit(ClusterImage image) {
        try (StoreLock.Held held = lock.exclusive()) {
            cleanStale();
            return commitLocked(image);
        }
    }

    ClusterImage commitLocked(ClusterImage image) {
        String name = normaliseName(image.name());
        List<Layer> sized = new ArrayList<>();
        Set<String> hexes = new HashSet<>();
        for (Layer layer : image.layers()) {
            if (layer.id() == null) {
                sized.add(new Layer(null, layer.type(), layer.value(), 0));
                continue;
            }
            String hex = LayerRegistry.hexOf(layer.id());
            long size = layers.size(hex).orElseThrow(() -> new StoreException(paths.layerDir(hex).toString(),
                    "image " + name + " refers to layer " + layer.id() + ", which is not in the store", null));
            sized.add(new Layer(layer.id(), layer.type(), layer.value(), size));
            hexes.add(hex);
        }
        Instant created = image.created() == null ? Instant.now().truncatedTo(ChronoUnit.SECONDS) : image.created();
        ClusterImage draft = new ClusterImage(name, null, image.platform(), sized, image.config(),
                image.containerImages(), created);
        String id = codec.imageId(draft);
        ClusterImage stored = new ClusterImage(name, id, draft.platform(), draft.layers(), draft.config(),
                draft.containerImages(), created);
        files.write(paths.imageFile(LayerRegistry.hexOf(id)), codec.toJson(stored));

        Map<String, List<ImageCodec.IndexEntry>> index = readIndex();
        List<ImageCodec.IndexEntry> entries = new ArrayList<>(index.getOrDefault(name, List.of()));
        Set<String> replaced = entries.stream().filter(e -> e.platform().equals(stored.platform()))
                .map(ImageCodec.IndexEntry::id).collect(Collectors.toSet());
        entries.removeIf(e -> e.platform().equals(stored.platform()));
        entries.add(new ImageCodec.IndexEntry(id, stored.platform(), created, stored.size()));
        entries.sort(Comparator.comparing(e -> e.platform().toString()));
        index.put(name, entries);
        writeIndex(index);
        Set<String> stillUsed = referencedImageIds(index);
        for (String old : replaced) {
            if (!stillUsed.contains(old)) {
                Trees.deleteQuietly(paths.imageFile(LayerRegistry.hexOf(old)));
            }
        }
        leases.release(hexes);
        LOG.debug("committed {} {} as {}", name, stored.platform(), id);
        return stored;
    }

    /**
     * Finds an image by name (normalised as Docker does) or by id (full, or an unambiguous hex prefix). With a
     * platform, the image for that platform; without, the only one, else the one for the host platform, else the
     * first by platform name.
     */
    public Optional<ClusterImage> find(String ref, Optional<Platform> platform) {
        try (StoreLock.Held held = lock.shared()) {
            return pick(matches(ref, readIndex()), platform).map(m -> loadImage(m.entry().id()));
        }
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
     * All platforms of an image, by name or id.
     *
     * @throws ImageNotFoundException when nothing matches
     */
    public List<ClusterImage> inspect(String ref) {
        try (StoreLock.Held held = lock.shared()) {
            List<Match> matches = matches(ref, readIndex());
            if (matches.isEmpty()) {
                throw new ImageNotFoundException(ref, "image not found in the local store");
            }
            return matches.stream().map(m -> loadImage(m.entry().id())).toList();
        }
    }

    /** Every name and platform in the store, sorted by name and platform. */
    public List<ImageSummary> list() {
        try (StoreLock.Held held = lock.shared()) {
            List<ImageSummary> rows = new ArrayList<>();
            readIndex().forEach((name, entries) -> entries.forEach(e ->
                    rows.add(new ImageSummary(name, e.id(), e.platform(), e.created(), e.size()))));
            return rows;
        }
    }

    /**
     * Gives every platform of {@code source} the name {@code target} (each gets a new id, since the name is part of
     * it). Layers are shared, not copied.
     *
     * @return the new images
     * @throws ImageNotFoundException when {@code source} is unknown
     */
    public List<ClusterImage> tag(String source, String target) {
        String targetName = normaliseName(target);
        try (StoreLock.Held held = lock.exclusive()) {
            cleanStale();
            List<Match> matches = matches(source, readIndex());
            if (matches.isEmpty()) {
                throw new ImageNotFoundException(source, "image not found in the local store");
            }
            List<ClusterImage> tagged = new ArrayList<>();
            for (Match match : matches) {
                ClusterImage image = loadImage(match.entry().id());
                tagged.add(commitLocked(new ClusterImage(targetName, null, image.platform(), image.layers(),
                        image.config(), image.containerImages(), image.created())));
            }
            return tagged;
        }
    }

    /**
     * Removes an image by name (all its platforms, or one) or by id (every name pointing at it), then deletes the
     * layers no image refers to any more.
     *
     * @throws ImageNotFoundException when nothing matches
     */
    public RemovalResult rmi(String ref, Optional<Platform> platform) {
        try (StoreLock.Held held = lock.exclusive()) {
            cleanStale();
            Map<String, List<ImageCodec.IndexEntry>> index = readIndex();
            List<Match> doomed = matches(ref, index).stream()
                    .filter(m -> platform.map(p -> p.matches(m.entry().platform())).orElse(true)).toList();
            if (doomed.isEmpty()) {
                throw new ImageNotFoundException(ref, "image not found in the local store"
                        + platform.map(p -> " for platform " + p).orElse(""));
            }
            for (Match m : doomed) {
                List<ImageCodec.IndexEntry> rest = new ArrayList<>(index.get(m.name()));
                rest.remove(m.entry());
                if (rest.isEmpty()) {
                    index.remove(m.name());
                } else {
                    index.put(m.name(), rest);
                }
            }
            writeIndex(index);
            return collectGarbage();
        }
    }

    /**
     * Deletes what no image needs: layers no image refers to (except those leased by running processes), image
     * metadata no name points at, build-cache entries whose layer is gone, and temporary files of dead processes.
     */
    public RemovalResult prune() {
        try (StoreLock.Held held = lock.exclusive()) {
            cleanStale();
            return collectGarbage();
        }
    }

    // -------------------------------------------------------------------------------------------------- archives

    /**
     * Writes one uncompressed tar holding every platform of the named images: {@code index.json},
     * {@code images/<hex>.json} and each layer's reproducible tar as {@code layers/<hex>.tar}.
     *
     * @throws ImageNotFoundException when a name is unknown
     */
    public void save(OutputStream out, List<String> refs) {
        try (StoreLock.Held held = lock.shared()) {
            Map<String, List<ImageCodec.IndexEntry>> index = readIndex();
            Map<String, ClusterImage> images = new LinkedHashMap<>();
            for (String ref : refs) {
                List<Match> matches = matches(ref, index);
                if (matches.isEmpty()) {
                    throw new ImageNotFoundException(ref, "image not found in the local store");
                }
                matches.forEach(m -> images.computeIfAbsent(m.entry().id(), this::loadImage));
            }
            new ImageArchive(codec).write(out, new ArrayList<>(images.values()), this::storedLayerForSave,
                    id -> paths.layerDir(LayerRegistry.hexOf(id)));
        }
    }

    /** {@link #save(OutputStream, List)} to a file, written under a temporary name and renamed when complete. */
    public void save(Path file, List<String> refs) {
        Path absolute = file.toAbsolutePath();
        Path part = absolute.resolveSibling(absolute.getFileName() + ".part");
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(part), 64 * 1024)) {
                save(out, refs);
            }
            Files.move(part, absolute, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw IoFailures.wrap(absolute, "saving images", e);
        } finally {
            Trees.deleteQuietly(part);
        }
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
        Path work = paths.tmp().resolve(owner.newName("load"));
        try {
            ImageArchive.Contents contents = new ImageArchive(codec).read(in, work);
            try (StoreLock.Held held = lock.exclusive()) {
                cleanStale();
                for (Map.Entry<String, LayerDigest> layer : contents.layers().entrySet()) {
                    layers.install(contents.layerDir(layer.getKey()), layer.getValue());
                    leases.hold(layer.getKey());
                }
                for (ClusterImage image : contents.images()) {
                    for (Layer layer : image.layers()) {
                        if (layer.id() != null && !layers.isComplete(LayerRegistry.hexOf(layer.id()))) {
                            throw new StoreException(image.name(), "the archive lacks layer " + layer.id()
                                    + " and the store does not have it either", null);
                        }
                    }
                }
                List<ClusterImage> loaded = new ArrayList<>();
                for (ClusterImage image : contents.images()) {
                    ClusterImage stored = commitLocked(image);
                    if (!stored.id().equals(image.id())) {
                        throw new StoreException(image.name(), "image id " + image.id()
                                + " in the archive does not match its metadata (" + stored.id() + ")", null);
                    }
                    loaded.add(stored);
                }
                return loaded;
            }
        } finally {
            Trees.deleteQuietly(work);
        }
    }

    /** {@link #load(InputStream)} from a file. */
    public List<ClusterImage> load(Path file) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024)) {
            return load(in);
        } catch (IOException e) {
            throw IoFailures.wrap(file, "loading images", e);
        }
    }

    private StoredLayer storedLayerForSave(String layerId) {
        String hex = LayerRegistry.hexOf(layerId);
        long size = layers.size(hex).orElseThrow(() -> new StoreException(paths.layerDir(hex).toString(),
                "layer " + layerId + " is missing from the store", null));
        return new StoredLayer(layerId, size);
    }

    // ----------------------------------------------------------------------------------------------- build cache

    /**
     * The layer recorded for a build-cache key, if that layer is still in the store (it is then leased to this
     * store).
     */
    public Optional<String> cachedLayer(String key) {
        Path file = paths.cache().resolve(Digests.sha256Hex(key));
        try (StoreLock.Held held = lock.shared()) {
            String id;
            try {
                id = Files.readString(file, StandardCharsets.UTF_8).trim();
            } catch (NoSuchFileException e) {
                return Optional.empty();
            } catch (IOException e) {
                throw IoFailures.wrap(file, "reading the build cache", e);
            }
            if (!id.matches("sha256:[0-9a-f]{64}") || !layers.isComplete(LayerRegistry.hexOf(id))) {
                return Optional.empty();
            }
            leases.hold(LayerRegistry.hexOf(id));
            return Optional.of(id);
        }
    }

    /**
     * Records that {@code key} produced {@code layerId}.
     *
     * @throws StoreException when the layer is not in the store
     */
    public void recordCache(String key, String layerId) {
        String hex = LayerRegistry.hexOf(layerId);
        try (StoreLock.Held held = lock.shared()) {
            if (!layers.isComplete(hex)) {
                throw new StoreException(paths.layerDir(hex).toString(),
                        "cannot cache layer " + layerId + ": it is not in the store", null);
            }
            files.write(paths.cache().resolve(Digests.sha256Hex(key)),
                    (layerId + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Releases this store's layer leases; layers not used by an image may then be garbage collected. */
    @Override
    public void close() {
        leases.releaseAll();
    }

    // ------------------------------------------------------------------------------------------------- internals

    /** A name index row that matched a reference. */
    private record Match(String name, ImageCodec.IndexEntry entry) {
    }

    private static String normaliseName(String name) {
        return ImageReference.parse(name).fullName();
    }

    private List<Match> matches(String ref, Map<String, List<ImageCodec.IndexEntry>> index) {
        String name = null;
        try {
            name = normaliseName(ref);
        } catch (InvalidReferenceException e) {
            // maybe an image id
        }
        if (name != null && index.containsKey(name)) {
            String found = name;
            return index.get(found).stream().map(e -> new Match(found, e)).toList();
        }
        String hex = ref.startsWith("sha256:") ? ref.substring("sha256:".length()) : ref;
        if (!hex.matches("[0-9a-f]{1,64}")) {
            return List.of();
        }
        List<Match> out = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        index.forEach((n, entries) -> entries.forEach(e -> {
            if (e.id().startsWith("sha256:" + hex)) {
                out.add(new Match(n, e));
                ids.add(e.id());
            }
        }));
        if (ids.size() > 1) {
            throw new StoreException(ref, "image id prefix is ambiguous: it matches " + ids, null);
        }
        return out;
    }

    private static Optional<Match> pick(List<Match> matches, Optional<Platform> platform) {
        if (platform.isPresent()) {
            return matches.stream().filter(m -> platform.get().matches(m.entry().platform())).findFirst();
        }
        if (matches.size() <= 1) {
            return matches.stream().findFirst();
        }
        Platform host = Platform.host();
        return matches.stream().filter(m -> host.matches(m.entry().platform())).findFirst()
                .or(() -> matches.stream().findFirst());
    }

    ClusterImage loadImage(String id) {
        Path file = paths.imageFile(LayerRegistry.hexOf(id));
        try {
            return codec.fromJson(Files.readAllBytes(file), ClusterImage.class, file.toString());
        } catch (IOException e) {
            throw IoFailures.wrap(file, "reading image metadata", e);
        }
    }

    private Map<String, List<ImageCodec.IndexEntry>> readIndex() {
        Path file = paths.index();
        try {
            byte[] json = Files.readAllBytes(file);
            return new TreeMap<>(codec.fromJson(json, ImageCodec.INDEX_TYPE, file.toString()));
        } catch (NoSuchFileException e) {
            return new TreeMap<>();
        } catch (IOException e) {
            throw IoFailures.wrap(file, "reading the image index", e);
        }
    }

    private void writeIndex(Map<String, List<ImageCodec.IndexEntry>> index) {
        files.write(paths.index(), codec.toJson(new TreeMap<>(index)));
    }

    private static Set<String> referencedImageIds(Map<String, List<ImageCodec.IndexEntry>> index) {
        Set<String> ids = new HashSet<>();
        index.values().forEach(entries -> entries.forEach(e -> ids.add(e.id())));
        return ids;
    }

    /** Deletes temporary files whose owner process is gone. Needs the exclusive lock. */
    private void cleanStale() {
        try (DirectoryStream<Path> children = Files.newDirectoryStream(paths.tmp())) {
            for (Path child : children) {
                String name = child.getFileName().toString();
                if (!owner.owns(name) && !OwnerToken.ownerAlive(name)) {
                    LOG.debug("removing stale temporary {}", child);
                    Trees.deleteRecursively(child);
                }
            }
        } catch (IOException e) {
            throw IoFailures.wrap(paths.tmp(), "cleaning temporary files", e);
        }
    }

    /** Needs the exclusive lock. */
    private RemovalResult collectGarbage() {
        Map<String, List<ImageCodec.IndexEntry>> index = readIndex();
        Set<String> imageIds = referencedImageIds(index);
        List<String> removedImages = new ArrayList<>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(paths.imageDb(), "*.json")) {
            for (Path child : children) {
                String hex = child.getFileName().toString().replaceFirst("\\.json$", "");
                if (!imageIds.contains("sha256:" + hex)) {
                    Files.deleteIfExists(child);
                    removedImages.add("sha256:" + hex);
                }
            }
        } catch (IOException e) {
            throw IoFailures.wrap(paths.imageDb(), "removing unused image metadata", e);
        }
        Set<String> keep = new HashSet<>(leases.liveLayers());
        for (String id : imageIds) {
            loadImage(id).layers().forEach(l -> l.hex().ifPresent(keep::add));
        }
        List<String> removedLayers = new ArrayList<>();
        for (String hex : layers.allOnDisk()) {
            if (!keep.contains(hex)) {
                layers.delete(hex);
                removedLayers.add("sha256:" + hex);
                LOG.info("{} deleted", hex);
            }
        }
        try (DirectoryStream<Path> children = Files.newDirectoryStream(paths.cache())) {
            for (Path child : children) {
                String id = Files.readString(child, StandardCharsets.UTF_8).trim();
                if (!id.matches("sha256:[0-9a-f]{64}") || !layers.isComplete(LayerRegistry.hexOf(id))) {
                    Files.deleteIfExists(child);
                }
            }
        } catch (IOException e) {
            throw IoFailures.wrap(paths.cache(), "cleaning the build cache", e);
        }
        return new RemovalResult(removedImages, removedLayers);
    }
}
