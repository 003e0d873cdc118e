package io.sealer.core.internal.layer;

import io.sealer.api.StoreException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Runs {@link TreeScanner#walk} on a background thread and hands its entries, in order, to one consumer thread, so
 * that listing and stat-ing the tree overlaps with reading and hashing the files. Entries travel in small batches.
 * A failure of the walk is rethrown by {@link #next()} after the entries before it; {@link #close()} stops the walk.
 * The queue is unbounded, so the walk never waits for the consumer (it holds no more than the full entry list that a
 * plain scan would).
 */
final class ScanAhead implements AutoCloseable {
    private static final int BATCH = 64;
    private static final Object END = new Object();

    private final Path root;
    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private volatile boolean cancelled;
    private List<TreeScanner.Entry> batch = List.of();
    private int index;
    private boolean done;

    private ScanAhead(Path root) {
        this.root = root;
    }

    /** Starts walking {@code root} on a new daemon thread. */
    static ScanAhead start(Path root) {
        ScanAhead scan = new ScanAhead(root);
        Thread thread = new Thread(scan::run, "sealer-layer-scan");
        thread.setDaemon(true);
        thread.start();
        return scan;
    }

    private void run() {
        List<TreeScanner.Entry> pending = new ArrayList<>(BATCH);
        try {
            TreeScanner.walk(root, entry -> {
                if (cancelled) {
                    throw new Cancelled();
                }
                pending.add(entry);
                if (pending.size() == BATCH) {
                    queue.add(List.copyOf(pending));
                    pending.clear();
                }
            });
            if (!pending.isEmpty()) {
                queue.add(List.copyOf(pending));
            }
            queue.add(END);
        } catch (Cancelled e) {
            // the consumer has gone; nobody reads the queue any more
        } catch (RuntimeException | Error e) {
            queue.add(e);
        }
    }

    /**
     * The next entry in tar order, or {@code null} after the last one. Waits for the walk when it is behind.
     *
     * @throws StoreException as thrown by the walk, or when interrupted while waiting
     */
    TreeScanner.Entry next() {
        while (index == batch.size()) {
            if (done) {
                return null;
            }
            Object item = take();
            if (item == END) {
                done = true;
                return null;
            }
            if (item instanceof RuntimeException e) {
                done = true;
                throw e;
            }
            if (item instanceof Error e) {
                done = true;
                throw e;
            }
            @SuppressWarnings("unchecked")
            List<TreeScanner.Entry> entries = (List<TreeScanner.Entry>) item;
            batch = entries;
            index = 0;
        }
        return batch.get(index++);
    }

    private Object take() {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new StoreException(root.toString(), "interrupted while reading the layer directory", e);
        }
    }

    /** Stops the walk if it is still going; entries not taken yet are dropped. */
    @Override
    public void close() {
        cancelled = true;
        done = true;
        queue.clear();
    }

    /** Thrown inside the walk to stop it once the consumer has closed. */
    private static final class Cancelled extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Cancelled() {
            super(null, null, false, false);
        }
    }
}
