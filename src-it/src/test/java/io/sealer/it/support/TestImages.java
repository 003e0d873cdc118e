package io.sealer.it.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Makes tiny OCI image layouts on disk (blobs, {@code index.json}, {@code oci-layout}) and copies them into a
 * registry with {@code skopeo}. Every image shares one base layer, so caches can show that shared blobs travel once.
 */
public final class TestImages {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";

    private TestImages() {
    }

    /**
     * Creates an OCI layout under {@code dir} tagged {@code tag}: an image index over one image per platform
     * ({@code os/arch[/variant]}) when several are given, a single image manifest when one is given. Each image has
     * the shared base layer and a layer naming the image and platform.
     */
    public static Path create(Path dir, String name, String tag, List<String> platforms) {
        try {
            Files.createDirectories(dir.resolve("blobs/sha256"));
            Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
            List<ObjectNode> manifests = new ArrayList<>();
            for (String platform : platforms) {
                manifests.add(image(dir, name, platform));
            }
            ObjectNode top;
            if (platforms.size() == 1) {
                top = manifests.get(0);
                top.remove("platform");
            } else {
                ObjectNode index = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", OCI_INDEX);
                ArrayNode list = index.putArray("manifests");
                manifests.forEach(list::add);
                top = descriptor(OCI_INDEX, write(dir, JSON.writeValueAsBytes(index)));
            }
            top.putObject("annotations").put("org.opencontainers.image.ref.name", tag);
            ObjectNode layoutIndex = JSON.createObjectNode().put("schemaVersion", 2);
            layoutIndex.putArray("manifests").add(top);
            Files.write(dir.resolve("index.json"), JSON.writeValueAsBytes(layoutIndex));
            return dir;
        } catch (IOException e) {
            throw new IllegalStateException("cannot create test image " + name, e);
        }
    }

    /** Copies every platform of the layout's {@code tag} to {@code docker://<destination>} over plain HTTP. */
    public static void push(Path layout, String tag, String destination, Optional<String> credentials) {
        List<String> cmd = new ArrayList<>(List.of("skopeo", "copy", "--all", "--preserve-digests",
                "--dest-tls-verify=false"));
        credentials.ifPresent(c -> cmd.addAll(List.of("--dest-creds", c)));
        cmd.add("oci:" + layout + ":" + tag);
        cmd.add("docker://" + destination);
        Processes.check(cmd);
    }

    private static ObjectNode image(Path dir, String name, String platform) throws IOException {
        String[] p = platform.split("/");
        byte[] baseTar = tar("base/os-release", "shared base layer\n");
        byte[] ownTar = tar("app/" + name, name + " for " + platform + "\n");
        Blob base = write(dir, gzip(baseTar));
        Blob own = write(dir, gzip(ownTar));
        ObjectNode config = JSON.createObjectNode().put("architecture", p[1]).put("os", p[0]);
        if (p.length > 2) {
            config.put("variant", p[2]);
        }
        config.putObject("config").putArray("Cmd").add("/app/" + name);
        ObjectNode rootfs = config.putObject("rootfs").put("type", "layers");
        rootfs.putArray("diff_ids").add(sha256(baseTar)).add(sha256(ownTar));
        Blob configBlob = write(dir, JSON.writeValueAsBytes(config));
        ObjectNode manifest = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", OCI_MANIFEST);
        manifest.set("config", descriptor("application/vnd.oci.image.config.v1+json", configBlob));
        ArrayNode layers = manifest.putArray("layers");
        layers.add(descriptor("application/vnd.oci.image.layer.v1.tar+gzip", base));
        layers.add(descriptor("application/vnd.oci.image.layer.v1.tar+gzip", own));
        ObjectNode descriptor = descriptor(OCI_MANIFEST, write(dir, JSON.writeValueAsBytes(manifest)));
        ObjectNode platformNode = descriptor.putObject("platform").put("architecture", p[1]).put("os", p[0]);
        if (p.length > 2) {
            platformNode.put("variant", p[2]);
        }
        return descriptor;
    }

    private record Blob(String digest, long size) {
    }

    private static ObjectNode descriptor(String mediaType, Blob blob) {
        return JSON.createObjectNode().put("mediaType", mediaType).put("digest", blob.digest())
                .put("size", blob.size());
    }

    private static Blob write(Path dir, byte[] content) throws IOException {
        String digest = sha256(content);
        Files.write(dir.resolve("blobs/sha256").resolve(digest.substring(7)), content);
        return new Blob(digest, content.length);
    }

    private static byte[] tar(String name, String content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            byte[] data = content.getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry entry = new TarArchiveEntry(name);
            entry.setSize(data.length);
            entry.setModTime(0);
            entry.setMode(0644);
            tar.putArchiveEntry(entry);
            tar.write(data);
            tar.closeArchiveEntry();
        }
        return bytes.toByteArray();
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(data);
        }
        return bytes.toByteArray();
    }

    /** {@code sha256:<hex>} of the bytes. */
    public static String sha256(byte[] content) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
