package io.sealer.core.internal.store;

import io.sealer.api.image.Platform;
import io.sealer.api.image.RemovalResult;
import io.sealer.core.internal.io.IoFailures;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removal: {@code rmi} drops names and then collects, {@code prune} just collects. Collecting deletes image metadata
 * no name points at, layers no image refers to (except those leased by live processes) and build-cache entries
 * whose layer is gone. Each deletion is logged at DEBUG, one summary per removal at INFO.
 */
@SuppressWarnings("try") // lock guards are held for the scope of their try block and never used in it
final class GarbageCollector {
    private static final Logger LOG = LoggerFactory.getLogger(GarbageCollector.class);

    private final StoreContext store;
    private final ImageIndex images;
    private final BuildCache cache;

    GarbageCollector(StoreContext store, ImageIndex images, BuildCache cache) {
        this.store = store;
        this.images = images;
        this.cache = cache;
    }

    /** See {@link ImageStore#rmi(String, Optional)}. */
    RemovalResult rmi(String ref, Optional<Platform> platform) {
        try (StoreLock.Held held = store.writeLock()) {
            images.untagLocked(ref, platform);
            return collectLocked("rmi " + ref);
        }
    }

    /** See {@link ImageStore#prune()}. */
    RemovalResult prune() {
        try (StoreLock.Held held = store.writeLock()) {
            return collectLocked("prune");
        }
    }

    private RemovalResult collectLocked(String why) {
        Map<String, List<ImageCodec.IndexEntry>> index = images.read();
        Set<String> imageIds = ImageIndex.referencedIds(index);
        List<String> removedImages = new ArrayList<>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(store.paths.imageDb(), "*.json")) {
            for (Path child : children) {
                String id = "sha256:" + child.getFileName().toString().replaceFirst("\\.json$", "");
                if (!imageIds.contains(id)) {
                    Files.deleteIfExists(child);
                    removedImages.add(id);
                    LOG.debug("deleted image {}", id);
                }
            }
        } catch (IOException e) {
            throw IoFailures.wrap(store.paths.imageDb(), "removing unused image metadata", e);
        }
        Set<String> keep = new HashSet<>(store.leases.liveLayers());
        for (String id : imageIds) {
            images.loadStored(id).layers().forEach(l -> l.hex().ifPresent(keep::add));
        }
        List<String> removedLayers = new ArrayList<>();
        long reclaimed = 0;
        for (String hex : store.layers.allOnDisk()) {
            if (!keep.contains(hex)) {
                reclaimed += store.layers.size(hex).orElse(0L);
                store.layers.delete(hex);
                removedLayers.add("sha256:" + hex);
                LOG.debug("deleted layer sha256:{}", hex);
            }
        }
        cache.dropDanglingLocked();
        if (!removedImages.isEmpty() || !removedLayers.isEmpty()) {
            LOG.info("{}: removed {} image(s) and {} layer(s) ({} bytes) from {}", why, removedImages.size(),
                    removedLayers.size(), reclaimed, store.paths.root());
        }
        return new RemovalResult(removedImages, removedLayers, reclaimed);
    }
}
