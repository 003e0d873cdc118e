/**
 * Cluster images as ordinary OCI images in a registry: push and pull
 * ({@link io.sealer.registry.internal.image.OciClusterImageTransport}), the config blob carrying sealer's metadata.
 */
package io.sealer.registry.internal.image;
