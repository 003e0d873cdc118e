package io.sealer.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sealer.api.image.ImageReference;
import io.sealer.api.image.Platform;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes small stand-in container images into an OCI image layout, as an air-gapped user carries real ones after
 * {@code skopeo copy --all docker://ghcr.io/kyverno/kyverno:v1.5.1 oci:images:ghcr.io/kyverno/kyverno:v1.5.1}: one
 * multi-platform index per image (linux/amd64 and linux/arm64), each platform a config and one small layer, named by
 * the full reference in {@code org.opencontainers.image.ref.name}. The bytes are the same on every run.
 *
 * <p>Usage: {@code StandInImages LAYOUT_DIR REFERENCE...}
 */
public final class StandInImages {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Platform> PLATFORMS = List.of(Platform.LINUX_AMD64, Platform.LINUX_ARM64);

    private final Path layout;

    private StandInImages(Path layout) {
        this.layout = layout;
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: StandInImages LAYOUT_DIR REFERENCE...");
        }
        write(Path.of(args[0]), List.of(args).subList(1, args.length));
    }

    /** Writes (or rewrites) the layout at {@code dir} with one stand-in image per reference. */
    public static void write(Path dir, List<String> references) throws IOException {
        Files.createDirectories(dir.resolve("blobs/sha256"));
        Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        StandInImages images = new StandInImages(dir);
        ObjectNode index = JSON.createObjectNode().put("schemaVersion", 2)
                .put("mediaType", "application/vnd.oci.image.index.v1+json");
        ArrayNode manifests = index.putArray("manifests");
        for (String reference : references) {
            String name = ImageReference.parse(reference).fullName();
            ObjectNode descriptor = images.image(name);
            descriptor.putObject("annotations").put("org.opencontainers.image.ref.name", name);
            manifests.add(descriptor);
        }
        Files.write(dir.resolve("index.json"), JSON.writeValueAsBytes(index));
    }

    /** An image index over one manifest per platform; returns its descriptor. */
    private ObjectNode image(String name) throws IOException {
        ObjectNode index = JSON.createObjectNode().put("schemaVersion", 2)
                .put("mediaType", "application/vnd.oci.image.index.v1+json");
        ArrayNode children = index.putArray("manifests");
        for (Platform platform : PLATFORMS) {
            byte[] tar = layer(name, platform);
            ObjectNode layer = blob("application/vnd.oci.image.layer.v1.tar+gzip", gzip(tar));
            ObjectNode config = JSON.createObjectNode().put("architecture", platform.architecture())
                    .put("os", platform.os());
            config.putObject("config").putArray("Cmd").add("/stand-in");
            ObjectNode rootfs = config.putObject("rootfs").put("type", "layers");
            rootfs.putArray("diff_ids").add("sha256:" + sha256(tar));
            ObjectNode manifest = JSON.createObjectNode().put("schemaVersion", 2)
                    .put("mediaType", "application/vnd.oci.image.manifest.v1+json");
            manifest.set("config", blob("application/vnd.oci.image.config.v1+json", JSON.writeValueAsBytes(config)));
            manifest.putArray("layers").add(layer);
            ObjectNode child = blob("application/vnd.oci.image.manifest.v1+json", JSON.writeValueAsBytes(manifest));
            child.putObject("platform").put("architecture", platform.architecture()).put("os", platform.os());
            children.add(child);
        }
        return blob("application/vnd.oci.image.index.v1+json", JSON.writeValueAsBytes(index));
    }

    /** Stores the bytes as a blob and returns their descriptor. */
    private ObjectNode blob(String mediaType, byte[] content) throws IOException {
        String hex = sha256(content);
        Files.write(layout.resolve("blobs/sha256").resolve(hex), content);
        return JSON.createObjectNode().put("mediaType", mediaType).put("digest", "sha256:" + hex)
                .put("size", content.length);
    }

    /** A one-file tar saying what the image stands in for, with fixed metadata. */
    private static byte[] layer(String name, Platform platform) throws IOException {
        byte[] text = ("stand-in for " + name + " (" + platform + "): the quick start's air-gapped image source\n")
                .getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            TarArchiveEntry entry = new TarArchiveEntry("stand-in");
            entry.setSize(text.length);
            entry.setMode(0644);
            entry.setModTime(0);
            tar.putArchiveEntry(entry);
            tar.write(text);
            tar.closeArchiveEntry();
        }
        return bytes.toByteArray();
    }

    private static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(content);
        }
        return bytes.toByteArray();
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new UncheckedIOException(new IOException("SHA-256 is missing from this Java runtime", e));
        }
    }
}
