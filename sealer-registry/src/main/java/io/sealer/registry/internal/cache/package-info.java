/**
 * The registry-cache writer ({@link io.sealer.registry.internal.cache.RegistryCache}): pulls container images for the target
 * platforms into the CNCF distribution server's on-disk layout, so {@code registry serve} can serve a cluster image's
 * cache layer as it is.
 */
package io.sealer.registry.internal.cache;
