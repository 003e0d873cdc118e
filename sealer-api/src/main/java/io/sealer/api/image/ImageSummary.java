package io.sealer.api.image;

import java.time.Instant;

/**
 * One row of {@code sealer images}: a name with one of its platforms.
 *
 * @param name full normalised name
 * @param id image id, {@code sha256:<hex>}
 * @param platform the platform
 * @param created build time
 * @param size bytes of all layers
 */
public record ImageSummary(String name, String id, Platform platform, Instant created, long size) {
}
