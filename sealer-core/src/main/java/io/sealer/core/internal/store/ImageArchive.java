package io.sealer.core.internal.store;

import io.sealer.api.StoreException;
import io.sealer.api.image.ClusterImage;
import io.sealer.api.image.Layer;
import io.sealer.core.internal.io.IoFailures;
import io.sealer.core.internal.io.Streams;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import io.sealer.core.internal.store.ImageIndex.Named;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Save and load: the {@code sealer save} archive is an uncompressed tar with {@code index.json} (name, id and
 * platform of each image), {@code images/<hex>.json} (each image's metadata) and {@code layers/<hex>.tar} (each
 * layer's reproducible tar, so its digest is its id). Loading extracts and verifies everything into a work directory
 * under {@code tmp/} before anything touches the store.
 */
@SuppressWarnings("try") // lock guards are held for the scope of their try block and never used in it
final class ImageArchive {
    static final String INDEX = "index.json";
    private static final Pattern IMAGE = Pattern.compile("images/([0-9a-f]{64})\\.json");
    private static final Pattern LAYER = Pattern.compile("layers/([0-9a-f]{64})\\.tar");

    /** What an archive held, verified and extracted under a work directory: its names in index order. */
    private record Contents(List<Named> images, Map<String, LayerDigest> layers, Path work) {
        Path layerDir(String hex) {
            return work.resolve("layers").resolve(hex);
        }
    }

    private final StoreContext store;
    private final ImageIndex index;
    private final ImageCodec codec;

    ImageArchive(StoreContext store, ImageIndex index) {
        this.store = store;
        this.index = index;
        this.codec = store.codec;
    }

    /** See {@link ImageStore#save(OutputStream, List)}. */
    void save(OutputStream out, List<String> refs) {
        try (StoreLock.Held held = store.readLock()) {
            Map<String, List<ImageCodec.IndexEntry>> names = index.read();
            Set<ImageIndex.Match> matches = new LinkedHashSet<>();
            for (String ref : refs) {
                matches.addAll(index.require(ref, names));
            }
            Map<String, StoredImage> images = new LinkedHashMap<>();
            List<ImageCodec.ArchiveEntry> entries = new ArrayList<>();
            for (ImageIndex.Match match : matches) {
                String id = match.entry().id();
                images.computeIfAbsent(id, index::loadStored);
                entries.add(new ImageCodec.ArchiveEntry(match.name(), id, match.entry().platform()));
            }
            write(out, entries, images.values());
        }
    }

    /** See {@link ImageStore#save(Path, List)}. */
    void save(Path file, List<String> refs) {
        Path absolute = file.toAbsolutePath();
        Path part = absolute.resolveSibling(absolute.getFileName() + ".part");
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(part), 64 * 1024)) {
                save(out, refs);
            }
            Files.move(part, absolute, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw IoFailures.wrap(absolute, "saving images", e);
        } finally {
            Trees.deleteQuietly(part);
        }
    }

    /** See {@link ImageStore#load(InputStream)}. */
    List<ClusterImage> load(InputStream in) {
        Path work = store.newTemporary("load");
        try {
            Contents contents = read(in, work);
            try (StoreLock.Held held = store.writeLock()) {
                for (Map.Entry<String, LayerDigest> layer : contents.layers().entrySet()) {
                    store.layers.install(contents.layerDir(layer.getKey()), layer.getValue());
                    store.leases.hold(layer.getKey());
                }
                for (Named named : contents.images()) {
                    for (Layer layer : named.image().layers()) {
                        if (layer.id() != null && !store.layers.isComplete(LayerRegistry.hexOf(layer.id()))) {
                            throw new StoreException(named.name(), "the archive lacks layer " + layer.id()
                                    + " and the store does not have it either", null);
                        }
                    }
                }
                return index.commitLocked(contents.images());
            }
        } finally {
            Trees.deleteQuietly(work);
        }
    }

    /** See {@link ImageStore#load(Path)}. */
    List<ClusterImage> load(Path file) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024)) {
            return load(in);
        } catch (IOException e) {
            throw IoFailures.wrap(file, "loading images", e);
        }
    }

    private StoredLayer storedLayer(String layerId) {
        String hex = LayerRegistry.hexOf(layerId);
        long size = store.layers.size(hex).orElseThrow(() -> new StoreException(store.paths.layerDir(hex)
                .toString(), "layer " + layerId + " is missing from the store", null));
        return new StoredLayer(layerId, size);
    }

    private Path layerDir(String layerId) {
        return store.paths.layerDir(LayerRegistry.hexOf(layerId));
    }

    private void write(OutputStream out, List<ImageCodec.ArchiveEntry> index, Collection<StoredImage> images) {
        String current = INDEX;
        try {
            TarArchiveOutputStream tar = new TarArchiveOutputStream(Streams.nonClosing(out), "UTF-8");
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            putBytes(tar, INDEX, codec.toJson(index));
            Set<String> layerIds = new LinkedHashSet<>();
            for (StoredImage image : images) {
                current = image.id();
                putBytes(tar, "images/" + LayerRegistry.hexOf(image.id()) + ".json", codec.toJson(image));
                image.layers().stream().map(Layer::id).filter(id -> id != null).forEach(layerIds::add);
            }
            for (String id : layerIds) {
                current = id;
                StoredLayer stored = storedLayer(id);
                TarArchiveEntry entry = entry("layers/" + LayerRegistry.hexOf(id) + ".tar");
                entry.setSize(stored.size());
                tar.putArchiveEntry(entry);
                LayerDigest digest = ReproducibleTar.write(layerDir(id), tar);
                if (!id.equals(digest.id())) {
                    throw new LayerDigestMismatchException(layerDir(id).toString(), id,
                            String.valueOf(digest.id()));
                }
                tar.closeArchiveEntry();
            }
            tar.finish();
            tar.flush();
        } catch (IOException e) {
            throw new StoreException(current, "writing the image archive failed: " + IoFailures.describe(e), e);
        }
    }

    private Contents read(InputStream in, Path work) {
        List<ImageCodec.ArchiveEntry> index = null;
        Map<String, StoredImage> images = new LinkedHashMap<>();
        Map<String, LayerDigest> layers = new LinkedHashMap<>();
        String current = "archive";
        try {
            Files.createDirectories(work.resolve("layers"));
            TarArchiveInputStream tar = new TarArchiveInputStream(in, "UTF-8");
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                current = entry.getName();
                if (entry.isDirectory()) {
                    continue;
                }
                Matcher image = IMAGE.matcher(current);
                Matcher layer = LAYER.matcher(current);
                if (current.equals(INDEX)) {
                    index = codec.fromJson(tar.readAllBytes(), ImageCodec.ARCHIVE_INDEX_TYPE, current);
                } else if (image.matches()) {
                    String expected = "sha256:" + image.group(1);
                    images.put(expected, verified(tar.readAllBytes(), expected, current));
                } else if (layer.matches()) {
                    String hex = layer.group(1);
                    Path dir = work.resolve("layers").resolve(hex);
                    Files.createDirectories(dir);
                    layers.put(hex, LayerExtractor.extractVerified(tar, dir, "sha256:" + hex));
                } else {
                    throw new StoreException(current, "unexpected entry in image archive (expected " + INDEX
                            + ", images/<hex>.json or layers/<hex>.tar)", null);
                }
            }
        } catch (LayerDigestMismatchException e) {
            throw new LayerDigestMismatchException(current, e.expected(), e.actual());
        } catch (IOException e) {
            throw new StoreException(current, "reading the image archive failed: " + IoFailures.describe(e), e);
        }
        if (index == null) {
            throw new StoreException("archive", "not an image archive: " + INDEX + " is missing", null);
        }
        List<Named> ordered = new ArrayList<>();
        for (ImageCodec.ArchiveEntry e : index) {
            StoredImage image = images.get(e.id());
            if (image == null) {
                throw new StoreException(INDEX, "image " + e.name() + " (" + e.id() + ") has no metadata in the"
                        + " archive", null);
            }
            ordered.add(new Named(e.name(), image));
        }
        return new Contents(ordered, layers, work);
    }

    /**
     * The image in {@code json} if it hashes to {@code expected}: as ids are computed now, or, for an archive saved
     * before ids left out the name, as they were computed then (the image then keeps that id).
     */
    private StoredImage verified(byte[] json, String expected, String entry) {
        StoredImage read = codec.fromJson(json, StoredImage.class, entry);
        String actual = codec.imageId(read);
        if (expected.equals(read.id()) && expected.equals(actual)) {
            return read;
        }
        if (expected.equals(read.id()) && expected.equals(legacyId(json, entry))) {
            return read;
        }
        throw new StoreException(entry, "image metadata does not hash to its id " + expected + " (it hashes to "
                + actual + ")", null);
    }

    private String legacyId(byte[] json, String entry) {
        try {
            return codec.legacyImageId(codec.fromJson(json, ClusterImage.class, entry));
        } catch (StoreException e) {
            return null; // not the old format: it has no name
        }
    }

    private static void putBytes(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        TarArchiveEntry entry = entry(name);
        entry.setSize(content.length);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    private static TarArchiveEntry entry(String name) {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setModTime(0L);
        entry.setIds(0, 0);
        entry.setUserName("");
        entry.setGroupName("");
        entry.setMode(0100644);
        return entry;
    }
}
