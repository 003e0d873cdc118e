package io.sealer.registry.internal.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sealer.api.InvalidReferenceException;
import io.sealer.api.image.ImageReference;
import io.sealer.registry.internal.manifest.Digests;
import io.sealer.registry.internal.manifest.MediaTypes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads image tarballs without extracting them: {@code docker save} (and {@code skopeo copy ... docker-archive:})
 * tarballs, legacy ({@code manifest.json} with {@code RepoTags}, config JSON, layer tars) and Docker 25+ (an OCI layout
 * inside, {@code index.json} and {@code blobs/sha256/}), and {@code oci-archive} tarballs (an OCI layout only).
 *
 * <p>Images named by the OCI {@code index.json} keep the manifests the tarball holds. An image that
 * {@code manifest.json} names and {@code index.json} does not has no registry manifest in the tarball, so one is
 * written: an OCI image manifest over its config ({@code application/vnd.oci.image.config.v1+json}) and its layers in
 * order ({@code application/vnd.oci.image.layer.v1.tar}, or {@code +gzip}/{@code +zstd} when a layer file is
 * compressed), as compact JSON with the fields in a fixed order and no annotations, so the same tarball always gives
 * the same manifest digest. An uncompressed layer's digest is its {@code diff_id} from the config (checked while the
 * layer is copied); any other layer is hashed once while indexing.
 */
final class TarballReader {
    private static final Logger LOG = LoggerFactory.getLogger(TarballReader.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_JSON = 16 << 20;

    private TarballReader() {
    }

    /** Indexes the tarball {@code file}. */
    static SourceContent read(Path file) throws IOException {
        TarArchive tar = TarArchive.open(file);
        Map<String, BlobFile> extra = new ConcurrentHashMap<>();
        Function<String, Optional<BlobFile>> blobs = digest -> {
            BlobFile made = extra.get(digest);
            if (made != null) {
                return Optional.of(made);
            }
            if (!Digests.isSha256(digest)) {
                return Optional.empty();
            }
            return tar.entry("blobs/sha256/" + Digests.hex(digest)).map(tar::blob);
        };
        Map<String, String> mediaTypes = new HashMap<>();
        List<SourceContent.NamedImage> images = new ArrayList<>();
        String hint = OciLayoutReader.hintOf(file.getFileName());
        Optional<TarArchive.Entry> index = tar.entry("index.json");
        if (index.isPresent()) {
            images.addAll(OciLayoutReader.read(file.toString(), tar.read(index.get(), MAX_JSON), hint, blobs,
                    mediaTypes));
        }
        Optional<TarArchive.Entry> manifest = tar.entry("manifest.json");
        if (manifest.isEmpty() && index.isEmpty()) {
            throw new IOException("neither manifest.json (docker save) nor index.json (OCI layout) is in the tarball"
                    + (tar.compressed() ? "" : "; is it an image tarball?"));
        }
        if (manifest.isPresent()) {
            Set<ImageReference> named = new LinkedHashSet<>();
            images.forEach(i -> {
                if (i.name() instanceof SourceName.Full full) {
                    named.add(full.reference());
                }
            });
            JsonNode items = JSON.readTree(tar.read(manifest.get(), MAX_JSON));
            if (!items.isArray()) {
                throw new IOException("manifest.json is not a list");
            }
            for (JsonNode item : items) {
                List<ImageReference> tags = new ArrayList<>();
                for (JsonNode tag : item.path("RepoTags")) {
                    repoTag(file, tag.asText("")).filter(t -> !named.contains(t)).ifPresent(tags::add);
                }
                if (tags.isEmpty() && index.isPresent()) {
                    continue; // index.json already names (or holds) this image
                }
                byte[] written = writeManifest(tar, file, item, extra);
                String digest = Digests.of(written);
                extra.put(digest, BlobFile.of(written, file + " (manifest written for " + tags + ")"));
                mediaTypes.put(digest, MediaTypes.OCI_MANIFEST);
                for (ImageReference tag : tags) {
                    images.add(new SourceContent.NamedImage(new SourceName.Full(tag), digest));
                }
            }
        }
        String kind = manifest.isPresent() ? "docker save tarball" : "OCI archive";
        return new SourceContent(tar.compressed() ? "compressed " + kind : kind, images, mediaTypes, blobs);
    }

    private static Optional<ImageReference> repoTag(Path file, String text) {
        try {
            ImageReference ref = ImageReference.parse(text);
            return Optional.of(ref.withTag(ref.effectiveTag()));
        } catch (InvalidReferenceException e) {
            LOG.warn("image source {}: RepoTag \"{}\" is not a valid image reference ({}); ignoring it", file, text,
                    e.problem());
            return Optional.empty();
        }
    }

    /** The OCI manifest over one {@code manifest.json} item's config and layers; registers their blobs. */
    private static byte[] writeManifest(TarArchive tar, Path file, JsonNode item, Map<String, BlobFile> blobs)
            throws IOException {
        String configName = item.path("Config").asText("");
        TarArchive.Entry configEntry = tar.entry(configName).orElseThrow(() -> new IOException(
                "manifest.json names config " + configName + ", which is not in the tarball"));
        byte[] config = tar.read(configEntry, MAX_JSON);
        String configDigest = Digests.of(config);
        blobs.put(configDigest, tar.blob(configEntry));
        JsonNode diffIds = JSON.readTree(config).path("rootfs").path("diff_ids");
        ObjectNode manifest = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", MediaTypes.OCI_MANIFEST);
        manifest.putObject("config").put("mediaType", MediaTypes.OCI_CONFIG).put("digest", configDigest)
                .put("size", config.length);
        ArrayNode layers = manifest.putArray("layers");
        int i = 0;
        for (JsonNode layerName : item.path("Layers")) {
            String name = layerName.asText("");
            TarArchive.Entry entry = tar.entry(name).orElseThrow(() -> new IOException("manifest.json names layer "
                    + name + ", which is not in the tarball"));
            String mediaType = layerType(tar, entry);
            String diffId = diffIds.path(i).asText("");
            String digest;
            if (name.startsWith("blobs/sha256/") && Digests.isSha256("sha256:" + name.substring(13))) {
                digest = "sha256:" + name.substring(13); // named by its digest (Docker 25+), checked when copied
            } else if (mediaType.equals(MediaTypes.OCI_LAYER_TAR) && Digests.isSha256(diffId)) {
                digest = diffId; // an uncompressed layer's digest is its diff_id, checked when copied
            } else {
                digest = tar.knownDigest(entry).orElse(null);
                if (digest == null) {
                    digest = hash(tar, entry);
                }
            }
            blobs.put(digest, tar.blob(entry));
            layers.addObject().put("mediaType", mediaType).put("digest", digest).put("size", entry.size());
            i++;
        }
        return JSON.writeValueAsBytes(manifest);
    }

    private static String layerType(TarArchive tar, TarArchive.Entry entry) throws IOException {
        byte[] magic = tar.head(entry);
        if (magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
            return MediaTypes.OCI_LAYER_GZIP;
        }
        if (magic.length == 4 && (magic[0] & 0xff) == 0x28 && (magic[1] & 0xff) == 0xb5 && (magic[2] & 0xff) == 0x2f
                && (magic[3] & 0xff) == 0xfd) {
            return MediaTypes.OCI_LAYER_ZSTD;
        }
        return MediaTypes.OCI_LAYER_TAR;
    }

    private static String hash(TarArchive tar, TarArchive.Entry entry) throws IOException {
        MessageDigest sha = Digests.sha256();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = tar.open(entry)) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                sha.update(buffer, 0, n);
            }
        }
        return Digests.format(sha.digest());
    }
}
