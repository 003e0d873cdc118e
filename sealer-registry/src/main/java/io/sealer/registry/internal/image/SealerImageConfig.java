package io.sealer.registry.internal.image;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sealer.api.RegistryException;
import io.sealer.api.image.ClusterImage;
import io.sealer.api.image.ImageConfig;
import io.sealer.api.image.Layer;
import io.sealer.api.image.Platform;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The config blob of a pushed cluster image: a valid OCI image configuration (platform, {@code rootfs.diff_ids} equal
 * to the layer ids, since those are the digests of the uncompressed tars, {@code history} with one entry per sealer
 * layer, environment and labels) plus the sealer metadata under {@value #SEALER_KEY}: every layer (id, type, value,
 * size, empty ones included), the image configuration and the container image list. The bytes are deterministic, so
 * pushing the same image twice gives the same digests.
 */
final class SealerImageConfig {
    /** Media type of the config blob: the standard OCI one, so every OCI tool can read the image. */
    static final String MEDIA_TYPE = "application/vnd.oci.image.config.v1+json";
    /** Top-level key holding sealer's metadata. */
    static final String SEALER_KEY = "io.sealer.image";
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private SealerImageConfig() {
    }

    /** The config blob of {@code image}. */
    static byte[] toJson(ClusterImage image) {
        ObjectNode root = JSON.createObjectNode();
        Platform platform = image.platform();
        root.put("architecture", platform.architecture());
        root.put("os", platform.os());
        if (!platform.variant().isEmpty()) {
            root.put("variant", platform.variant());
        }
        String created = image.created() == null ? null : image.created().toString();
        if (created != null) {
            root.put("created", created);
        }
        ObjectNode config = root.putObject("config");
        ArrayNode env = config.putArray("Env");
        image.config().env().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> env.add(e.getKey() + "=" + e.getValue()));
        ObjectNode labels = config.putObject("Labels");
        image.config().labels().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> labels.put(e.getKey(), e.getValue()));
        ObjectNode rootfs = root.putObject("rootfs").put("type", "layers");
        ArrayNode diffIds = rootfs.putArray("diff_ids");
        ArrayNode history = root.putArray("history");
        for (Layer layer : image.layers()) {
            if (layer.id() != null) {
                diffIds.add(layer.id());
            }
            ObjectNode entry = history.addObject();
            if (created != null) {
                entry.put("created", created);
            }
            entry.put("created_by", layer.type() + " " + layer.value());
            if (layer.id() == null) {
                entry.put("empty_layer", true);
            }
        }
        ObjectNode sealer = root.putObject(SEALER_KEY);
        sealer.put("name", image.name());
        ArrayNode layers = sealer.putArray("layers");
        for (Layer layer : image.layers()) {
            ObjectNode node = layers.addObject();
            if (layer.id() != null) {
                node.put("id", layer.id());
            }
            node.put("type", layer.type()).put("value", layer.value()).put("size", layer.size());
        }
        sealer.set("config", canonical(JSON.valueToTree(image.config())));
        ArrayNode images = sealer.putArray("containerImages");
        image.containerImages().forEach(images::add);
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise image config", e);
        }
    }

    /**
     * Reads a config blob pulled for {@code image}.
     *
     * @return the image (named {@code name}, without id)
     * @throws RegistryException naming the image when the blob is not a sealer cluster image config or is inconsistent
     */
    static ClusterImage parse(String image, String digest, byte[] blob, String name) {
        JsonNode root;
        try {
            root = JSON.readTree(blob);
        } catch (IOException e) {
            throw new RegistryException(image, "config blob " + digest + " is not valid JSON", e);
        }
        JsonNode sealer = root == null ? null : root.get(SEALER_KEY);
        if (sealer == null || !sealer.isObject()) {
            throw new RegistryException(image, "is not a cluster image: config blob " + digest + " has no \""
                    + SEALER_KEY + "\" metadata", null);
        }
        try {
            Platform platform = new Platform(root.path("os").asText(), root.path("architecture").asText(),
                    root.path("variant").asText(""));
            List<Layer> layers = new ArrayList<>();
            for (JsonNode node : sealer.path("layers")) {
                String id = node.hasNonNull("id") ? node.get("id").asText() : null;
                layers.add(new Layer(id, node.path("type").asText(), node.path("value").asText(""),
                        node.path("size").asLong(0)));
            }
            List<String> diffIds = new ArrayList<>();
            root.path("rootfs").path("diff_ids").forEach(n -> diffIds.add(n.asText()));
            List<String> ids = layers.stream().map(Layer::id).filter(java.util.Objects::nonNull).toList();
            if (!ids.equals(diffIds)) {
                throw new RegistryException(image, "config blob " + digest + " is inconsistent: rootfs.diff_ids "
                        + diffIds + " differ from the sealer layer ids " + ids, null);
            }
            ImageConfig config = JSON.treeToValue(sealer.path("config"), ImageConfig.class);
            List<String> containerImages = new ArrayList<>();
            sealer.path("containerImages").forEach(n -> containerImages.add(n.asText()));
            Instant created = root.hasNonNull("created") ? Instant.parse(root.get("created").asText()) : null;
            return new ClusterImage(name, null, platform, layers, config, containerImages, created);
        } catch (IOException | IllegalArgumentException | DateTimeParseException e) {
            throw new RegistryException(image, "config blob " + digest + " holds invalid sealer metadata: "
                    + e.getMessage(), e);
        }
    }

    /** Sorts object keys recursively so map order never changes the bytes. */
    private static JsonNode canonical(JsonNode node) {
        if (node.isObject()) {
            ObjectNode sorted = JSON.createObjectNode();
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.stream().sorted().forEach(n -> sorted.set(n, canonical(node.get(n))));
            return sorted;
        }
        if (node.isArray()) {
            ArrayNode array = JSON.createArrayNode();
            node.forEach(n -> array.add(canonical(n)));
            return array;
        }
        return node;
    }
}
