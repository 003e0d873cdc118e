/**
 * The local image store ({@link io.sealer.core.internal.store.ImageStore}): layer files under {@code data/overlay2/<hex>},
 * metadata under {@code metadata/}, atomic commits staged in {@code tmp/}, a file lock and per-process leases for
 * concurrent processes, garbage collection, verified save/load and the build cache.
 *
 * <p>{@code ImageStore} is a facade over package-private parts with one job each, sharing a
 * {@link io.sealer.core.internal.store.StoreContext}: {@code LayerFiles} (staging, adding, finding and exporting
 * layers, on top of {@code LayerRegistry}, the layer directories on disk), {@code ImageIndex} (image metadata and the
 * name index: commit, find, list, tag), {@code BuildCache}, {@code ImageArchive} (save and load) and
 * {@code GarbageCollector} (rmi and prune).
 */
package io.sealer.core.internal.store;
