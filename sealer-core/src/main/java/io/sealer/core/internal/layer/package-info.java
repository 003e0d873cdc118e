/**
 * Layers as files: {@link io.sealer.core.internal.layer.ReproducibleTar} writes a directory as a reproducible tar and hashes
 * it while writing (the layer id), {@link io.sealer.core.internal.layer.LayerExtractor} extracts a tar without letting any
 * entry escape its root, and {@link io.sealer.core.internal.layer.Snapshot}/{@link io.sealer.core.internal.layer.SnapshotDiff} turn
 * what a RUN command changed into a layer with OCI whiteouts.
 */
package io.sealer.core.internal.layer;
