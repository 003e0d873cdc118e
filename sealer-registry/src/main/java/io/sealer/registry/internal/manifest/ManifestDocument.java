package io.sealer.registry.internal.manifest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sealer.api.RegistryException;
import io.sealer.api.image.Platform;
import io.sealer.api.spi.RegistryManifest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A parsed manifest: either an index (Docker manifest list or OCI index) with platform-tagged children, or an image
 * manifest with a config and layers. Parsing never changes the bytes; digests stay those of the original content.
 *
 * @param mediaType the effective media type (from the registry, else the document's {@code mediaType}, else inferred)
 * @param manifests children of an index, empty for an image manifest
 * @param config config blob of an image manifest, absent for an index
 * @param layers layer blobs of an image manifest, empty for an index
 */
public record ManifestDocument(String mediaType, List<Descriptor> manifests, Optional<Descriptor> config,
        List<Descriptor> layers) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public ManifestDocument {
        manifests = List.copyOf(manifests);
        layers = List.copyOf(layers);
    }

    /**
     * Parses a manifest fetched for {@code image}.
     *
     * @throws RegistryException naming the image when the content is not a manifest of a supported type
     */
    public static ManifestDocument parse(String image, RegistryManifest manifest) {
        JsonNode root;
        try {
            root = JSON.readTree(manifest.content());
        } catch (JsonProcessingException e) {
            throw new RegistryException(image, "manifest " + manifest.digest() + " is not valid JSON: "
                    + e.getOriginalMessage(), null);
        } catch (IOException e) {
            throw new RegistryException(image, "manifest " + manifest.digest() + " cannot be read", e);
        }
        if (root == null || !root.isObject()) {
            throw new RegistryException(image, "manifest " + manifest.digest() + " is not a JSON object", null);
        }
        String type = effectiveType(manifest.mediaType(), root);
        if (MediaTypes.isIndex(type)) {
            List<Descriptor> children = new ArrayList<>();
            for (JsonNode node : root.path("manifests")) {
                children.add(descriptor(image, manifest.digest(), node));
            }
            return new ManifestDocument(type, children, Optional.empty(), List.of());
        }
        if (MediaTypes.isImageManifest(type)) {
            if (!root.has("config")) {
                throw new RegistryException(image, "manifest " + manifest.digest() + " has no config", null);
            }
            Descriptor config = descriptor(image, manifest.digest(), root.get("config"));
            List<Descriptor> layers = new ArrayList<>();
            for (JsonNode node : root.path("layers")) {
                layers.add(descriptor(image, manifest.digest(), node));
            }
            return new ManifestDocument(type, List.of(), Optional.of(config), layers);
        }
        throw new RegistryException(image, "manifest " + manifest.digest() + " has unsupported media type \"" + type
                + "\"; expected an OCI or Docker schema 2 manifest or index", null);
    }

    /** True for a manifest list or image index. */
    public boolean isIndex() {
        return MediaTypes.isIndex(mediaType);
    }

    /** Config then layers: every blob an image manifest references. */
    public List<Descriptor> blobs() {
        List<Descriptor> all = new ArrayList<>();
        config.ifPresent(all::add);
        all.addAll(layers);
        return all;
    }

    /**
     * The child manifest of this index for {@code platform} ({@code arm64} equals {@code arm64/v8}; an empty variant
     * matches any). An exact variant match wins over a variant-less one.
     */
    public Optional<Descriptor> select(Platform platform) {
        Optional<Descriptor> exact = manifests.stream()
                .filter(d -> d.platform().map(p -> p.equals(platform)).orElse(false))
                .findFirst();
        if (exact.isPresent()) {
            return exact;
        }
        return manifests.stream()
                .filter(d -> d.platform().map(platform::matches).orElse(false))
                .findFirst();
    }

    /** The platforms this index offers, e.g. {@code linux/amd64, linux/arm64/v8}, for error messages. */
    public String platforms() {
        return manifests.stream().map(d -> d.platform().map(Platform::toString).orElse("unknown"))
                .collect(Collectors.joining(", "));
    }

    private static String effectiveType(String given, JsonNode root) {
        String stripped = given == null ? "" : given.split(";", 2)[0].trim();
        if (MediaTypes.isIndex(stripped) || MediaTypes.isImageManifest(stripped)) {
            return stripped;
        }
        String inDocument = root.path("mediaType").asText("");
        if (!inDocument.isEmpty()) {
            return inDocument;
        }
        if (root.has("manifests")) {
            return MediaTypes.OCI_INDEX;
        }
        if (root.has("config") || root.has("layers")) {
            return MediaTypes.OCI_MANIFEST;
        }
        return stripped;
    }

    private static Descriptor descriptor(String image, String manifestDigest, JsonNode node) {
        String digest = node.path("digest").asText("");
        if (!Digests.isSha256(digest)) {
            throw new RegistryException(image, "manifest " + manifestDigest + " references \"" + digest
                    + "\"; expected a sha256:<64 hex digits> digest", null);
        }
        Optional<Platform> platform = Optional.empty();
        JsonNode p = node.get("platform");
        if (p != null && p.isObject() && !p.path("os").asText("").isEmpty()
                && !p.path("architecture").asText("").isEmpty()) {
            platform = Optional.of(new Platform(p.path("os").asText(), p.path("architecture").asText(),
                    p.path("variant").asText("")));
        }
        return new Descriptor(node.path("mediaType").asText(""), digest, node.path("size").asLong(-1), platform);
    }
}
