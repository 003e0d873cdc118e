package io.sealer.api.image;

import java.util.List;

/**
 * What removing an image or pruning the store removed.
 *
 * @param images image ids whose metadata was deleted (no name refers to them any more)
 * @param layers layer ids whose files were deleted
 * @param reclaimedBytes the bytes of those layers (their uncompressed content)
 */
public record RemovalResult(List<String> images, List<String> layers, long reclaimedBytes) {
    public RemovalResult {
        images = List.copyOf(images);
        layers = List.copyOf(layers);
    }
}
