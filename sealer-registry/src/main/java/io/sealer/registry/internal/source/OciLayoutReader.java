package io.sealer.registry.internal.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sealer.api.image.ImageReference;
import io.sealer.api.InvalidReferenceException;
import io.sealer.registry.internal.manifest.Digests;
import io.sealer.registry.internal.manifest.MediaTypes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads OCI image layouts: a directory ({@code skopeo copy ... oci:DIR:REF}) or the same inside a tarball
 * ({@code oci-archive}, {@code docker save} of Docker 25+). Images are named by the annotations of
 * {@code index.json}: {@code io.containerd.image.name} (a full reference, written by Docker and containerd) wins over
 * {@code org.opencontainers.image.ref.name}, which is a full reference when it holds a {@code /}, {@code :} or
 * {@code @} and a bare tag otherwise.
 */
final class OciLayoutReader {
    private static final Logger LOG = LoggerFactory.getLogger(OciLayoutReader.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");
    static final String REF_NAME = "org.opencontainers.image.ref.name";
    static final String CONTAINERD_NAME = "io.containerd.image.name";
    private static final int MAX_DEPTH = 4;

    private OciLayoutReader() {
    }

    /** Reads the layout directory {@code dir}. */
    static SourceContent readDirectory(Path dir) throws IOException {
        byte[] index = Files.readAllBytes(dir.resolve("index.json"));
        Function<String, Optional<BlobFile>> blobs = digest -> {
            if (!Digests.isSha256(digest)) {
                return Optional.empty();
            }
            Path file = dir.resolve("blobs/sha256").resolve(Digests.hex(digest));
            return Files.isRegularFile(file) ? Optional.of(BlobFile.of(file)) : Optional.empty();
        };
        Map<String, String> mediaTypes = new HashMap<>();
        List<SourceContent.NamedImage> images = read(dir.toString(), index, hintOf(dir.getFileName()), blobs,
                mediaTypes);
        return new SourceContent("OCI layout", images, mediaTypes, blobs);
    }

    /** The directory or file name a bare tag refers to: its name without {@code .tar}, {@code .tar.gz} or {@code .tgz}. */
    static String hintOf(Path name) {
        String n = name == null ? "" : name.toString();
        for (String ext : List.of(".tar.gz", ".tgz", ".tar")) {
            if (n.endsWith(ext)) {
                return n.substring(0, n.length() - ext.length());
            }
        }
        return n;
    }

    /**
     * The named images of a layout's {@code index.json}; records the media types of every manifest reachable from it
     * in {@code mediaTypes}.
     */
    static List<SourceContent.NamedImage> read(String where, byte[] indexJson, String hint,
            Function<String, Optional<BlobFile>> blobs, Map<String, String> mediaTypes) throws IOException {
        JsonNode index = JSON.readTree(indexJson);
        if (index == null || !index.path("manifests").isArray()) {
            throw new IOException("index.json of " + where + " has no manifests list");
        }
        List<SourceContent.NamedImage> images = new ArrayList<>();
        for (JsonNode descriptor : index.path("manifests")) {
            String digest = descriptor.path("digest").asText("");
            if (!Digests.isSha256(digest)) {
                throw new IOException("index.json of " + where + " lists \"" + digest
                        + "\"; expected a sha256:<64 hex digits> digest");
            }
            record(descriptor, mediaTypes);
            walk(where, digest, blobs, mediaTypes, 0);
            nameOf(where, descriptor.path("annotations"), hint)
                    .ifPresent(name -> images.add(new SourceContent.NamedImage(name, digest)));
        }
        return images;
    }

    private static Optional<SourceName> nameOf(String where, JsonNode annotations, String hint) {
        String containerd = annotations.path(CONTAINERD_NAME).asText("");
        if (!containerd.isEmpty()) {
            Optional<SourceName> full = full(where, containerd);
            if (full.isPresent()) {
                return full;
            }
        }
        String ref = annotations.path(REF_NAME).asText("");
        if (ref.isEmpty()) {
            return Optional.empty();
        }
        if (ref.contains("/") || ref.contains(":") || ref.contains("@")) {
            return full(where, ref);
        }
        if (!TAG.matcher(ref).matches()) {
            LOG.warn("image source {}: ref name \"{}\" is neither a tag nor an image reference; ignoring it", where,
                    ref);
            return Optional.empty();
        }
        return Optional.of(new SourceName.BareTag(ref, hint));
    }

    private static Optional<SourceName> full(String where, String reference) {
        try {
            ImageReference parsed = ImageReference.parse(reference);
            if (parsed.optionalTag().isEmpty()) {
                return Optional.empty(); // found by its digest only
            }
            return Optional.of(new SourceName.Full(parsed.withTag(parsed.optionalTag().get())));
        } catch (InvalidReferenceException e) {
            LOG.warn("image source {}: \"{}\" is not a valid image reference ({}); ignoring it", where, reference,
                    e.problem());
            return Optional.empty();
        }
    }

    private static void record(JsonNode descriptor, Map<String, String> mediaTypes) {
        String type = descriptor.path("mediaType").asText("");
        if (MediaTypes.isIndex(type) || MediaTypes.isImageManifest(type)) {
            mediaTypes.putIfAbsent(descriptor.path("digest").asText(), type);
        }
    }

    /** Records the media types of an index's children, recursively; children the layout lacks are skipped. */
    private static void walk(String where, String digest, Function<String, Optional<BlobFile>> blobs,
            Map<String, String> mediaTypes, int depth) throws IOException {
        if (depth >= MAX_DEPTH || !MediaTypes.isIndex(mediaTypes.getOrDefault(digest, ""))) {
            return;
        }
        Optional<BlobFile> blob = blobs.apply(digest);
        if (blob.isEmpty()) {
            return;
        }
        byte[] bytes = blob.get().readAtMost(SourceContent.MAX_MANIFEST_BYTES);
        JsonNode node;
        try {
            node = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new IOException("index " + digest + " in " + where + " is not valid JSON", e);
        }
        for (JsonNode child : node.path("manifests")) {
            record(child, mediaTypes);
            walk(where, child.path("digest").asText(""), blobs, mediaTypes, depth + 1);
        }
    }
}
