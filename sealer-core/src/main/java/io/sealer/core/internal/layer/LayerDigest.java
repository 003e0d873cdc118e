package io.sealer.core.internal.layer;

import java.util.Optional;

/**
 * The identity of a reproducible layer tar: its {@code sha256:} digest and its length in bytes. A directory with no
 * entries gives {@link #EMPTY}: no id, no bytes, nothing stored.
 *
 * @param id {@code sha256:<64 hex>} of the uncompressed tar, or {@code null} for an empty layer
 * @param size bytes of the uncompressed tar, 0 for an empty layer
 */
public record LayerDigest(String id, long size) {
    /** The digest of a layer without entries. */
    public static final LayerDigest EMPTY = new LayerDigest(null, 0);

    public LayerDigest {
        if (id != null && !id.matches("sha256:[0-9a-f]{64}")) {
            throw new IllegalArgumentException("layer id must be sha256:<64 hex>, got " + id);
        }
        if (size < 0) {
            throw new IllegalArgumentException("negative layer size " + size);
        }
    }

    /** True when the layer had no entries. */
    public boolean isEmpty() {
        return id == null;
    }

    /** The id, absent for an empty layer. */
    public Optional<String> optionalId() {
        return Optional.ofNullable(id);
    }

    /** The 64 hex digits of the id; absent for an empty layer. */
    public Optional<String> hex() {
        return optionalId().map(i -> i.substring("sha256:".length()));
    }
}
