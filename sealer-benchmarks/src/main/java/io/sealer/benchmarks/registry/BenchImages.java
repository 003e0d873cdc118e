package io.sealer.benchmarks.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The benchmark's data set: {@code count} single-platform images in one OCI layout (one {@code ref.name} per image),
 * generated deterministically from a seed. Every image has four gzip'd tar layers of random (incompressible) bytes:
 * a base layer shared by all images, one of two runtime layers each shared by half of the images, and two layers of
 * its own (an application layer whose size varies per image and a small one).
 */
final class BenchImages {
    static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
    static final String OCI_LAYER = "application/vnd.oci.image.layer.v1.tar+gzip";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MB = 1 << 20;

    /** A content-addressed blob of the layout. */
    record Blob(String digest, long size, String mediaType) {
        String hex() {
            return digest.substring("sha256:".length());
        }
    }

    /** One image: its tag in the layout, its manifest and the blobs the manifest references (config first). */
    record Image(String name, Blob manifest, List<Blob> blobs) {
    }

    /** Sizes of the generated layers, in bytes of random payload (the gzip'd blobs are a little larger). */
    record Shape(int count, long baseBytes, long runtimeBytes, long appBytes, long appStepBytes, long smallBytes) {
        static Shape standard() {
            return new Shape(12, 48L * MB, 24L * MB, 8L * MB, MB / 4, MB / 2);
        }
    }

    private final Path layout;
    private final List<Image> images;

    private BenchImages(Path layout, List<Image> images) {
        this.layout = layout;
        this.images = List.copyOf(images);
    }

    Path layout() {
        return layout;
    }

    List<Image> images() {
        return images;
    }

    /** Config and layer blobs, each once however many images reference it, by digest. */
    Map<String, Blob> uniqueBlobs() {
        Map<String, Blob> unique = new LinkedHashMap<>();
        images.forEach(i -> i.blobs().forEach(b -> unique.putIfAbsent(b.digest(), b)));
        return unique;
    }

    long uniqueBlobBytes() {
        return uniqueBlobs().values().stream().mapToLong(Blob::size).sum();
    }

    /** Config and layer bytes summed per image, shared blobs counted once per image that has them. */
    long perImageBlobBytes() {
        return images.stream().flatMap(i -> i.blobs().stream()).mapToLong(Blob::size).sum();
    }

    long manifestBytes() {
        return images.stream().mapToLong(i -> i.manifest().size()).sum();
    }

    /** Writes the data set as an OCI layout under {@code dir}. */
    static BenchImages generate(Path dir, long seed, Shape shape) throws IOException {
        Files.createDirectories(dir.resolve("blobs/sha256"));
        Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        Writer writer = new Writer(dir);
        Layer base = writer.layer("base", shape.baseBytes(), seed);
        List<Layer> runtimes = List.of(writer.layer("runtime-a", shape.runtimeBytes(), seed + 1),
                writer.layer("runtime-b", shape.runtimeBytes(), seed + 2));
        List<Image> images = new ArrayList<>();
        ArrayNode refs = JSON.createArrayNode();
        for (int i = 0; i < shape.count(); i++) {
            String name = String.format("img-%02d", i);
            Layer runtime = runtimes.get(i * runtimes.size() / shape.count());
            Layer app = writer.layer(name + "-app", shape.appBytes() + i * shape.appStepBytes(), seed + 100 + i);
            Layer small = writer.layer(name + "-etc", shape.smallBytes(), seed + 200 + i);
            List<Layer> layers = List.of(base, runtime, app, small);
            ObjectNode config = JSON.createObjectNode().put("architecture", "amd64").put("os", "linux");
            config.putObject("config").putArray("Cmd").add("/" + name + "-app/payload");
            ArrayNode diffIds = config.putObject("rootfs").put("type", "layers").putArray("diff_ids");
            layers.forEach(l -> diffIds.add(l.diffId()));
            Blob configBlob = writer.bytes(JSON.writeValueAsBytes(config), OCI_CONFIG);
            ObjectNode manifest = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", OCI_MANIFEST);
            manifest.set("config", descriptor(configBlob));
            ArrayNode layerArray = manifest.putArray("layers");
            layers.forEach(l -> layerArray.add(descriptor(l.blob())));
            Blob manifestBlob = writer.bytes(JSON.writeValueAsBytes(manifest), OCI_MANIFEST);
            List<Blob> blobs = new ArrayList<>();
            blobs.add(configBlob);
            layers.forEach(l -> blobs.add(l.blob()));
            images.add(new Image(name, manifestBlob, blobs));
            ObjectNode ref = descriptor(manifestBlob);
            ref.putObject("annotations").put("org.opencontainers.image.ref.name", name);
            refs.add(ref);
        }
        ObjectNode index = JSON.createObjectNode().put("schemaVersion", 2);
        index.set("manifests", refs);
        Files.write(dir.resolve("index.json"), JSON.writeValueAsBytes(index));
        return new BenchImages(dir, images);
    }

    private static ObjectNode descriptor(Blob blob) {
        return JSON.createObjectNode().put("mediaType", blob.mediaType()).put("digest", blob.digest())
                .put("size", blob.size());
    }

    private record Layer(Blob blob, String diffId) {
    }

    /** Streams blobs into the layout's {@code blobs/sha256}. */
    private static final class Writer {
        private final Path blobs;

        Writer(Path dir) {
            this.blobs = dir.resolve("blobs/sha256");
        }

        Blob bytes(byte[] content, String mediaType) throws IOException {
            String digest = "sha256:" + HexFormat.of().formatHex(sha256().digest(content));
            Files.write(blobs.resolve(digest.substring(7)), content);
            return new Blob(digest, content.length, mediaType);
        }

        /** A gzip'd tar holding one file of {@code payload} random bytes drawn from {@code seed}. */
        Layer layer(String name, long payload, long seed) throws IOException {
            Path part = Files.createTempFile(blobs, name, ".part");
            MessageDigest compressed = sha256();
            MessageDigest uncompressed = sha256();
            try (OutputStream file = new DigestOutputStream(Files.newOutputStream(part), compressed);
                    GZIPOutputStream gzip = new FastGzip(file);
                    TarArchiveOutputStream tar = new TarArchiveOutputStream(
                            new DigestOutputStream(gzip, uncompressed))) {
                TarArchiveEntry entry = new TarArchiveEntry(name + "/payload");
                entry.setSize(payload);
                entry.setModTime(0);
                entry.setMode(0644);
                tar.putArchiveEntry(entry);
                SplittableRandom random = new SplittableRandom(seed);
                byte[] chunk = new byte[MB];
                for (long left = payload; left > 0; left -= chunk.length) {
                    fill(random, chunk);
                    tar.write(chunk, 0, (int) Math.min(chunk.length, left));
                }
                tar.closeArchiveEntry();
            }
            String hex = HexFormat.of().formatHex(compressed.digest());
            Path target = blobs.resolve(hex);
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
            Blob blob = new Blob("sha256:" + hex, Files.size(target), OCI_LAYER);
            return new Layer(blob, "sha256:" + HexFormat.of().formatHex(uncompressed.digest()));
        }

        private static void fill(SplittableRandom random, byte[] chunk) {
            for (int i = 0; i < chunk.length; i += 8) {
                long v = random.nextLong();
                for (int b = 0; b < 8; b++) {
                    chunk[i + b] = (byte) (v >>> (8 * b));
                }
            }
        }
    }

    /** gzip at the fastest level: random payloads do not compress anyway. */
    private static final class FastGzip extends GZIPOutputStream {
        FastGzip(OutputStream out) throws IOException {
            super(out, 64 * 1024);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
