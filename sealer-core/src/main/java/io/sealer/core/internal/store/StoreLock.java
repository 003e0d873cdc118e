package io.sealer.core.internal.store;

import io.sealer.api.StoreException;
import io.sealer.core.internal.io.IoFailures;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The store's readers-writer lock, across threads and processes: a {@link ReentrantReadWriteLock} inside the JVM and
 * a {@link FileLock} on {@code <root>/.lock} between processes (shared for readers, exclusive for writers). File locks
 * belong to the whole process, so there is exactly one instance (and one open channel) per lock file per JVM; that
 * registry is the only static state of the store, and it has to be.
 */
final class StoreLock {
    /** JVM-wide by necessity: POSIX record locks are per process, so every store on a root must share one. */
    private static final ConcurrentMap<Path, StoreLock> LOCKS = new ConcurrentHashMap<>();

    /** A held lock; closing releases it. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }

    private final Path file;
    private final ReentrantReadWriteLock jvmLock = new ReentrantReadWriteLock(true);
    private final Object monitor = new Object();
    private FileChannel channel;
    private boolean readOnly;
    private FileLock sharedLock;
    private int sharedHolders;

    private StoreLock(Path file) {
        this.file = file;
    }

    static StoreLock of(Path lockFile) {
        return LOCKS.computeIfAbsent(lockFile, StoreLock::new);
    }

    Held shared() {
        jvmLock.readLock().lock();
        try {
            synchronized (monitor) {
                if (sharedHolders == 0) {
                    sharedLock = channel().lock(0, Long.MAX_VALUE, true);
                }
                sharedHolders++;
            }
        } catch (IOException | RuntimeException e) {
            jvmLock.readLock().unlock();
            throw failure(e);
        }
        return () -> {
            try {
                synchronized (monitor) {
                    if (--sharedHolders == 0) {
                        release(sharedLock);
                        sharedLock = null;
                    }
                }
            } finally {
                jvmLock.readLock().unlock();
            }
        };
    }

    Held exclusive() {
        synchronized (monitor) {
            try {
                channel();
            } catch (IOException e) {
                throw failure(e);
            }
            if (readOnly) {
                throw new StoreException(file.getParent().toString(), "the store is read-only (its file system or "
                        + "permissions allow no writing): it can be listed and read, not changed", null);
            }
        }
        if (jvmLock.isWriteLockedByCurrentThread()) {
            jvmLock.writeLock().lock();
            return () -> jvmLock.writeLock().unlock();
        }
        jvmLock.writeLock().lock();
        FileLock lock;
        try {
            synchronized (monitor) {
                lock = channel().lock(0, Long.MAX_VALUE, false);
            }
        } catch (IOException | RuntimeException e) {
            jvmLock.writeLock().unlock();
            throw failure(e);
        }
        return () -> {
            try {
                release(lock);
            } finally {
                jvmLock.writeLock().unlock();
            }
        };
    }

    /** True when the calling thread holds the exclusive lock. */
    boolean heldExclusively() {
        return jvmLock.isWriteLockedByCurrentThread();
    }

    private FileChannel channel() throws IOException {
        if (channel == null || !channel.isOpen()) {
            // never closed on purpose: closing any channel on the file drops every lock this process holds on it
            try {
                channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                        StandardOpenOption.WRITE);
            } catch (FileSystemException e) {
                // read-only media or permissions: readers may still share the lock
                channel = FileChannel.open(file, StandardOpenOption.READ);
                readOnly = true;
            }
        }
        return channel;
    }

    private void release(FileLock lock) {
        try {
            if (lock != null && lock.isValid()) {
                lock.release();
            }
        } catch (IOException e) {
            throw IoFailures.wrap(file, "releasing the store lock", e);
        }
    }

    private StoreException failure(Exception e) {
        if (e instanceof StoreException se) {
            return se;
        }
        if (e instanceof IOException io) {
            return IoFailures.wrap(file, "locking the store", io);
        }
        return new StoreException(file.toString(), "locking the store failed: " + e, e);
    }
}
