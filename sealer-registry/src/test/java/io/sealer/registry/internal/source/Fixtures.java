package io.sealer.registry.internal.source;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sealer.registry.internal.manifest.Digests;
import io.sealer.registry.internal.manifest.MediaTypes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Small, deterministic images and the on-disk forms users carry them in: OCI layouts, {@code docker save} tarballs
 * (legacy and Docker 25+), {@code skopeo sync} dir trees. Everything is built in memory from a seed string.
 */
final class Fixtures {
    static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {
    }

    /** A blob: its bytes and digest. */
    record Blob(byte[] bytes) {
        String digest() {
            return Digests.of(bytes);
        }

        String hex() {
            return Digests.hex(digest());
        }
    }

    /**
     * One single-platform image.
     *
     * @param layerTar the uncompressed layer
     * @param layer the gzip-compressed layer the manifest lists
     * @param config the config
     * @param manifest the OCI manifest
     */
    record Image(Blob layerTar, Blob layer, Blob config, Blob manifest) {
        List<Blob> blobs() {
            return List.of(layer, config, manifest);
        }
    }

    /** An index over images, with its bytes. */
    record Index(Blob index, List<Image> images) {
    }

    /** An image for {@code os/arch} whose one layer holds a file naming {@code seed}. */
    static Image image(String seed, String platform) {
        try {
            String[] p = platform.split("/");
            Blob layerTar = new Blob(tar(Map.of("app/" + seed, (seed + " on " + platform + "\n")
                    .getBytes(StandardCharsets.UTF_8))));
            Blob layer = new Blob(gzip(layerTar.bytes()));
            ObjectNode config = JSON.createObjectNode().put("architecture", p[1]).put("os", p[0]);
            config.putObject("rootfs").put("type", "layers").putArray("diff_ids").add(layerTar.digest());
            Blob configBlob = new Blob(JSON.writeValueAsBytes(config));
            ObjectNode manifest = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType",
                    MediaTypes.OCI_MANIFEST);
            manifest.set("config", descriptor(MediaTypes.OCI_CONFIG, configBlob));
            manifest.putArray("layers").add(descriptor(MediaTypes.OCI_LAYER_GZIP, layer));
            return new Image(layerTar, layer, configBlob, new Blob(JSON.writeValueAsBytes(manifest)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An OCI index over one image per platform. */
    static Index index(String seed, String... platforms) {
        try {
            List<Image> images = new ArrayList<>();
            ObjectNode index = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", MediaTypes.OCI_INDEX);
            ArrayNode list = index.putArray("manifests");
            for (String platform : platforms) {
                Image image = image(seed, platform);
                images.add(image);
                String[] p = platform.split("/");
                ObjectNode d = descriptor(MediaTypes.OCI_MANIFEST, image.manifest());
                d.putObject("platform").put("architecture", p[1]).put("os", p[0]);
                list.add(d);
            }
            return new Index(new Blob(JSON.writeValueAsBytes(index)), images);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode descriptor(String mediaType, Blob blob) {
        return JSON.createObjectNode().put("mediaType", mediaType).put("digest", blob.digest())
                .put("size", blob.bytes().length);
    }

    /** Files of an OCI layout: {@code oci-layout}, {@code blobs/sha256/...} and {@code index.json} naming each entry. */
    static Map<String, byte[]> ociLayoutFiles(Map<String, Object> byRefName, String nameAnnotation) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
        ObjectNode layoutIndex = JSON.createObjectNode().put("schemaVersion", 2);
        ArrayNode entries = layoutIndex.putArray("manifests");
        byRefName.forEach((ref, content) -> {
            ObjectNode d;
            if (content instanceof Index index) {
                index.images().forEach(i -> i.blobs().forEach(b -> files.put("blobs/sha256/" + b.hex(), b.bytes())));
                files.put("blobs/sha256/" + index.index().hex(), index.index().bytes());
                d = descriptor(MediaTypes.OCI_INDEX, index.index());
            } else {
                Image image = (Image) content;
                image.blobs().forEach(b -> files.put("blobs/sha256/" + b.hex(), b.bytes()));
                d = descriptor(MediaTypes.OCI_MANIFEST, image.manifest());
            }
            d.putObject("annotations").put(nameAnnotation, ref);
            entries.add(d);
        });
        files.put("index.json", bytes(layoutIndex));
        return files;
    }

    /** Writes an OCI layout directory, as {@code skopeo copy ... oci:DIR:REF} does. */
    static Path ociLayout(Path dir, Map<String, Object> byRefName) {
        writeTree(dir, ociLayoutFiles(byRefName, OciLayoutReader.REF_NAME));
        return dir;
    }

    /**
     * Writes a legacy {@code docker save} tarball: {@code <hex>.json} configs, {@code <id>/layer.tar} layers (the
     * second image's layer a symbolic link to the first's when they are equal), {@code manifest.json},
     * {@code repositories}.
     */
    static Path dockerSave(Path file, Map<List<String>, Image> byRepoTags, boolean gzip) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        Map<String, String> links = new LinkedHashMap<>();
        Map<String, String> firstLayer = new LinkedHashMap<>();
        ArrayNode manifest = JSON.createArrayNode();
        for (Map.Entry<List<String>, Image> e : byRepoTags.entrySet()) {
            Image image = e.getValue();
            String configName = image.config().hex() + ".json";
            files.put(configName, image.config().bytes());
            String layerName = Digests.hex(Digests.of((image.layerTar().digest() + links.size() + files.size())
                    .getBytes(StandardCharsets.UTF_8))) + "/layer.tar";
            String first = firstLayer.putIfAbsent(image.layerTar().digest(), layerName);
            if (first != null) {
                links.put(layerName, "../" + first);
            } else {
                files.put(layerName, image.layerTar().bytes());
            }
            ObjectNode item = manifest.addObject().put("Config", configName);
            ArrayNode tags = item.putArray("RepoTags");
            e.getKey().forEach(tags::add);
            item.putArray("Layers").add(layerName);
        }
        files.put("manifest.json", bytes(manifest));
        files.put("repositories", "{}".getBytes(StandardCharsets.UTF_8));
        writeTar(file, files, links, gzip);
        return file;
    }

    /** Writes a Docker 25+ {@code docker save} tarball: an OCI layout inside, plus {@code manifest.json}. */
    static Path dockerSave25(Path file, String fullName, Image image) {
        Map<String, byte[]> files = new LinkedHashMap<>(ociLayoutFiles(Map.of(fullName, image),
                OciLayoutReader.CONTAINERD_NAME));
        ArrayNode manifest = JSON.createArrayNode();
        ObjectNode item = manifest.addObject().put("Config", "blobs/sha256/" + image.config().hex());
        item.putArray("RepoTags").add(fullName);
        item.putArray("Layers").add("blobs/sha256/" + image.layer().hex());
        files.put("manifest.json", bytes(manifest));
        writeTar(file, files, Map.of(), false);
        return file;
    }

    /**
     * Writes what {@code skopeo sync --dest dir} writes for an image: {@code DIR/<name>}/manifest.json, blobs named by
     * hex digest, a {@code version} file and, for an index, {@code <hex>.manifest.json} per platform.
     */
    static Path skopeoDir(Path imageDir, Object content) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("version", "Directory Transport Version: 1.1\n".getBytes(StandardCharsets.UTF_8));
        if (content instanceof Index index) {
            files.put("manifest.json", index.index().bytes());
            for (Image image : index.images()) {
                files.put(image.manifest().hex() + ".manifest.json", image.manifest().bytes());
                files.put(image.layer().hex(), image.layer().bytes());
                files.put(image.config().hex(), image.config().bytes());
            }
        } else {
            Image image = (Image) content;
            files.put("manifest.json", image.manifest().bytes());
            files.put(image.layer().hex(), image.layer().bytes());
            files.put(image.config().hex(), image.config().bytes());
        }
        writeTree(imageDir, files);
        return imageDir;
    }

    static void writeTree(Path dir, Map<String, byte[]> files) {
        try {
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                Path file = dir.resolve(e.getKey());
                Files.createDirectories(file.getParent());
                Files.write(file, e.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void writeTar(Path file, Map<String, byte[]> files, Map<String, String> links, boolean gzip) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (OutputStream raw = Files.newOutputStream(file);
                    OutputStream out = gzip ? new GZIPOutputStream(raw) : raw;
                    TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                for (Map.Entry<String, byte[]> e : files.entrySet()) {
                    TarArchiveEntry entry = new TarArchiveEntry(e.getKey());
                    entry.setSize(e.getValue().length);
                    entry.setModTime(0);
                    tar.putArchiveEntry(entry);
                    tar.write(e.getValue());
                    tar.closeArchiveEntry();
                }
                for (Map.Entry<String, String> e : links.entrySet()) {
                    TarArchiveEntry entry = new TarArchiveEntry(e.getKey(), TarArchiveEntry.LF_SYMLINK);
                    entry.setLinkName(e.getValue());
                    entry.setModTime(0);
                    tar.putArchiveEntry(entry);
                    tar.closeArchiveEntry();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] tar(Map<String, byte[]> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(e.getKey());
                entry.setSize(e.getValue().length);
                entry.setModTime(0);
                tar.putArchiveEntry(entry);
                tar.write(e.getValue());
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(data);
        }
        return bytes.toByteArray();
    }

    static byte[] bytes(Object json) {
        try {
            return JSON.writeValueAsBytes(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
