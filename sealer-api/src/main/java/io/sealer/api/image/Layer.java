package io.sealer.api.image;

import java.util.Objects;
import java.util.Optional;

/**
 * One layer of a cluster image, as {@code sealer inspect} shows it.
 *
 * @param id {@code sha256:<hex>} of the layer's reproducible tar, or {@code null} for an instruction that added no
 *           files (such a layer stores nothing)
 * @param type the instruction that made it ({@code COPY}, {@code RUN}, {@code BASE}, ...)
 * @param value the instruction's arguments, e.g. {@code imageList manifests}, or {@code registry cache}
 * @param size bytes of the uncompressed tar, 0 for an empty layer
 */
public record Layer(String id, String type, String value, long size) {
    /** Layer type of the registry cache layer. */
    public static final String TYPE_BASE = "BASE";
    /** Layer value of the registry cache layer. */
    public static final String REGISTRY_CACHE = "registry cache";

    public Layer {
        Objects.requireNonNull(type, "type");
        value = value == null ? "" : value;
        if (id != null && !id.matches("sha256:[0-9a-f]{64}")) {
            throw new IllegalArgumentException("layer id must be sha256:<64 hex>, got " + id);
        }
    }

    /** The id, absent for an empty layer. */
    public Optional<String> optionalId() {
        return Optional.ofNullable(id);
    }

    /** The 64 hex digits of the id (the directory name under {@code data/overlay2}); absent for an empty layer. */
    public Optional<String> hex() {
        return optionalId().map(i -> i.substring("sha256:".length()));
    }

    /** True for the {@code BASE}/{@code registry cache} layer. */
    public boolean isRegistryCache() {
        return TYPE_BASE.equals(type) && REGISTRY_CACHE.equals(value);
    }
}
