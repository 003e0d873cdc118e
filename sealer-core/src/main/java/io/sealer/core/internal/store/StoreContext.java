package io.sealer.core.internal.store;

import io.sealer.core.internal.io.AtomicFiles;
import io.sealer.core.internal.io.IoFailures;
import io.sealer.core.internal.io.Trees;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the parts of one open store share: its layout, this process's owner token, the store lock, atomic writes,
 * the metadata codec, the layer directories and this store's leases. Writers take {@link #writeLock()}, which also
 * removes what dead processes left in {@code tmp/}; readers take {@link #readLock()}.
 */
final class StoreContext {
    private static final Logger LOG = LoggerFactory.getLogger(StoreContext.class);

    final StorePaths paths;
    final OwnerToken owner;
    final StoreLock lock;
    final AtomicFiles files;
    final ImageCodec codec = new ImageCodec();
    final LayerRegistry layers;
    final Leases leases;
    private final Set<Path> temporaries = ConcurrentHashMap.newKeySet();

    StoreContext(StorePaths paths, StoreLock lock) {
        this.paths = paths;
        this.lock = lock;
        this.owner = OwnerToken.current();
        this.files = new AtomicFiles(paths.tmp(), () -> owner.newName("part"));
        this.layers = new LayerRegistry(paths, owner);
        this.leases = new Leases(paths, owner, files);
    }

    /** The shared lock. */
    StoreLock.Held readLock() {
        return lock.shared();
    }

    /** The exclusive lock, after deleting the temporary files of processes that are gone. */
    StoreLock.Held writeLock() {
        StoreLock.Held held = lock.exclusive();
        try {
            cleanStale();
        } catch (RuntimeException e) {
            held.close();
            throw e;
        }
        return held;
    }

    /** A fresh path under {@code tmp/} owned by this process; nothing is created. */
    Path newTemporary(String suffix) {
        Path path = paths.tmp().resolve(owner.newName(suffix));
        temporaries.add(path);
        return path;
    }

    /** Deletes every temporary path this store handed out that still exists. */
    void deleteTemporaries() {
        for (Path path : temporaries) {
            Trees.deleteQuietly(path);
        }
        temporaries.clear();
    }

    private void cleanStale() {
        try (DirectoryStream<Path> children = Files.newDirectoryStream(paths.tmp())) {
            for (Path child : children) {
                String name = child.getFileName().toString();
                if (!owner.owns(name) && !OwnerToken.ownerAlive(name)) {
                    LOG.debug("removing stale temporary {}", child);
                    Trees.deleteRecursively(child);
                }
            }
        } catch (IOException e) {
            throw IoFailures.wrap(paths.tmp(), "cleaning temporary files", e);
        }
    }
}
