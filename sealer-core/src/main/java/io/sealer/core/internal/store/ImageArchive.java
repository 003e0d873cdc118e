package io.sealer.core.internal.store;

import io.sealer.api.StoreException;
import io.sealer.api.image.ClusterImage;
import io.sealer.api.image.Layer;
import io.sealer.core.internal.io.IoFailures;
import io.sealer.core.internal.layer.LayerDigest;
import io.sealer.core.internal.layer.LayerDigestMismatchException;
import io.sealer.core.internal.layer.LayerExtractor;
import io.sealer.core.internal.layer.ReproducibleTar;
import java.io.IOException;
import java.io.InputStream;
import io.sealer.core.internal.io.Streams;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The {@code sealer save} archive: an uncompressed tar with {@code index.json} (name, id and platform of each image),
 * {@code images/<hex>.json} (each image's metadata) and {@code layers/<hex>.tar} (each layer's reproducible tar, so
 * its digest is its id). Reading extracts and verifies everything into a work directory before anything touches
 * the store.
 */
final class ImageArchive {
    static final String INDEX = "index.json";
    private static final Pattern IMAGE = Pattern.compile("images/([0-9a-f]{64})\\.json");
    private static final Pattern LAYER = Pattern.compile("layers/([0-9a-f]{64})\\.tar");

    /** What an archive held, verified and extracted under a work directory. */
    record Contents(List<ClusterImage> images, Map<String, LayerDigest> layers, Path work) {
        Path layerDir(String hex) {
            return work.resolve("layers").resolve(hex);
        }
    }

    private final ImageCodec codec;

    ImageArchive(ImageCodec codec) {
        this.codec = codec;
    }

    void write(OutputStream out, List<ClusterImage> images, Function<String, StoredLayer> layerInfo,
            Function<String, Path> layerDir) {
        String current = INDEX;
        try {
            TarArchiveOutputStream tar = new TarArchiveOutputStream(Streams.nonClosing(out), "UTF-8");
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            List<ImageCodec.ArchiveEntry> index = images.stream()
                    .map(i -> new ImageCodec.ArchiveEntry(i.name(), i.id(), i.platform())).toList();
            putBytes(tar, INDEX, codec.toJson(index));
            Set<String> layerIds = new LinkedHashSet<>();
            for (ClusterImage image : images) {
                current = image.name();
                putBytes(tar, "images/" + LayerRegistry.hexOf(image.id()) + ".json", codec.toJson(image));
                image.layers().stream().map(Layer::id).filter(id -> id != null).forEach(layerIds::add);
            }
            for (String id : layerIds) {
                current = id;
                StoredLayer stored = layerInfo.apply(id);
                TarArchiveEntry entry = entry("layers/" + LayerRegistry.hexOf(id) + ".tar");
                entry.setSize(stored.size());
                tar.putArchiveEntry(entry);
                LayerDigest digest = ReproducibleTar.write(layerDir.apply(id), tar);
                if (!id.equals(digest.id())) {
                    throw new LayerDigestMismatchException(layerDir.apply(id).toString(), id,
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

    Contents read(InputStream in, Path work) {
        List<ImageCodec.ArchiveEntry> index = null;
        Map<String, ClusterImage> images = new LinkedHashMap<>();
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
                    ClusterImage read = codec.fromJson(tar.readAllBytes(), ClusterImage.class, current);
                    String expected = "sha256:" + image.group(1);
                    String actual = codec.imageId(read);
                    if (!expected.equals(read.id()) || !expected.equals(actual)) {
                        throw new StoreException(current, "image metadata does not hash to its id " + expected
                                + " (it hashes to " + actual + ")", null);
                    }
                    images.put(expected, read);
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
        List<ClusterImage> ordered = new ArrayList<>();
        for (ImageCodec.ArchiveEntry e : index) {
            ClusterImage image = images.get(e.id());
            if (image == null) {
                throw new StoreException(INDEX, "image " + e.name() + " (" + e.id() + ") has no metadata in the"
                        + " archive", null);
            }
            ordered.add(image);
        }
        return new Contents(ordered, layers, work);
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
