package io.sealer.core.internal.store;

import io.sealer.api.image.Layer;
import java.util.Optional;

/**
 * A layer registered in the store, or {@link #EMPTY} for a directory without entries (no id, nothing stored).
 *
 * @param id {@code sha256:<hex>}, or {@code null} when empty
 * @param size bytes of the layer's reproducible tar
 */
public record StoredLayer(String id, long size) {
    /** The layer of an instruction that added nothing. */
    public static final StoredLayer EMPTY = new StoredLayer(null, 0);

    /** True for {@link #EMPTY}. */
    public boolean isEmpty() {
        return id == null;
    }

    /** The id, absent when empty. */
    public Optional<String> optionalId() {
        return Optional.ofNullable(id);
    }

    /** The image-metadata view of this layer for the instruction {@code type} with arguments {@code value}. */
    public Layer toLayer(String type, String value) {
        return new Layer(id, type, value, size);
    }
}
