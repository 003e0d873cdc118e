package io.sealer.core.internal.store;

import io.sealer.api.ImageNotFoundException;
import io.sealer.api.InvalidReferenceException;
import io.sealer.api.StoreException;
import io.sealer.api.image.ClusterImage;
import io.sealer.api.image.ImageReference;
import io.sealer.api.image.Layer;
import io.sealer.api.image.Platform;
import io.sealer.api.image.ImageSummary;
import io.sealer.core.internal.io.IoFailures;
import io.sealer.core.internal.io.Trees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
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
 * Images and their names: image metadata under {@code metadata/imagedb/<hex>.json} and the name index
 * {@code metadata/images.json} (one entry per name and platform). Commits, lookups by name or id, listing, tagging
 * and untagging.
 */
@SuppressWarnings("try") // lock guards are held for the scope of their try block and never used in it
final class ImageIndex {
    private static final Logger LOG = LoggerFactory.getLogger(ImageIndex.class);

    /** A name index row that matched a reference. */
    record Match(String name, ImageCodec.IndexEntry entry) {
    }

    private final StoreContext store;
    private final StoreEnvironment environment;

    ImageIndex(StoreContext store, StoreEnvironment environment) {
        this.store = store;
        this.environment = environment;
    }

    /** See {@link ImageStore#commit(ClusterImage)}. */
    ClusterImage commit(ClusterImage image) {
        return commitAll(List.of(image)).get(0);
    }

    /** See {@link ImageStore#commitAll(List)}. */
    List<ClusterImage> commitAll(List<ClusterImage> images) {
        try (StoreLock.Held held = store.writeLock()) {
            List<Named> named = new ArrayList<>();
            for (ClusterImage image : images) {
                String name = normaliseName(image.name());
                Instant created = image.created() != null ? image.created() : environment.creationTime();
                named.add(new Named(name, sized(name, image, created)));
            }
            return commitLocked(named);
        }
    }

    /** The name-free content of {@code image} with the layer sizes from the store, and its id. */
    private StoredImage sized(String name, ClusterImage image, Instant created) {
        List<Layer> sized = new ArrayList<>();
        for (Layer layer : image.layers()) {
            if (layer.id() == null) {
                sized.add(new Layer(null, layer.type(), layer.value(), 0));
                continue;
            }
            String hex = LayerRegistry.hexOf(layer.id());
            long size = store.layers.size(hex).orElseThrow(() -> new StoreException(
                    store.paths.layerDir(hex).toString(), "image " + name + " refers to layer " + layer.id()
                            + ", which is not in the store", null));
            sized.add(new Layer(layer.id(), layer.type(), layer.value(), size));
        }
        StoredImage draft = StoredImage.of(image, sized, created, environment.now());
        return draft.withId(store.codec.imageId(draft));
    }

    /** An image with the name it is committed under. */
    record Named(String name, StoredImage image) {
    }

    /** {@link #commitLocked(List)} of one image. */
    ClusterImage commitLocked(String name, StoredImage image) {
        return commitLocked(List.of(new Named(name, image))).get(0);
    }

    /**
     * Points each name (normalised) at its image for the image's platform, writing the images' metadata unless an
     * image with its id is already stored, and then the name index once: the images appear together or not at all.
     * Whatever a name pointed at for that platform before is deleted when no other name needs it. Index entries get
     * the images' wall-clock build time. Needs the exclusive lock.
     *
     * @throws StoreException when a layer of an image is not in the store; nothing is listed then
     */
    List<ClusterImage> commitLocked(List<Named> images) {
        Set<String> hexes = new HashSet<>();
        for (Named named : images) {
            for (Layer layer : named.image().layers()) {
                if (layer.id() != null) {
                    String hex = LayerRegistry.hexOf(layer.id());
                    if (!store.layers.isComplete(hex)) {
                        throw new StoreException(store.paths.layerDir(hex).toString(), "image "
                                + normaliseName(named.name()) + " refers to layer " + layer.id()
                                + ", which is not in the store", null);
                    }
                    hexes.add(hex);
                }
            }
        }
        Map<String, List<ImageCodec.IndexEntry>> index = read();
        Set<String> replaced = new HashSet<>();
        List<ClusterImage> committed = new ArrayList<>();
        for (Named named : images) {
            String normalised = normaliseName(named.name());
            StoredImage image = named.image();
            String id = image.id();
            Path file = store.paths.imageFile(LayerRegistry.hexOf(id));
            if (!Files.isRegularFile(file)) {
                store.files.write(file, store.codec.toJson(image));
            }
            List<ImageCodec.IndexEntry> entries = new ArrayList<>(index.getOrDefault(normalised, List.of()));
            entries.stream().filter(e -> e.platform().equals(image.platform()))
                    .map(ImageCodec.IndexEntry::id).forEach(replaced::add);
            entries.removeIf(e -> e.platform().equals(image.platform()));
            entries.add(new ImageCodec.IndexEntry(id, image.platform(), image.builtOrCreated(), image.size()));
            entries.sort(Comparator.comparing(e -> e.platform().toString()));
            index.put(normalised, entries);
            committed.add(image.named(normalised));
            LOG.debug("committing {} {} as {}", normalised, image.platform(), id);
        }
        write(index);
        Set<String> stillUsed = referencedIds(index);
        for (String old : replaced) {
            if (!stillUsed.contains(old)) {
                Trees.deleteQuietly(store.paths.imageFile(LayerRegistry.hexOf(old)));
            }
        }
        store.leases.release(hexes);
        return committed;
    }

    /** See {@link ImageStore#find(String, Optional)}. */
    Optional<ClusterImage> find(String ref, Optional<Platform> platform) {
        try (StoreLock.Held held = store.readLock()) {
            return pick(matches(ref, read()), platform).map(this::load);
        }
    }

    /** See {@link ImageStore#inspect(String)}. */
    List<ClusterImage> inspect(String ref) {
        try (StoreLock.Held held = store.readLock()) {
            return distinctIds(require(ref, read())).stream().map(this::load).toList();
        }
    }

    /** See {@link ImageStore#list()}. */
    List<ImageSummary> list() {
        try (StoreLock.Held held = store.readLock()) {
            List<ImageSummary> rows = new ArrayList<>();
            read().forEach((name, entries) -> entries.forEach(e ->
                    rows.add(new ImageSummary(name, e.id(), e.platform(), e.created(), e.size()))));
            return rows;
        }
    }

    /** See {@link ImageStore#tag(String, String)}. */
    List<ClusterImage> tag(String source, String target) {
        String targetName = normaliseName(target);
        try (StoreLock.Held held = store.writeLock()) {
            List<ClusterImage> tagged = new ArrayList<>();
            for (Match match : distinctIds(require(source, read()))) {
                StoredImage image = loadStored(match.entry().id()).withBuilt(match.entry().created());
                tagged.add(commitLocked(targetName, image));
            }
            return tagged;
        }
    }

    /**
     * Removes the index entries matching {@code ref} (and {@code platform}); their metadata and layers are left to
     * garbage collection. Needs the exclusive lock.
     *
     * @throws ImageNotFoundException when nothing matches
     */
    void untagLocked(String ref, Optional<Platform> platform) {
        Map<String, List<ImageCodec.IndexEntry>> index = read();
        List<Match> all = require(ref, index);
        List<Match> doomed = all.stream()
                .filter(m -> platform.map(p -> p.matches(m.entry().platform())).orElse(true)).toList();
        if (doomed.isEmpty()) {
            throw new ImageNotFoundException(ref, "the local store has no " + platform.orElseThrow()
                    + " image of it; it has " + all.stream().map(m -> m.entry().platform().toString()).distinct()
                            .sorted().collect(Collectors.joining(", ")));
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
        write(index);
    }

    /**
     * The index rows matching a name or an id; at least one.
     *
     * @throws ImageNotFoundException when nothing matches
     */
    List<Match> require(String ref, Map<String, List<ImageCodec.IndexEntry>> index) {
        List<Match> matches = matches(ref, index);
        if (matches.isEmpty()) {
            throw new ImageNotFoundException(ref, "image not found in the local store");
        }
        return matches;
    }

    /** The rows of the name (normalised as Docker does), or of the id (full or an unambiguous hex prefix). */
    List<Match> matches(String ref, Map<String, List<ImageCodec.IndexEntry>> index) {
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

    /** One match per image id (the first name, in name order, for an id with several names). */
    static List<Match> distinctIds(List<Match> matches) {
        Set<String> seen = new HashSet<>();
        return matches.stream().filter(m -> seen.add(m.entry().id())).toList();
    }

    private ClusterImage load(Match match) {
        return loadStored(match.entry().id()).named(match.name());
    }

    /** The stored metadata of an image id; its id is the one asked for, whatever the file's content hashes to. */
    StoredImage loadStored(String id) {
        Path file = store.paths.imageFile(LayerRegistry.hexOf(id));
        try {
            return store.codec.fromJson(Files.readAllBytes(file), StoredImage.class, file.toString()).withId(id);
        } catch (IOException e) {
            throw IoFailures.wrap(file, "reading image metadata", e);
        }
    }

    /** The name index; empty when there is none yet. */
    Map<String, List<ImageCodec.IndexEntry>> read() {
        Path file = store.paths.index();
        try {
            byte[] json = Files.readAllBytes(file);
            return new TreeMap<>(store.codec.fromJson(json, ImageCodec.INDEX_TYPE, file.toString()));
        } catch (NoSuchFileException e) {
            return new TreeMap<>();
        } catch (IOException e) {
            throw IoFailures.wrap(file, "reading the image index", e);
        }
    }

    private void write(Map<String, List<ImageCodec.IndexEntry>> index) {
        store.files.write(store.paths.index(), store.codec.toJson(new TreeMap<>(index)));
    }

    /** Every image id the index points at. */
    static Set<String> referencedIds(Map<String, List<ImageCodec.IndexEntry>> index) {
        Set<String> ids = new HashSet<>();
        index.values().forEach(entries -> entries.forEach(e -> ids.add(e.id())));
        return ids;
    }

    private static String normaliseName(String name) {
        return ImageReference.parse(name).fullName();
    }
}
