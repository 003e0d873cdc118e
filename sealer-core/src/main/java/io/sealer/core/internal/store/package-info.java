/**
 * The local image store ({@link io.sealer.core.internal.store.ImageStore}): layer files under {@code data/overlay2/<hex>},
 * metadata under {@code metadata/}, atomic commits staged in {@code tmp/}, a file lock and per-process leases for
 * concurrent processes, garbage collection, verified save/load and the build cache.
 */
package io.sealer.core.internal.store;
