package io.sealer.core.internal.store;

import io.sealer.api.StoreException;
import io.sealer.core.internal.io.IoFailures;
import io.sealer.core.internal.io.Trees;
import io.sealer.core.internal.layer.LayerDigest;
import io.sealer.core.internal.layer.LayerDigestMismatchException;
import io.sealer.core.internal.layer.LayerExtractor;
import io.sealer.core.internal.layer.ReproducibleTar;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's layer operations: staging directories, adding a layer from a directory or a tar stream (leased to
 * this store until an image uses it), looking layers up and exporting their reproducible tar. The files themselves
 * are kept by {@link LayerRegistry}.
 */
@SuppressWarnings("try") // lock guards are held for the scope of their try block and never used in it
final class LayerFiles {
    private static final Logger LOG = LoggerFactory.getLogger(LayerFiles.class);

    private final StoreContext store;

    LayerFiles(StoreContext store) {
        this.store = store;
    }

    /** See {@link ImageStore#newStagingDir()}. */
    Path newStagingDir() {
        Path dir = store.newTemporary("staging");
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw IoFailures.wrap(dir, "creating a staging directory", e);
        }
    }

    /** See {@link ImageStore#addLayer(Path)}; {@code known} is the staging directory's digest when already known. */
    StoredLayer add(Path dir, LayerDigest known) {
        Path source = dir.toAbsolutePath().normalize();
        Path tmp = store.paths.tmp();
        if (source.startsWith(tmp) && !source.equals(tmp)) {
            LayerDigest digest = known != null ? known : ReproducibleTar.digest(source);
            if (digest.isEmpty()) {
                Trees.deleteQuietly(source);
                return StoredLayer.EMPTY;
            }
            return install(source, digest);
        }
        Path tar = store.newTemporary("tar");
        Path staging = newStagingDir();
        try {
            LayerDigest digest;
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tar), 64 * 1024)) {
                digest = ReproducibleTar.write(source, out);
            }
            if (digest.isEmpty()) {
                return StoredLayer.EMPTY;
            }
            try (InputStream in = new BufferedInputStream(Files.newInputStream(tar), 64 * 1024)) {
                LayerExtractor.extractVerified(in, staging, digest.id());
            }
            return install(staging, digest);
        } catch (IOException e) {
            throw IoFailures.wrap(tar, "staging layer from " + source, e);
        } finally {
            Trees.deleteQuietly(tar);
            Trees.deleteQuietly(staging);
        }
    }

    /** See {@link ImageStore#addLayer(InputStream, String)}. */
    StoredLayer add(InputStream tar, String expectedId) {
        String hex = LayerRegistry.hexOf(expectedId);
        try (StoreLock.Held held = store.readLock()) {
            Optional<Long> size = store.layers.size(hex);
            if (size.isPresent()) {
                store.leases.hold(hex);
                return new StoredLayer(expectedId, size.get());
            }
        }
        Path staging = newStagingDir();
        try {
            LayerDigest digest = LayerExtractor.extractVerified(tar, staging, expectedId);
            return install(staging, digest);
        } finally {
            Trees.deleteQuietly(staging);
        }
    }

    private StoredLayer install(Path staging, LayerDigest digest) {
        try (StoreLock.Held held = store.writeLock()) {
            store.layers.install(staging, digest);
            store.leases.hold(digest.hex().orElseThrow());
        }
        LOG.debug("stored layer {} ({} bytes)", digest.id(), digest.size());
        return new StoredLayer(digest.id(), digest.size());
    }

    boolean has(String layerId) {
        try (StoreLock.Held held = store.readLock()) {
            return store.layers.isComplete(LayerRegistry.hexOf(layerId));
        }
    }

    Optional<StoredLayer> find(String layerId) {
        try (StoreLock.Held held = store.readLock()) {
            return store.layers.size(LayerRegistry.hexOf(layerId)).map(size -> new StoredLayer(layerId, size));
        }
    }

    /** See {@link ImageStore#layerPath(String)}. */
    Path path(String layerId) {
        String hex = LayerRegistry.hexOf(layerId);
        if (!has(layerId)) {
            throw new StoreException(store.paths.layerDir(hex).toString(), "layer " + layerId
                    + " is not in the store", null);
        }
        return store.paths.layerDir(hex);
    }

    /** See {@link ImageStore#exportLayer(String, OutputStream)}. */
    LayerDigest export(String layerId, OutputStream out) {
        Path dir = path(layerId);
        try (StoreLock.Held held = store.readLock()) {
            LayerDigest digest = ReproducibleTar.write(dir, out);
            if (!layerId.equals(digest.id())) {
                throw new LayerDigestMismatchException(dir.toString(), layerId, String.valueOf(digest.id()));
            }
            return digest;
        }
    }
}
