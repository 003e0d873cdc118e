/**
 * Layers as files: {@link io.sealer.core.layer.ReproducibleTar} writes a directory as a reproducible tar and hashes
 * it while writing (the layer id), {@link io.sealer.core.layer.LayerExtractor} extracts a tar without letting any
 * entry escape its root, and {@link io.sealer.core.layer.Snapshot}/{@link io.sealer.core.layer.SnapshotDiff} turn
 * what a RUN command changed into a layer with OCI whiteouts.
 */
package io.sealer.core.layer;
