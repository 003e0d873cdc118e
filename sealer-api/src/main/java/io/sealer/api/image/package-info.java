/**
 * Image vocabulary: {@link io.sealer.api.image.ImageReference} (Docker normalisation),
 * {@link io.sealer.api.image.Platform}, and the stored {@link io.sealer.api.image.ClusterImage} with its
 * {@link io.sealer.api.image.Layer}s and {@link io.sealer.api.image.ImageConfig}.
 */
package io.sealer.api.image;
