package io.sealer.core.internal.store;

import io.sealer.api.StoreException;
import io.sealer.core.internal.io.Digests;
import io.sealer.core.internal.io.IoFailures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The build cache: {@code metadata/cache/<sha256 of the key>} holds the id of the layer that key produced. An entry
 * counts only while its layer is complete in the store.
 */
@SuppressWarnings("try") // lock guards are held for the scope of their try block and never used in it
final class BuildCache {
    private static final String LAYER_ID = "sha256:[0-9a-f]{64}";

    private final StoreContext store;

    BuildCache(StoreContext store) {
        this.store = store;
    }

    /** See {@link ImageStore#cachedLayer(String)}. */
    Optional<String> lookup(String key) {
        Path file = entry(key);
        try (StoreLock.Held held = store.readLock()) {
            String id;
            try {
                id = Files.readString(file, StandardCharsets.UTF_8).trim();
            } catch (NoSuchFileException e) {
                return Optional.empty();
            } catch (IOException e) {
                throw IoFailures.wrap(file, "reading the build cache", e);
            }
            if (!usable(id)) {
                return Optional.empty();
            }
            store.leases.hold(LayerRegistry.hexOf(id));
            return Optional.of(id);
        }
    }

    /** See {@link ImageStore#recordCache(String, String)}. */
    void record(String key, String layerId) {
        String hex = LayerRegistry.hexOf(layerId);
        try (StoreLock.Held held = store.readLock()) {
            if (!store.layers.isComplete(hex)) {
                throw new StoreException(store.paths.layerDir(hex).toString(),
                        "cannot cache layer " + layerId + ": it is not in the store", null);
            }
            store.files.write(entry(key), (layerId + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Deletes the entries whose layer is gone (or that are not a layer id). Needs the exclusive lock. */
    void dropDanglingLocked() {
        try (DirectoryStream<Path> children = Files.newDirectoryStream(store.paths.cache())) {
            for (Path child : children) {
                if (!usable(Files.readString(child, StandardCharsets.UTF_8).trim())) {
                    Files.deleteIfExists(child);
                }
            }
        } catch (IOException e) {
            throw IoFailures.wrap(store.paths.cache(), "cleaning the build cache", e);
        }
    }

    private Path entry(String key) {
        return store.paths.cache().resolve(Digests.sha256Hex(key));
    }

    private boolean usable(String id) {
        return id.matches(LAYER_ID) && store.layers.isComplete(LayerRegistry.hexOf(id));
    }
}
